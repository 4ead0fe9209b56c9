import type { AddressInfo } from 'node:net';
import { type Server, createServer } from 'node:http';
import { createSimulator, type Simulator, type SimulatorOptions } from './app.ts';

export interface RunningSimulator extends Simulator {
  server: Server;
  url: string;
  /** Stops accepting connections, saves state (when persistent) and closes. */
  stop(): Promise<void>;
}

export async function startSimulator(
  options: SimulatorOptions & { host?: string; port?: number },
): Promise<RunningSimulator> {
  const sim = await createSimulator(options);
  const server = createServer(sim.app).listen(options.port ?? 0, options.host ?? '127.0.0.1');
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (err) {
    await sim.close(); // stops the autosave timer
    throw err;
  }
  // Keep-alive sockets must not hold a graceful stop open.
  server.keepAliveTimeout = 5000;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  return {
    ...sim,
    server,
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sim.close();
    },
  };
}
