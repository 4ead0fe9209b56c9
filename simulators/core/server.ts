import type { AddressInfo } from 'node:net';
import { type Server, createServer } from 'node:http';
import { createSimulator, type Simulator, type SimulatorOptions } from './app.ts';
import { ADMIN_TOKEN_ENV, isLoopback } from './admin/token.ts';

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
  const warning = openAdminWarning(address.address, address.port, options.adminToken);
  if (warning) console.warn(warning);
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

/** Printed when the admin plane is reachable from other machines and open to anyone who reaches it. */
export function openAdminWarning(host: string, port: number, adminToken: string | undefined): string | undefined {
  if (adminToken || isLoopback(host)) return undefined;
  const line = '!'.repeat(100);
  return [
    line,
    `WARNING: listening on ${host}:${port} (not loopback) WITHOUT an admin token: anyone who reaches this port can`,
    "read every sandbox's credentials, reset or delete sandboxes and inject faults through /__admin.",
    `Set one with --admin-token <token> or ${ADMIN_TOKEN_ENV}=<token> (clients then send Authorization: Bearer <token>).`,
    line,
  ].join('\n');
}
