// The start-up baseline: a bare node:http hello-world started like the simulator (`node <file> --port <n>`, or
// through npm: `npm run bench:hello -- --port <n>`). Plain .mjs: no loader, no bundle.
import { createServer } from 'node:http';

const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
// `--busy-ms <n>`: work the CPU that long before listening, a control as slow to start as the simulator, to tell
// what npm adds to any process of that start-up time from what the simulator's start script would add.
const busyAt = process.argv.indexOf('--busy-ms');
const busyUntil = performance.now() + (busyAt > 0 ? Number(process.argv[busyAt + 1]) : 0);
for (let x = 0; performance.now() < busyUntil;) x += Math.sqrt(x + 1);
createServer((_req, res) => res.end('ok')).listen(port, '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
