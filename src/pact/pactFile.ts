import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PactRequestView } from '../../simulators/core/states.ts';

/** What `verify` reads from a pact file (V2, V3 and V4 HTTP interactions). */
export interface PactFile {
  file: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
}

export interface PactInteraction {
  description: string;
  states: { name: string; params: Record<string, unknown> }[];
  request: PactRequestView;
}

interface RawInteraction {
  type?: string;
  description?: string;
  providerState?: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request?: { method?: string; path?: string; headers?: Record<string, string | string[]>; body?: unknown };
  response?: { status?: number };
}

/** Pact files named by `paths`: files as given, directories searched for `*.json` recursively (sorted). */
export async function findPactFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new Error(`no such file or directory: ${path}`);
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true });
    files.push(
      ...entries
        .filter((e) => e.endsWith('.json'))
        .map((e) => join(path, e))
        .sort(),
    );
  }
  return files;
}

const headersOf = (headers: Record<string, string | string[]> = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));

export async function readPactFile(file: string): Promise<PactFile> {
  let raw: { consumer?: { name?: string }; provider?: { name?: string }; interactions?: RawInteraction[] };
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not a JSON pact file: ${(err as Error).message}`);
  }
  if (!Array.isArray(raw.interactions)) throw new Error(`${file} has no "interactions": not a pact file`);
  const interactions = raw.interactions
    .filter((i) => i.type === undefined || /http/i.test(i.type))
    .map((i): PactInteraction => ({
      description: i.description ?? '(no description)',
      states: i.providerStates
        ? i.providerStates.map((s) => ({ name: s.name, params: s.params ?? {} }))
        : i.providerState
          ? [{ name: i.providerState, params: {} }]
          : [],
      request: {
        method: (i.request?.method ?? 'GET').toUpperCase(),
        path: i.request?.path ?? '/',
        headers: headersOf(i.request?.headers),
        body: i.request?.body,
        expectedStatus: i.response?.status ?? 200,
      },
    }));
  return { file, consumer: raw.consumer?.name ?? 'consumer', provider: raw.provider?.name ?? 'provider', interactions };
}
