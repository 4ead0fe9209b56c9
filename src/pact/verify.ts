import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ProviderStateCatalogue,
  matchState,
  statesOf,
  unknownStateMessage,
} from '../../simulators/core/states.ts';
import type { AnyVendor } from '../../simulators/core/vendor.ts';
import { VENDORS } from '../../simulators/index.ts';
import { startSimulator } from '../index.ts';
import { AdminApiError, AdminClient } from '../testing/admin.ts';
import { adminAuthorization } from '../clients/core/admin-token.ts';
import { startStateForwarder } from './state-forwarder.ts';
import { DRIFT_CREDENTIALS } from './drift.ts';
import { type PactFile, findPactFiles, readPactFile } from './pactFile.ts';

/**
 * `campaign-sim verify`: a consumer's own pact files verified with Pact's own verifier against the simulator (or,
 * for a drift check, the real vendor). Per pact: a sandbox answering to the pact's credentials (document fixtures,
 * frozen clock), the vendor's real paths mounted below `/<vendorId>` by a request filter, and provider states set up
 * by the simulator's `POST /__admin/pact/provider-states`, each interaction in a fresh copy of the sandbox.
 */
export interface VerifyOptions {
  /** Pact files, or directories searched for `*.json`. */
  paths: string[];
  /** A running simulator's origin; an in-process one otherwise. */
  url?: string;
  /** The running simulator's admin token (with `url`); default `$SIM_ADMIN_TOKEN`. */
  adminToken?: string;
  /** The vendor, when the pact's provider name does not say it. */
  vendor?: string;
  /** Drift check: the real vendor's base URL (states skipped, credentials from the environment). */
  providerBaseUrl?: string;
  /** Frozen virtual time of every sandbox (ISO 8601); default: now. */
  now?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface InteractionResult {
  description: string;
  passed: boolean;
  durationMs: number;
  /** What the vendor did that the pact does not expect, one line per mismatch. */
  diff?: string;
}

export interface PactResult {
  file: string;
  consumer: string;
  provider: string;
  vendor?: string;
  interactions: InteractionResult[];
  /** Why the pact could not be verified at all (unknown vendor or state, unusable credentials). */
  error?: string;
  passed: boolean;
  durationMs: number;
}

export interface VerifySummary {
  pacts: PactResult[];
  passed: number;
  failed: number;
  durationMs: number;
}

/** Provider names that name a vendor (lower case substring → vendor id). */
const PROVIDER_ALIASES: Record<string, string> = { '8x8': 'eightbyeight' };

export function vendorOfProvider(provider: string, vendors: readonly AnyVendor[] = VENDORS): AnyVendor | undefined {
  const name = provider.toLowerCase().replace(/[\s_-]+/g, '');
  const byId = vendors.find((v) => name.includes(v.id));
  if (byId) return byId;
  const alias = Object.entries(PROVIDER_ALIASES).find(([key]) => name.includes(key));
  return alias && vendors.find((v) => v.id === alias[1]);
}

/** In-process, the default sandbox owns the document's credentials: moved aside so a pact using them gets its own. */
const DEFAULT_SANDBOX_ASIDE = {
  symbee: { companyCode: 'campaign-sim-verify-default' },
  sinch: { username: 'campaign-sim-verify-default' },
  eightbyeight: { username: 'campaign-sim-verify-default' },
  engage: { username: 'campaign-sim-verify-default' },
};

type Verifier = new (options: Record<string, unknown>) => { verifyProvider(): Promise<unknown> };

async function loadVerifier(): Promise<Verifier> {
  try {
    const pact = (await import('@pact-foundation/pact')) as unknown as { Verifier: Verifier };
    return pact.Verifier;
  } catch {
    throw new Error(
      'campaign-sim verify runs Pact’s own verifier: install it next to campaign-sim (npm install --save-dev @pact-foundation/pact)',
    );
  }
}

interface Mismatch {
  type?: string;
  mismatch?: string;
  message?: string;
  expected?: unknown;
  actual?: unknown;
  path?: string;
}

interface VerifierJson {
  interactionResults?: { description: string; duration?: string; result: string }[];
  errors?: { interaction: string; mismatch?: { type?: string; message?: string; mismatches?: Mismatch[] } }[];
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The verifier's mismatches as lines a person reads: where, what the pact expects, what the vendor did. */
export function readableDiff(error: NonNullable<VerifierJson['errors']>[number]): string {
  const lines: string[] = [];
  if (error.mismatch?.message) lines.push(error.mismatch.message);
  for (const m of error.mismatch?.mismatches ?? []) {
    const where =
      m.type === 'StatusMismatch'
        ? 'status'
        : `${(m.type ?? 'mismatch').replace(/Mismatch$/, '').toLowerCase()}${m.path ? ` ${m.path}` : ''}`;
    const values =
      m.expected !== undefined || m.actual !== undefined
        ? `\n      pact expects: ${show(m.expected)}\n      vendor does:  ${show(m.actual)}`
        : '';
    lines.push(`${where}: ${m.mismatch ?? m.message ?? ''}${values}`);
  }
  return lines.join('\n');
}

function parseVerifierJson(value: unknown): VerifierJson | undefined {
  const text = value instanceof Error ? value.message : value;
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as VerifierJson;
  } catch {
    return undefined;
  }
}

function interactionResults(pact: PactFile, json: VerifierJson | undefined, failure?: unknown): InteractionResult[] {
  if (!json?.interactionResults) {
    const message = failure instanceof Error ? failure.message : String(failure ?? 'the verifier reported nothing');
    return pact.interactions.map((i) => ({ description: i.description, passed: false, durationMs: 0, diff: message }));
  }
  return json.interactionResults.map((r) => {
    const error = json.errors?.find((e) => e.interaction.endsWith(` - ${r.description}`));
    const ms = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(r.duration ?? '');
    const durationMs = ms ? Number(ms[1]) * (ms[2] === 's' ? 1000 : 1) : 0;
    const passed = r.result === 'OK';
    return {
      description: r.description,
      passed,
      durationMs,
      ...(passed ? {} : { diff: error ? readableDiff(error) : r.result }),
    };
  });
}

/** The pact's states, checked against the vendor's catalogue before anything runs. */
function unknownStates(
  pact: PactFile,
  catalogue: ProviderStateCatalogue | undefined,
  vendorId: string,
): string | undefined {
  const known = statesOf(catalogue);
  const names = [...new Set(pact.interactions.flatMap((i) => i.states.map((s) => s.name)))];
  const unknown = names.filter((n) => !matchState(known, n));
  return unknown.length === 0 ? undefined : unknown.map((n) => unknownStateMessage(vendorId, n, known)).join('\n');
}

/** Rewrites each request the verifier sends: the vendor path onto the simulator's mount, credentials as mapped. */
function requestFilter(mount: string | undefined, vendorId: string, replacements: Map<string, Map<string, string>>) {
  return (req: IncomingMessage & { url: string }, _res: ServerResponse, next: () => void) => {
    if (mount && !req.url.startsWith(`/${vendorId}/`)) req.url = `${mount}${req.url}`;
    for (const [header, values] of replacements) {
      const sent = req.headers[header];
      const replacement = typeof sent === 'string' ? values.get(sent) : undefined;
      if (replacement !== undefined) req.headers[header] = replacement;
    }
    next();
  };
}

export async function verifyPacts(options: VerifyOptions): Promise<VerifySummary> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const env = options.env ?? process.env;
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  const files = await findPactFiles(options.paths);
  const Verifier = await loadVerifier();
  const drift = options.providerBaseUrl !== undefined;
  const running =
    drift || options.url
      ? undefined
      : await startSimulator({ port: 0, defaultSandbox: { options: DEFAULT_SANDBOX_ASIDE } });
  const origin = options.url?.replace(/\/+$/, '') ?? running?.url;
  const admin = origin ? new AdminClient(origin, options.url ? options.adminToken : undefined) : undefined;
  // Provider-state changes reach a token-guarded simulator through a forwarder that adds the token.
  const authorization = options.url ? adminAuthorization(options.adminToken) : {};
  const forwarder =
    origin && authorization.authorization ? await startStateForwarder(origin, authorization) : undefined;
  const now = options.now ?? new Date().toISOString();
  const pacts: PactResult[] = [];
  try {
    for (const file of files) {
      const begun = performance.now();
      const pact = await readPactFile(file);
      const base = { file, consumer: pact.consumer, provider: pact.provider };
      const fail = (error: string, vendor?: string): PactResult => ({
        ...base,
        ...(vendor ? { vendor } : {}),
        interactions: [],
        error,
        passed: false,
        durationMs: performance.now() - begun,
      });
      const vendor = options.vendor ? VENDORS.find((v) => v.id === options.vendor) : vendorOfProvider(pact.provider);
      if (!vendor) {
        pacts.push(
          fail(
            `${options.vendor ? `vendor ${options.vendor} is not served` : `provider "${pact.provider}" names no served vendor`}: use --vendor with one of ${VENDORS.map((v) => v.id).join(', ')}`,
          ),
        );
        continue;
      }
      log(`\n${file}: ${pact.consumer} → ${pact.provider} (${vendor.id}), ${pact.interactions.length} interaction(s)`);
      const requests = pact.interactions.map((i) => i.request);
      const verifierOptions: Record<string, unknown> = {
        provider: pact.provider,
        pactUrls: [file],
        logLevel: 'error',
      };
      let sandboxId: string | undefined;
      try {
        if (drift) {
          const stated = pact.interactions.filter((i) => i.states.length > 0);
          if (stated.length > 0) {
            log(
              `warning: the drift check cannot set provider states up on the real vendor; skipped for ${stated.length} interaction(s):`,
            );
            for (const i of stated) log(`  - ${i.description} (given ${i.states.map((s) => s.name).join(', ')})`);
          }
          const credentials = DRIFT_CREDENTIALS[vendor.id];
          const replacements = credentials ? credentials.replacements(requests, env) : new Map();
          Object.assign(verifierOptions, {
            providerBaseUrl: options.providerBaseUrl,
            requestFilter: requestFilter(undefined, vendor.id, replacements),
          });
        } else {
          const unknown = unknownStates(pact, vendor.providerStates, vendor.id);
          if (unknown) {
            pacts.push(fail(unknown, vendor.id));
            continue;
          }
          const sandbox = await (admin as AdminClient).createSandbox({
            seed: 1,
            clock: { now, frozen: true },
            options: { [vendor.id]: vendor.providerStates?.sandboxOptions?.(requests) ?? {} },
          });
          sandboxId = sandbox.id;
          const section = (sandbox.vendors[vendor.id] ?? {}) as Record<string, unknown>;
          const mount = vendor.providerStates?.mount?.(section) ?? `/${vendor.id}`;
          Object.assign(verifierOptions, {
            providerBaseUrl: origin,
            requestFilter: requestFilter(mount, vendor.id, new Map()),
            providerStatesSetupUrl: `${forwarder?.url ?? origin}/__admin/pact/provider-states?sandbox=${encodeURIComponent(sandbox.id)}&vendor=${vendor.id}`,
          });
        }
      } catch (err) {
        const message =
          err instanceof AdminApiError && err.status === 409
            ? `${err.message}\n(the pact's credentials belong to another sandbox of that simulator: verify in-process, without --url, or use other credentials in the pact)`
            : (err as Error).message;
        pacts.push(fail(message, vendor.id));
        continue;
      }
      let json: VerifierJson | undefined;
      let failure: unknown;
      try {
        json = parseVerifierJson(await new Verifier(verifierOptions).verifyProvider());
      } catch (err) {
        failure = err;
        json = parseVerifierJson(err);
      } finally {
        if (sandboxId) await admin?.deleteSandbox(sandboxId).catch(() => undefined);
      }
      const interactions = interactionResults(pact, json, failure);
      pacts.push({
        ...base,
        vendor: vendor.id,
        interactions,
        passed: interactions.length > 0 && interactions.every((i) => i.passed),
        durationMs: performance.now() - begun,
      });
    }
  } finally {
    await forwarder?.close();
    await running?.stop();
  }
  const failed = pacts.filter((p) => !p.passed).length;
  return { pacts, passed: pacts.length - failed, failed, durationMs: performance.now() - started };
}
