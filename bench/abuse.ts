/**
 * Abuse bench: the attacks of issue 15 replayed against one simulator process on loopback, while a probe asks
 * `GET /__admin/health` every 20 ms. Per attack: the server's max event-loop delay (measured inside it with
 * perf_hooks.monitorEventLoopDelay), the probe's p99, 5xx answers and RSS. Then a big Symbee sandbox is saved (probe
 * running), the process stopped and restarted from its files. `npx tsx bench/abuse.ts [records] [--save-only | --only=<part of an attack's name>]` runs
 * it alone (`--save-only`: the big sandbox only).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_LIST_ITEMS } from '../simulators/sinch/limits.ts';
import { toXml } from '../src/clients/sinch/xml.ts';
import type { LoopStats } from './servers/monitored.ts';
import { freePort, ROOT } from './lib/processes.ts';

/** Targets of the issue: no request blocks the loop longer than this, and health stays quick during a big save. */
export const MAX_LOOP_DELAY_MS = 250;
export const SAVE_HEALTH_P99_MS = 50;
export const DEFAULT_ABUSE_RECORDS = 500_000;

interface Answer {
  status: number;
  ms: number;
  text: string;
}

const attackAgent = new Agent({ keepAlive: true, maxSockets: 8 });
const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });

function send(
  url: string,
  options: { method?: string; body?: string | Buffer; headers?: Record<string, string>; agent?: Agent } = {},
): Promise<Answer> {
  const started = performance.now();
  const body = options.body ?? '';
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        agent: options.agent ?? attackAgent,
        headers: { ...options.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // A body refused by its Content-Length may be cut off while still being sent: the refusal, seen as status 0.
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNRESET' || err.code === 'EPIPE'
        ? resolve({ status: 0, ms: performance.now() - started, text: err.code })
        : reject(err),
    );
    req.end(body);
  });
}

/**
 * A request that announces `announced` body bytes and sends only `sent` of them, then waits for an answer (or the
 * server closing the connection) up to `waitMs`; the client cuts it then. The server must answer what it can decide
 * from the headers without the rest of the body.
 */
function announce(
  url: string,
  headers: Record<string, string>,
  announced: number,
  sent: number,
  waitMs = 3000,
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: number, text: string) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, ms: performance.now() - started, text });
    };
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(announced) },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      res.on('error', () => finish(res.statusCode ?? 0, ''));
    });
    req.on('error', () => finish(0, 'cut'));
    setTimeout(() => finish(0, 'cut by the client'), waitMs);
    req.write(Buffer.alloc(sent, 0x20));
  });
}

const json = (value: unknown) => ({
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});

/** Runs `count` calls of `once`, `concurrency` at a time; returns the answers. */
async function flood(count: number, concurrency: number, once: (i: number) => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) answers.push(await once(next++));
    }),
  );
  return answers;
}

interface Server {
  child: ChildProcess;
  url: string;
  stats(): Promise<LoopStats>;
  stop(): Promise<number>;
}

async function startMonitored(dataDir: string): Promise<Server> {
  const port = await freePort();
  const child = fork(join(ROOT, 'bench/servers/monitored.ts'), ['--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    // Node's default heap, as `npm start` runs: no --max-old-space-size (5,000,000 Symbee records fit in it).
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`monitored server exited with ${code}`)));
  });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    async stats() {
      const answer = next<LoopStats>();
      child.send('stats');
      return answer;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return 0;
      const answer = next<{ stoppedMs: number }>();
      child.kill('SIGTERM');
      return (await answer).stoppedMs;
    },
  };
}

/** `GET /__admin/health` every 20 ms while `during` runs; the latencies. */
async function probed<T>(url: string, during: () => Promise<T>): Promise<{ value: T; healthMs: number[] }> {
  const healthMs: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      healthMs.push((await send(`${url}/__admin/health`, { agent: probeAgent })).ms);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    return { value: await during(), healthMs };
  } finally {
    running = false;
    await probe;
  }
}

function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
}

export interface AttackRow {
  attack: string;
  requests: number;
  answers: string;
  fiveXx: number;
  wallMs: number;
  maxLoopDelayMs: number;
  serverCpuMs: number;
  healthP99Ms: number;
  healthSamples: number;
  rssMiB: number;
  note?: string;
}

export interface AbuseReport {
  rows: AttackRow[];
  peakRssMiB: number;
  save: {
    records: number;
    seedMs: number;
    saveMs: number;
    fileMiB: number;
    maxLoopDelayMs: number;
    serverCpuMs: number;
    healthP99Ms: number;
    healthMaxMs: number;
    healthSamples: number;
    /** The probe's p99 with the big sandbox loaded and nothing else running, just before the save. */
    idleHealthP99Ms: number;
    idleHealthMaxMs: number;
    stopMs: number;
    restartPeakRssMiB: number;
    /** The server's V8 heap limit: Node's default, no --max-old-space-size. */
    heapLimitMiB: number;
    restartReadyMs: number;
    restoredRecords: number;
  };
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

function statuses(answers: Answer[]): string {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n}×${status || 'cut'}`).join(' ');
}

/**
 * `only` runs just the attacks whose name contains it (`''`: none) before the big sandbox's seed, save and restart —
 * for measuring one attack, or the save alone, again.
 */
export async function runAbuse(records = DEFAULT_ABUSE_RECORDS, only?: string): Promise<AbuseReport> {
  const dataDir = await mkdtemp(join(tmpdir(), 'campaign-sim-abuse-'));
  let server = await startMonitored(dataDir);
  const rows: AttackRow[] = [];
  try {
    const admin = (path: string, body?: unknown, method?: string) =>
      send(`${server.url}/__admin${path}`, { ...(body === undefined ? {} : json(body)), method });
    const created = JSON.parse((await admin('/sandboxes', { id: 'attacker', journal: { limit: 500 } })).text);
    await admin('/sandboxes', { id: 'probe' });
    const symbee = created.vendors.symbee as { baseUrl: string; headers: Record<string, string>; campaigns: string[] };
    const sinch = created.vendors.sinch as { username: string; password: string; campaigns: string[] };
    const sinchAuth = `Basic ${Buffer.from(`${sinch.username}:${sinch.password}`).toString('base64')}`;
    const sinchUrl = (path: string) => `${server.url}/sinch/RI/obi${path}`;
    const campaign = sinch.campaigns[0]!;

    const attack = async (name: string, run: () => Promise<Answer[]>, note?: string) => {
      if (only !== undefined && (only === '' || !name.includes(only))) return;
      await server.stats(); // a fresh window
      const started = performance.now();
      const { value: answers, healthMs } = await probed(server.url, run);
      const stats = await server.stats();
      rows.push({
        attack: name,
        requests: answers.length,
        answers: statuses(answers),
        fiveXx: answers.filter((a) => a.status >= 500).length,
        wallMs: Math.round(performance.now() - started),
        maxLoopDelayMs: stats.maxDelayMs,
        serverCpuMs: stats.cpuMs,
        healthP99Ms: percentile(healthMs, 0.99),
        healthSamples: healthMs.length,
        rssMiB: mib(stats.rssBytes),
        note,
      });
    };

    if (only !== '') await runAttacks();
    async function runAttacks(): Promise<void> {
      await attack('idle (baseline: the probe alone)', async () => {
        await new Promise((r) => setTimeout(r, 2000));
        return [];
      });

      // 1. Journal memory: one-MB bodies, half attributed to a sandbox, half naming none (the process-wide journal).
      const rssBefore = (await server.stats()).rssBytes;
      const megabyte = `{"pad":"${'x'.repeat(1_000_000)}"`; // malformed on purpose: read in full, refused, journaled
      await attack('700 × 1 MB Symbee bodies (350 without credentials)', () =>
        flood(700, 8, (i) =>
          send(`${symbee.baseUrl.replace(/^https?:\/\/[^/]+/, server.url)}/searchPreviewCampaign`, {
            body: megabyte,
            headers: { 'content-type': 'application/json', ...(i % 2 ? symbee.headers : {}) },
          }),
        ),
      );
      const last = rows.at(-1);
      if (last?.attack.startsWith('700')) last.note = `RSS +${mib((await server.stats()).rssBytes - rssBefore)} MiB`;

      // 1b. Credentials in headers are checked before a byte of the body is read; bodies in flight are capped.
      const eight = created.vendors.eightbyeight as {
        baseUrl: string;
        username: string;
        actionToken: string;
        campaigns: { id: string }[];
      };
      const eightPath = `${eight.baseUrl.replace(/^https?:\/\/[^/]+/, server.url)}/api/tstats/campaigns/${eight.campaigns[0]!.id}/customers`;
      const eightAuth = (password: string) =>
        `Basic ${Buffer.from(`${eight.username}:${password}`).toString('base64')}`;
      await attack('10 × 400 MB 8x8 uploads with a wrong token (1 MB sent each)', () =>
        Promise.all(
          Array.from({ length: 10 }, () =>
            announce(eightPath, { authorization: eightAuth('wrong') }, 400 * 2 ** 20, 2 ** 20),
          ),
        ),
      );
      await attack(
        '10 × 300 MB 8x8 uploads with credentials at once (1 MB sent each, then cut)',
        () =>
          Promise.all(
            Array.from({ length: 10 }, () =>
              announce(eightPath, { authorization: eightAuth(eight.actionToken) }, 300 * 2 ** 20, 2 ** 20, 1500),
            ),
          ),
        'above the cap (512 MiB): 503 + Retry-After; the first is held, then cut by the client (journaled as aborted)',
      );

      // 2. Fault rules with patterns: the 18 s one, then the sandbox's whole instruction budget against long paths.
      await attack('regex rules: (a+)+$ and 2,000 RE2 instructions vs 4,000-char paths', async () => {
        // 418, not a 5xx: the bench's 5xx count is for answers nobody injected.
        const answers = [
          await admin('/sandboxes/attacker/faults', { path: '/(a+)+$/', action: { type: 'status', status: 418 } }),
        ];
        for (let i = 0; i < 9; i++) {
          answers.push(
            await admin('/sandboxes/attacker/faults', { path: `/[a-z]{198}${i}/`, action: { type: 'drop' } }),
          );
        }
        const paths = [`/campaigns/${'a'.repeat(32)}!`, `/campaigns/${'a'.repeat(4000)}!`];
        answers.push(
          ...(await flood(200, 4, (i) =>
            send(sinchUrl(paths[i % 2]!), { headers: { authorization: sinchAuth, accept: 'application/json' } }),
          )),
        );
        await admin('/sandboxes/attacker/faults', undefined, 'DELETE');
        return answers;
      });

      // 3. A rate-limit rule with the biggest window allowed: the cost per request must stay flat as it fills.
      await admin('/sandboxes/attacker/faults', {
        vendor: 'sinch',
        action: { type: 'rateLimit', limit: 100_000, windowMs: 86_400_000 },
      });
      const rates: number[] = [];
      await attack('rateLimit 100,000/day: 20,000 requests', async () => {
        const once = () => send(sinchUrl('/campaigns'), { headers: { authorization: sinchAuth } });
        const answers: Answer[] = [];
        for (const n of [2000, 16_000, 2000]) {
          const started = performance.now();
          answers.push(...(await flood(n, 8, once)));
          rates.push(Math.round(n / ((performance.now() - started) / 1000)));
        }
        return answers;
      });
      if (rates.length > 0) rows.at(-1)!.note = `req/s: first 2,000 ${rates[0]}, last 2,000 ${rates[2]}`;
      await admin('/sandboxes/attacker/faults', undefined, 'DELETE');

      // 4. Bulk bodies: far beyond the bounds (refused before parsing), and at the bounds (served).
      const sinchPost = (path: string, body: string, type: string) =>
        send(sinchUrl(path), {
          body,
          headers: { authorization: sinchAuth, 'content-type': type, accept: '*/*' },
        });
      await attack('Sinch: 3,000,000 {} (9 MB), 2,000,000 {} (6 MB), 7,000,000 XML children (28 MB)', async () => [
        await sinchPost(`/campaigns/${campaign}/customers/list`, `[${'{},'.repeat(2_999_999)}{}]`, 'application/json'),
        await sinchPost(`/campaigns/${campaign}/customers/list`, `[${'{},'.repeat(1_999_999)}{}]`, 'application/json'),
        await sinchPost(
          `/campaigns/${campaign}/customers/list`,
          `<customers>${'<c/>'.repeat(7_000_000)}</customers>`,
          'application/xml',
        ),
      ]);
      const customers = (n: number, offset: number) =>
        Array.from({ length: n }, (_, i) => ({
          numbers: `+3584${String(offset + i).padStart(8, '0')}`,
          externalId: `bulk-${offset + i}`,
          attributes: {
            attribute: [
              { name: 'City', value: 'Helsinki' },
              { name: 'Classification', value: 'A' },
            ],
          },
        }));
      const xmlList = (items: ReturnType<typeof customers>) => toXml('customers', { customer: items });
      await attack(`Sinch lists at the bound (${MAX_LIST_ITEMS} customers): 3 JSON + 3 XML`, async () => {
        const answers: Answer[] = [];
        for (let i = 0; i < 3; i++) {
          answers.push(
            await sinchPost(
              `/campaigns/${campaign}/customers/list`,
              JSON.stringify(customers(MAX_LIST_ITEMS, 2 * i * MAX_LIST_ITEMS)),
              'application/json',
            ),
          );
          answers.push(
            await sinchPost(
              `/campaigns/${campaign}/customers/list`,
              xmlList(customers(MAX_LIST_ITEMS, (2 * i + 1) * MAX_LIST_ITEMS)),
              'application/xml',
            ),
          );
        }
        return answers;
      });

      // 4b. Symbee's agent pool retrying every millisecond: a 10-hour clock move is one bounded catch-up.
      await admin('/sandboxes/attacker/vendors/symbee/agent-pool', {
        enabled: true,
        handleTimeMs: 1,
        outcomes: [{ outcome: 'WORKED', weight: 1, retryAfterMs: 1 }],
      });
      await attack('Symbee pool, 1 ms handle time and retry: 10-hour clock move, then 20 reads', async () => {
        const answers = [await admin('/sandboxes/attacker/clock', { advanceMs: 10 * 3_600_000 })];
        for (let i = 0; i < 20; i++) answers.push(await admin('/sandboxes/attacker/clock'));
        return answers;
      });
      await admin('/sandboxes/attacker/vendors/symbee/agent-pool', { enabled: false });

      // 5. Absurd admin values and hostile XML: refused, quickly.
      await attack('absurd admin values, DOCTYPE inside the root element', async () => [
        await admin('/sandboxes/attacker/faults', { action: { type: 'status', status: 100 } }),
        await admin('/sandboxes/attacker/faults', { action: { type: 'rateLimit', limit: 1e9, windowMs: 1000 } }),
        await admin('/sandboxes/attacker/faults', { path: '/(?=a)/', action: { type: 'drop' } }),
        await admin('/sandboxes/attacker/journal', { limit: 1e9 }),
        await sinchPost(
          `/campaigns/${campaign}/customers`,
          '<customer><!DOCTYPE c [<!ENTITY n "0215428754">]><numbers>&n;</numbers></customer>',
          'application/xml',
        ),
      ]);
    }

    // 6. Save a big sandbox while the probe runs, stop, restart from the files.
    const seedStarted = performance.now();
    const seeded = await admin('/sandboxes/probe/vendors/symbee/records', {
      campaignName: (JSON.parse((await admin('/sandboxes/probe')).text).vendors.symbee.campaigns as string[])[0],
      generate: records,
    });
    if (seeded.status !== 201) throw new Error(`seeding answered ${seeded.status}: ${seeded.text.slice(0, 300)}`);
    const seedMs = Math.round(performance.now() - seedStarted);
    const { healthMs: idleHealthMs } = await probed(server.url, () => new Promise((r) => setTimeout(r, 3000)));
    await server.stats();
    const { value: saved, healthMs } = await probed(server.url, () => admin('/save', {}));
    if (saved.status !== 200) throw new Error(`save answered ${saved.status}: ${saved.text.slice(0, 300)}`);
    const saveStats = await server.stats();
    const fileBytes = (await stat(join(dataDir, 'sandboxes', 'probe.json'))).size;
    const peakRssMiB = mib(saveStats.peakRssBytes);
    const stopMs = await server.stop();
    server = await startMonitored(dataDir);
    const restarted = await server.stats();
    const probeCampaign = JSON.parse((await admin('/sandboxes/probe')).text).vendors.symbee.campaigns[0];
    const restored = JSON.parse(
      (await admin(`/sandboxes/probe/vendors/symbee/records?campaignName=${probeCampaign}&limit=1`)).text,
    );
    return {
      rows,
      peakRssMiB,
      save: {
        records,
        seedMs,
        saveMs: Math.round(saved.ms),
        fileMiB: mib(fileBytes),
        maxLoopDelayMs: saveStats.maxDelayMs,
        serverCpuMs: saveStats.cpuMs,
        healthP99Ms: percentile(healthMs, 0.99),
        healthMaxMs: percentile(healthMs, 1),
        healthSamples: healthMs.length,
        idleHealthP99Ms: percentile(idleHealthMs, 0.99),
        idleHealthMaxMs: percentile(idleHealthMs, 1),
        stopMs,
        restartPeakRssMiB: mib(restarted.peakRssBytes),
        heapLimitMiB: mib(restarted.heapLimitBytes),
        restartReadyMs: restarted.readyMs,
        restoredRecords: restored.total as number,
      },
    };
  } finally {
    await server.stop().catch(() => undefined);
    attackAgent.destroy();
    probeAgent.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const records = Number(process.argv[2] ?? DEFAULT_ABUSE_RECORDS);
  const only = process.argv.includes('--save-only') ? '' : process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  console.log(JSON.stringify(await runAbuse(records, only), null, 2));
}
