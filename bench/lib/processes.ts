import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Repository root, so the bench runs the same from any working directory. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = 'src/cli/main.ts';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first successful health check. */
  startupMs: number;
  stop(): Promise<void>;
}

/** A port the OS just handed out and released: free for the child to bind a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The simulator as users start it: the CLI when it exists, otherwise a tiny script around startSimulator. Journal off
 * (`--no-journal`): a load test measures the pipeline, not the debugging log.
 */
export function simulatorCommand(port: number, args: string[] = []): string[] {
  const entry = existsSync(`${ROOT}${CLI}`) ? [CLI, 'serve'] : ['bench/servers/simulator.ts'];
  return ['--import', 'tsx', ...entry, '--port', String(port), '--no-journal', ...args];
}

/** Spawns `node <args>` and polls `healthPath` until it answers 200 (or the child dies / times out). */
export async function startServer(
  nodeArgs: string[],
  port: number,
  healthPath: string,
  env: Record<string, string> = {},
  /** What to run instead of this node (e.g. `npm`); `nodeArgs` are then its arguments. */
  command = process.execPath,
): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${nodeArgs.join(' ')} exited with ${code}: ${stderr.trim()}`))),
  );
  exited.catch(() => undefined);
  const startupMs = await Promise.race([pollHealthy(`${url}${healthPath}`, started), exited]);
  return {
    child,
    url,
    startupMs,
    stop: () => stopChild(child),
  };
}

async function pollHealthy(url: string, started: number, timeoutMs = 30_000): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) {
        const ms = performance.now() - started;
        await res.arrayBuffer();
        return ms;
      }
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resident set size of a process, from /proc (Linux); undefined elsewhere. */
export function rssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesized command name; utime and stime are fields 14 and 15 of the whole line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;
