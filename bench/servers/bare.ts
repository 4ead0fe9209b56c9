/**
 * The baseline: a bare express 5 app (default settings) answering every request with a small JSON, or with the JSON
 * document in `bodyFile` when given. Usage: `node --import tsx bench/servers/bare.ts <port> [bodyFile]`.
 */
import { readFileSync } from 'node:fs';
import express from 'express';

const port = Number(process.argv[2] ?? 0);
const bodyFile = process.argv[3];
const body: unknown = bodyFile ? JSON.parse(readFileSync(bodyFile, 'utf8')) : { ok: true };
const app = express();
app.use((_req, res) => {
  res.json(body);
});
app.listen(port, '127.0.0.1');
// Exit through process.exit so `node --cpu-prof` writes its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
