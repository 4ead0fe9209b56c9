/**
 * The simulator for the abuse bench: every vendor, persistence in `--data-dir`, and the event loop watched from inside
 * (perf_hooks.monitorEventLoopDelay). The parent asks over IPC: `'stats'` answers the loop's max delay and p99 and
 * the CPU used since the last ask, RSS and peak RSS, then starts a new window. Usage: `node --import tsx bench/servers/monitored.ts
 * --port <port> --data-dir <dir>`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { startSimulator } from '../../simulators/core/server.ts';
import { VENDORS } from '../../simulators/index.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } });
const started = performance.now();
const running = await startSimulator({
  vendors: VENDORS,
  port: Number(values.port ?? 0),
  dataDir: values['data-dir'],
  autosaveMs: 3_600_000, // the bench saves when it measures a save
});
const readyMs = Math.round(performance.now() - started);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

export interface LoopStats {
  maxDelayMs: number;
  /** CPU (user + system) the server used since the last ask: moves less than wall times on a shared machine. */
  cpuMs: number;
  p99DelayMs: number;
  rssBytes: number;
  peakRssBytes: number;
  heapLimitBytes: number;
  readyMs: number;
}

let cpuSince = process.cpuUsage();
process.on('message', (message) => {
  if (message !== 'stats') return;
  const cpu = process.cpuUsage(cpuSince);
  cpuSince = process.cpuUsage();
  const stats: LoopStats = {
    maxDelayMs: Math.round(delay.max / 1e5) / 10,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    p99DelayMs: Math.round(delay.percentile(99) / 1e5) / 10,
    rssBytes: process.memoryUsage().rss,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
    readyMs,
  };
  delay.reset();
  process.send?.(stats);
});
process.on('SIGTERM', () => {
  const stopping = performance.now();
  void running.stop().then(() => {
    process.send?.({ stoppedMs: Math.round(performance.now() - stopping) });
    process.exit(0);
  });
});
process.send?.('ready');
