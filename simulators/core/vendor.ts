import type { OpenAPIV3_1 } from 'openapi-types';
import type { Faker } from '@faker-js/faker';
import type { SeededRandom } from './random.ts';
import type { Reply } from './reply.ts';
import type { VendorRequest } from './request.ts';

export const VENDOR_IDS = ['symbee', 'sinch', 'eightbyeight', 'jtel', 'engage'] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

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
}

export type VendorHandler<S> = (call: VendorCall<S>) => Reply | Promise<Reply>;

export interface VendorRoute<S> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path below `/<vendorId>` in Express syntax (see `core/routing.ts`), e.g. `/api/stats/campaigns/:campaignId.json`. */
  path: string;
  handler: VendorHandler<S>;
  /** True when the call only reads: persistence is not marked dirty. Defaults to `method === 'GET'`. */
  readOnly?: boolean;
}

/** Kernel-level failures a vendor renders in its own wire shape. */
export type KernelFailure =
  | { kind: 'unauthenticated'; message: string }
  | { kind: 'notFound'; message: string }
  | { kind: 'badRequest'; message: string }
  | { kind: 'payloadTooLarge'; message: string }
  | { kind: 'unsupportedMediaType'; message: string }
  | { kind: 'fault'; status: number; message: string }
  | { kind: 'internal'; message: string };

type StatusedKind = Exclude<KernelFailure['kind'], 'fault'>;

/** The usual HTTP status of each kernel failure; an injected fault carries its own. */
export const KERNEL_FAILURE_STATUS: Readonly<Record<StatusedKind, number>> = {
  unauthenticated: 401,
  notFound: 404,
  badRequest: 400,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  internal: 500,
};

/** The HTTP status a vendor answers a kernel failure with: the usual one unless its document says otherwise. */
export function kernelFailureStatus(
  failure: KernelFailure,
  overrides: Partial<Record<StatusedKind, number>> = {},
): number {
  return failure.kind === 'fault' ? failure.status : (overrides[failure.kind] ?? KERNEL_FAILURE_STATUS[failure.kind]);
}

export interface VendorDefinition<S = unknown> {
  id: VendorId;
  title: string;
  /** The vendor's request routes (moto-style URL map). */
  routes: VendorRoute<S>[];
  /** Test-only backdoor routes mounted at `/__admin/sandboxes/:id/vendors/<vendorId>`. */
  adminRoutes?: VendorRoute<S>[];
  /** Builds fresh, seeded state for a new sandbox. */
  create(ctx: SeedContext): S;
  /** Plain JSON for persistence, and back. */
  snapshot(state: S): unknown;
  restore(snapshot: unknown, ctx: SeedContext): S;
  /**
   * Identifies the sandbox a request belongs to from the vendor's own credentials (company code, tenant, user…),
   * so base URLs stay the vendor's real paths. Returns undefined when the request names no tenant.
   */
  tenantKeyOf(req: VendorRequest, params: Record<string, string>): string | undefined;
  /** The tenant keys this state answers to; must be unique across sandboxes. */
  tenantKeys(state: S): string[];
  /** The `vendors.<id>` section of a sandbox description: base URL, credentials, fixture ids. */
  describe(state: S, origin: string): Record<string, unknown>;
  /** Moves time-driven lifecycles up to `now` (called before every request and after clock changes). */
  advance?(state: S, now: number, rng: SeededRandom): void;
  /** Renders a kernel failure in the vendor's wire shape. */
  failure(failure: KernelFailure, req: VendorRequest): Reply;
  /** OpenAPI (or, for SOAP vendors, a document pointing at the WSDL) generated from the contracts. */
  openapi(): OpenAPIV3_1.Document;
  /** Max request body size; defaults to the kernel's. */
  bodyLimitBytes?: number;
}

export type AnyVendor = VendorDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type { VendorRequest };
