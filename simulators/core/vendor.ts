import type { OpenAPIV3_1 } from 'openapi-types';
import type { Faker } from '@faker-js/faker';
import type { WorkContext } from './jobs.ts';
import type { JsonPath } from './json-lines.ts';
import type { SeededRandom } from './random.ts';
import { VendorError } from './errors.ts';
import type { HttpMethod, OperationSpec } from './operations.ts';
import type { Redaction } from './redact.ts';
import type { Reply } from './reply.ts';
import type { ProviderStateCatalogue } from './states.ts';
import type { VendorRequest } from './request.ts';

/**
 * A vendor's id: the first path segment of its mount (`/<vendorId>`) and its key in sandbox options and
 * descriptions. Open: the kernel serves whichever vendors it is given, tests register small vendors of their own.
 */
export type VendorId = string;

/** What a vendor model gets when a sandbox is created: its own seeded faker and RNG, and the virtual clock. */
export interface SeedContext {
  sandboxId: string;
  seed: number;
  faker: Faker;
  /** The vendor's RNG stream in this sandbox: the same object handlers and `advance` get; the kernel saves it. */
  rng: SeededRandom;
  now: number;
  /** True for the always-present default sandbox: fixtures use the fixed, documented credentials. */
  isDefault: boolean;
  /** Vendor-specific options from `POST /__admin/sandboxes` (`options.<vendorId>`). */
  options: Record<string, unknown>;
}

/** What a handler sees: the sandbox's state for this vendor plus the kernel services. */
export interface VendorCall<S> {
  state: S;
  sandboxId: string;
  now: () => number;
  /** This vendor's RNG stream in the sandbox (see SeedContext.rng). */
  rng: SeededRandom;
  req: VendorRequest;
  /** Raw request body as received (the kernel reads it once, with the size limit). */
  rawBody: string;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** The operation being served (absent for backdoor calls). */
  operation?: OperationSpec;
  /** What the operation's binding decoded from the request before the tenant was looked up (a SOAP envelope, …). */
  decoded?: unknown;
  /** Backdoors only: long work (bulk seeding) reports progress and yields to the event loop through it. */
  work?: WorkContext;
}

export type VendorHandler<S> = (call: VendorCall<S>) => Reply | Promise<Reply>;

/** A declared operation with the handler that serves it (a binding wraps the vendor's own handler). */
export interface Operation<S> extends OperationSpec {
  handler: VendorHandler<S>;
  /**
   * Checks credentials the request carries in its headers; throws a VendorError to refuse. The pipeline calls it
   * before the body is read (a refused caller's body is never buffered), before faults and the handler. Set by a
   * binding whose credentials are headers (REST); a SOAP binding authenticates from the body, in its handler.
   */
  authenticate?: (call: VendorCall<S>) => void;
}

/** What the kernel knows of a request when it asks the vendor for its tenant. */
export interface TenantLookup {
  /** Path parameters of the matched binding (empty when no operation matched). */
  params: Record<string, string>;
  /** What the binding decoded from the body (a SOAP envelope's security header, …); undefined for REST. */
  decoded?: unknown;
}

/** A test-only backdoor, mounted at `/__admin/sandboxes/:id/vendors/<vendorId>` (never part of the vendor API). */
export interface AdminRoute<S> {
  method: HttpMethod;
  /** Path below the vendor's backdoor mount, Express syntax. */
  path: string;
  handler: VendorHandler<S>;
  /** True when the call only reads: persistence is not marked dirty. Defaults to `method === 'GET'`. */
  readOnly?: boolean;
}

/**
 * How a wire protocol finds the operation of a request that its URL alone does not name (SOAP: one URL, the
 * operation in the body). Called once the body is read, before the tenant is looked up.
 */
export interface BodyDispatch {
  /** The path (Express syntax, below the mount) and method this dispatcher serves. */
  method: HttpMethod;
  path: string;
  /** The operation the body names and what was decoded on the way; a VendorError when it names none. */
  resolve(req: VendorRequest, rawBody: string): { operation: string; decoded: unknown };
}

/**
 * Failures the kernel itself raises, as VendorErrors with these codes (and the usual HTTP status): no tenant, no
 * such endpoint, an undecodable URL, a body over the limit, an injected fault without a body, a handler bug. A vendor
 * renders them with every other VendorError, in its own wire shape, and may answer another status.
 */
export const KERNEL_FAILURES = {
  unauthenticated: 401,
  notFound: 404,
  badRequest: 400,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  internal: 500,
} as const;
export type KernelFailureCode = keyof typeof KERNEL_FAILURES | 'fault';

export function kernelFailure(code: keyof typeof KERNEL_FAILURES, message: string): VendorError {
  return new VendorError({ status: KERNEL_FAILURES[code], code, message });
}

export function isKernelFailure(err: VendorError, code: KernelFailureCode): boolean {
  return err.code === code;
}

/** One table of a vendor's entities for the dashboard, e.g. the records of one campaign with their lifecycle state. */
export interface EntityCollection {
  title: string;
  /** How many exist; `rows` holds at most the requested limit. */
  total: number;
  columns: string[];
  rows: (string | number | boolean | null)[][];
  /** The column holding the lifecycle state, shown highlighted. */
  stateColumn?: string;
}

export interface VendorDefinition<S = unknown> {
  id: VendorId;
  title: string;
  /** The vendor API: every declared operation, bound to its handler (REST operations are routed by method + path). */
  operations: readonly Operation<S>[];
  /** Dispatchers for operations whose binding names them in the body (SOAP). */
  dispatch?: readonly BodyDispatch[];
  /** Test-only backdoor routes mounted at `/__admin/sandboxes/:id/vendors/<vendorId>`. */
  adminRoutes?: AdminRoute<S>[];
  /** Builds fresh, seeded state for a new sandbox. */
  create(ctx: SeedContext): S;
  /** Plain JSON for persistence, and back. */
  snapshot(state: S): unknown;
  restore(snapshot: unknown, ctx: SeedContext): S;
  /**
   * Converts a value of the saved section as the file is read, one line at a time (`path` starts at the sandbox:
   * `['vendors', <id>, ...]`): a vendor holding millions of entities checks and converts each as it is read, so a
   * restore never holds them all as parsed JSON too. `restore` then gets whatever this returned in their place (and
   * must still accept plain values: small containers are one line, older files one line in all).
   */
  reviveSaved?(path: JsonPath, value: unknown): unknown;
  /**
   * Identifies the sandbox a request belongs to from the vendor's own credentials (company code, tenant, user…),
   * so base URLs stay the vendor's real paths. Returns undefined when the request names no tenant.
   */
  tenantKeyOf(req: VendorRequest, lookup: TenantLookup): string | undefined;
  /** The tenant keys this state answers to; must be unique across sandboxes. */
  tenantKeys(state: S): string[];
  /** The `vendors.<id>` section of a sandbox description: base URL, credentials, fixture ids. */
  describe(state: S, origin: string): Record<string, unknown>;
  /** Moves time-driven lifecycles up to `now` (called before every request and after clock changes). */
  advance?(state: S, now: number, rng: SeededRandom): void;
  /** Renders any VendorError — the vendor's own and the kernel's failures (`KERNEL_FAILURES`) — in its wire shape. */
  renderError(error: VendorError, req: VendorRequest): Reply;
  /** OpenAPI (or, for SOAP vendors, a document pointing at the WSDL) generated from the contracts. */
  openapi(): OpenAPIV3_1.Document;
  /** SOAP vendors: the paths (below the mount, with `?wsdl`) where each service's WSDL is served. */
  wsdl?: readonly string[];
  /** Max request body size; defaults to the kernel's. */
  bodyLimitBytes?: number;
  /** Named Pact provider states (`POST /__admin/pact/provider-states`, `campaign-sim verify`). */
  providerStates?: ProviderStateCatalogue;
  /** The vendor's entities with their lifecycle state, for the dashboard (first `limit` rows of each collection). */
  entities?(state: S, limit: number): EntityCollection[];
  /** Credentials the journals must not keep, beyond the kernel's defaults (see `core/redact.ts`). */
  redact?: Redaction;
}

export type AnyVendor = VendorDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type { VendorRequest };

/**
 * A REST operation served by a plain handler, with no vendor protocol around it (MSW-style: a predicate — method and
 * path — and a resolver). For small vendors of tests; named `METHOD path` unless given a name.
 */
export function restOperation<S>(
  method: HttpMethod,
  path: string,
  handler: VendorHandler<S>,
  options: { name?: string; readOnly?: boolean } = {},
): Operation<S> {
  return {
    name: options.name ?? `${method} ${path}`,
    binding: { protocol: 'rest', method, path },
    readOnly: options.readOnly ?? method === 'GET',
    summary: `${method} ${path}`,
    responses: {},
    handler,
  };
}
