import { z } from 'zod';
import { PRODUCT_VENDOR_IDS } from '../../simulators/catalogue.ts';
import { SandboxSeedSchema, VendorOptionsSchema } from '../../simulators/core/admin/schemas.ts';
import { RequestPatternSchema } from '../../simulators/core/verify.ts';

/**
 * The scenario YAML format (docs/scenarios.md). Every object is strict so a typo (`expcet:`) is an error naming the
 * step, not a silently skipped assertion.
 */
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const stringMap = z.record(z.string(), scalar);
const captureMap = z.record(
  z.string().regex(/^[A-Za-z_][\w-]*$/, 'capture names are letters, digits, "_" or "-"'),
  z.string(),
);

const ExpectSchema = z.strictObject({
  status: z.union([z.number().int().min(100).max(599), z.string()]).optional(),
  headers: z.record(z.string(), z.unknown()).optional(),
  json: z.unknown().optional(),
  xml: z.unknown().optional(),
  text: z.string().optional(),
  /** XPath subset → expected value (src/scenarios/soap.ts), on the body parsed as XML. */
  xpath: z.record(z.string(), z.unknown()).optional(),
  /** A SOAP fault: matched against `Envelope/Body/Fault` ({faultcode, faultstring, detail}). */
  fault: z.unknown().optional(),
});

/** At most one body form per request. */
const oneBody = (b: { json?: unknown; xml?: unknown; text?: unknown; form?: unknown }) =>
  [b.json, b.xml, b.text, b.form].filter((v) => v !== undefined).length <= 1;

const RequestSchema = z
  .strictObject({
    vendor: z.enum(PRODUCT_VENDOR_IDS),
    method: z.enum(HTTP_METHODS),
    path: z.string().startsWith('/', 'path starts with "/" (relative to the vendor baseUrl)'),
    query: stringMap.optional(),
    headers: stringMap.optional(),
    auth: z.boolean().optional(),
    json: z.unknown().optional(),
    xml: z.string().optional(),
    text: z.string().optional(),
    form: stringMap.optional(),
  })
  .refine(oneBody, 'give at most one of json, xml, text, form');

/** A SOAP call: the operation and its arguments in the documented order (`arg1 … argN`). */
const SoapSchema = z.strictObject({
  vendor: z.enum(PRODUCT_VENDOR_IDS),
  /** A key of `vendors.<vendor>.endpoints` (default: `vendors.<vendor>.endpoint`). */
  service: z.string().optional(),
  operation: z.string().regex(/^[A-Za-z_][\w.-]*$/, 'an XML element name'),
  args: z.array(z.unknown()).optional(),
  /** `false` sends no WS-Security header. */
  auth: z.boolean().optional(),
  /** Other WS-Security credentials than the sandbox's. */
  credentials: z.strictObject({ username: z.string(), password: z.string() }).optional(),
});

const ClockSchema = z
  .strictObject({
    now: z.string().optional(),
    advanceMs: z.number().int().min(0).optional(),
    frozen: z.boolean().optional(),
  })
  .refine((c) => !(c.now !== undefined && c.advanceMs !== undefined), 'give "now" or "advanceMs", not both')
  .refine((c) => c.now !== undefined || c.advanceMs !== undefined || c.frozen !== undefined, 'clock step is empty');

const AdminSchema = z.strictObject({
  method: z.enum(HTTP_METHODS),
  path: z.string().startsWith('/', 'path starts with "/" (relative to /__admin/sandboxes/{id})'),
  query: stringMap.optional(),
  json: z.unknown().optional(),
});

/** Exactly n, or `{ atLeast, atMost }`. */
const TimesSchema = z.union([
  z.number().int().min(0),
  z
    .strictObject({ atLeast: z.number().int().min(0).optional(), atMost: z.number().int().min(0).optional() })
    .refine((t) => t.atLeast !== undefined || t.atMost !== undefined, 'give atLeast and/or atMost'),
]);

/** A request pattern of `POST …/requests/count` plus how many journaled requests must match (default: at least 1). */
const VerifySchema = RequestPatternSchema.extend({ times: TimesSchema.optional() });

const common = { name: z.string().min(1).optional(), expect: ExpectSchema.optional(), capture: captureMap.optional() };

export const RequestStepSchema = z.strictObject({ ...common, request: RequestSchema });
export const ClockStepSchema = z.strictObject({ ...common, clock: ClockSchema });
export const SoapStepSchema = z.strictObject({ ...common, soap: SoapSchema });
export const AdminStepSchema = z.strictObject({ ...common, admin: AdminSchema });
export const VerifyStepSchema = z.strictObject({ name: common.name, verify: VerifySchema });

/** Which schema a step is checked against is decided by its one action key, so errors speak about that kind. */
export const STEP_KINDS = {
  request: RequestStepSchema,
  soap: SoapStepSchema,
  clock: ClockStepSchema,
  admin: AdminStepSchema,
  verify: VerifyStepSchema,
} as const;
export type StepKind = keyof typeof STEP_KINDS;

export const ScenarioHeaderSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  seed: SandboxSeedSchema.optional(),
  clock: z.strictObject({ now: z.string().optional(), frozen: z.boolean().optional() }).optional(),
  options: VendorOptionsSchema.optional(),
  journal: z.strictObject({ enabled: z.boolean().optional(), limit: z.number().int().min(1).optional() }).optional(),
  steps: z.array(z.unknown()).min(1, 'a scenario has at least one step'),
});

export type Expect = z.infer<typeof ExpectSchema>;
export type RequestStep = z.infer<typeof RequestStepSchema>;
export type ClockStep = z.infer<typeof ClockStepSchema>;
export type SoapStep = z.infer<typeof SoapStepSchema>;
export type AdminStep = z.infer<typeof AdminStepSchema>;
export type VerifyStep = z.infer<typeof VerifyStepSchema>;
export type Step = RequestStep | SoapStep | ClockStep | AdminStep | VerifyStep;

export interface Scenario extends Omit<z.infer<typeof ScenarioHeaderSchema>, 'steps'> {
  steps: Step[];
  /** File the scenario came from, and its index in that file (multi-document YAML). */
  file: string;
  index: number;
}

export function stepKind(step: Step): StepKind {
  if ('request' in step) return 'request';
  if ('soap' in step) return 'soap';
  if ('clock' in step) return 'clock';
  if ('verify' in step) return 'verify';
  return 'admin';
}

/** "step 3 (add a record)" — how reports and errors name a step. */
export function stepLabel(step: { name?: string } | undefined, index: number): string {
  return step?.name ? `step ${index + 1} (${step.name})` : `step ${index + 1}`;
}
