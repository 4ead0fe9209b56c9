/**
 * Pact provider states as data: each vendor documents a catalogue of named states (with parameters) that set a
 * sandbox up through the admin API only, so any Pact verifier can use them (`POST /__admin/pact/provider-states`)
 * and `campaign-sim verify` needs no test code. Names are templates: `campaign {campaignId} is stopped` matches the
 * literal template (parameters from the verifier's `params`) and concrete names (`campaign 125 is stopped`, as
 * Pact V2 files carry them); `params` win over values taken from the name.
 */

/** The admin API as a state sees it: calls relative to `/__admin`, plus paths of its sandbox. */
export interface StateAdmin {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface StateContext {
  admin: StateAdmin;
  vendorId: string;
  sandboxId: string;
  /** `/sandboxes/{id}{path}` */
  sandboxPath(path: string): string;
  /** `/sandboxes/{id}/vendors/{vendorId}{path}`: the vendor's backdoors. */
  vendorPath(path: string): string;
  /** The vendor's section of the sandbox description (credentials, fixture ids), as the state starts. */
  section: Record<string, unknown>;
}

export type StateParams = Record<string, unknown>;

export interface ProviderStateDefinition {
  /** Template, e.g. `a customer with externalId {externalId} exists`. */
  name: string;
  /** What the state sets up (documentation). */
  description: string;
  /** Parameters beyond those in the name, each with its meaning and default (documentation). */
  params?: Record<string, string>;
  /** Sets the state up; answers values the verifier may inject into the request (Pact V3 `fromProviderState`). */
  setup(ctx: StateContext, params: StateParams): Promise<StateParams | void>;
}

/** How a consumer's pact maps onto a vendor's simulator, plus the vendor's provider states. */
export interface ProviderStateCatalogue {
  states: ProviderStateDefinition[];
  /** Path prefix that turns a vendor path as the consumer calls it into the simulator's (default `/<vendorId>`). */
  mount?(section: Record<string, unknown>): string;
  /**
   * `options.<vendorId>` of a sandbox that answers to the credentials the consumer's pact sends (requests of
   * interactions that expect success), so responses echoing them match too.
   */
  sandboxOptions?(requests: PactRequestView[]): Record<string, unknown>;
}

/** One interaction's request, as a pact file holds it (header names as written). */
export interface PactRequestView {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** The status the consumer expects. */
  expectedStatus: number;
}

/** Provider states every vendor has: they only touch the kernel's sandbox, clock and faults. */
export const COMMON_STATES: ProviderStateDefinition[] = [
  {
    name: 'a fresh sandbox',
    description: 'nothing beyond the fresh sandbox every interaction starts in (also: "the default sandbox is fresh")',
    setup: async () => undefined,
  },
  {
    name: 'the default sandbox is fresh',
    description: 'alias of "a fresh sandbox" (the name the reference clients’ pacts use)',
    setup: async () => undefined,
  },
  {
    name: 'the time is {now}',
    description: 'the virtual clock set to {now} (ISO 8601) and frozen there',
    setup: async (ctx, { now }) => {
      await ctx.admin.call('POST', ctx.sandboxPath('/clock'), { now: String(now), frozen: true });
    },
  },
  {
    name: 'the API answers {status}',
    description:
      'every vendor request answers HTTP {status} in the vendor’s own error shape (a fault rule); optional `path` (substring) and `times`',
    params: { path: 'substring of the vendor path the fault is limited to', times: 'how many requests fail' },
    setup: async (ctx, params) => {
      await ctx.admin.call('POST', ctx.sandboxPath('/faults'), {
        vendor: ctx.vendorId,
        ...(params.path === undefined ? {} : { path: String(params.path) }),
        ...(params.times === undefined ? {} : { times: Number(params.times) }),
        action: { type: 'status', status: Number(params.status) },
      });
    },
  },
];

export interface MatchedState {
  definition: ProviderStateDefinition;
  params: StateParams;
}

function templateRegex(template: string): RegExp {
  const parts = template.split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/);
  const source = parts
    .map((part) =>
      /^\{.+\}$/.test(part) ? `(?<${part.slice(1, -1)}>.+?)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

/** The state a name denotes (literal template first, then a concrete name), with its parameters. */
export function matchState(
  states: readonly ProviderStateDefinition[],
  name: string,
  params: StateParams = {},
): MatchedState | undefined {
  const literal = states.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());
  if (literal) return { definition: literal, params: { ...params } };
  for (const definition of states) {
    const found = templateRegex(definition.name).exec(name.trim());
    if (found) return { definition, params: { ...found.groups, ...params } };
  }
  return undefined;
}

/** Every state of a vendor: the kernel's own, then the vendor's catalogue. */
export function statesOf(catalogue: ProviderStateCatalogue | undefined): ProviderStateDefinition[] {
  return [...COMMON_STATES, ...(catalogue?.states ?? [])];
}

/** The message of an unknown state: every known one, so the pact's author can pick or rename. */
export function unknownStateMessage(vendorId: string, name: string, known: readonly ProviderStateDefinition[]): string {
  return [`unknown provider state "${name}" for ${vendorId}. Known states:`, ...known.map((s) => `  - ${s.name}`)].join(
    '\n',
  );
}

/** A header of a pact request, by case-insensitive name. */
export function headerOf(request: PactRequestView, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** HTTP Basic user and password of a pact request. */
export function basicOf(request: PactRequestView): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(headerOf(request, 'authorization') ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Requests whose credentials the consumer expects to be accepted (a 401/403 interaction tests rejection). */
export function acceptedRequests(requests: readonly PactRequestView[]): PactRequestView[] {
  return requests.filter((r) => r.expectedStatus !== 401 && r.expectedStatus !== 403);
}

/**
 * The first credentials `pick` reads from the requests `accepted` keeps (default: the ones not refused with 401/403)
 * — a verification sandbox's `options.<vendorId>` — or `{}` when none has any.
 */
export function pactCredentials<T extends Record<string, unknown>>(
  requests: readonly PactRequestView[],
  pick: (request: PactRequestView) => T | undefined,
  accepted: (requests: readonly PactRequestView[]) => PactRequestView[] = acceptedRequests,
): T | Record<string, never> {
  for (const request of accepted(requests)) {
    const credentials = pick(request);
    if (credentials !== undefined) return credentials;
  }
  return {};
}
