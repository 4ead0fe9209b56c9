// The start-up baseline: a bare node:http hello-world started like the simulator (`node <file> --port <n>`, or
// through npm: `npm run bench:hello -- --port <n>`). Plain .mjs: no loader, no bundle.
import { createServer } from 'node:http';

const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
createServer((_req, res) => res.end('ok')).listen(port, '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
