/**
 * The floor: plain node:http answering every request with `{"ok":true}` without reading it — what no framework and no
 * work at all costs. Usage: `node --import tsx bench/servers/bare-node.ts <port>`.
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const body = JSON.stringify({ ok: true });
createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(port, '127.0.0.1');
// Exit through process.exit so `node --cpu-prof` writes its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
