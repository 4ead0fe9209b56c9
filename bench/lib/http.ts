import { Agent, request } from 'node:http';

/** One keep-alive connection, so latency samples measure the server, not TCP handshakes. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export interface JsonResponse {
  status: number;
  body: unknown;
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<JsonResponse> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // Keep the raw text: the caller reports it.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const getJson = (url: string): Promise<JsonResponse> => postJson(url, undefined, {}, 'GET');

/** Like postJson, but fails unless the status is the expected one. */
export async function expectJson(
  expected: number,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
  method = body === undefined ? 'GET' : 'POST',
): Promise<unknown> {
  const res = await postJson(url, body, headers, method);
  if (res.status !== expected) {
    throw new Error(`${method} ${url} answered ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** Creates a sandbox (`POST /__admin/sandboxes` with `body`) and returns one vendor's section of its description. */
export async function createSandboxSection<Section>(origin: string, vendor: string, body: object): Promise<Section> {
  const created = (await expectJson(201, `${origin}/__admin/sandboxes`, body)) as { vendors: Record<string, Section> };
  return created.vendors[vendor] as Section;
}

export interface LatencyStats {
  samples: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Runs `once` sequentially `samples` times and summarizes the wall time of each call. */
export async function sampleLatency(samples: number, once: () => Promise<void>): Promise<LatencyStats> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { samples, medianMs: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(times[times.length - 1] as number) };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function closeAgent(): void {
  agent.destroy();
}
