/**
 * Fallback for the bench when the CLI is not available: every vendor on one port with the default sandbox's journal
 * off. Usage: `node --import tsx bench/servers/simulator.ts --port <port> --no-journal`.
 */
import { startSimulator } from '../../simulators/core/server.ts';
import { VENDORS } from '../../simulators/index.ts';

const portFlag = process.argv.indexOf('--port');
const port = portFlag >= 0 ? Number(process.argv[portFlag + 1]) : 0;
const running = await startSimulator({ vendors: VENDORS, port, defaultSandbox: { journal: { enabled: false } } });
process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
