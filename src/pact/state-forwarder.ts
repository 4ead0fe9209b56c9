import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Pact verifier posts provider-state changes straight to `providerStatesSetupUrl` and cannot add a header to
 * them. Against a simulator with an admin token, they go through this loopback forwarder, which adds
 * `Authorization: Bearer <token>` and passes everything else (path, query, body, answer) through unchanged.
 */
export async function startStateForwarder(
  origin: string,
  authorization: Record<string, string>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      fetch(`${origin}${req.url ?? '/'}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json', ...authorization },
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
      }).then(
        async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        (err: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(err.message),
      );
    });
  }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
