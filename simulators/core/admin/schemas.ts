import { z } from 'zod';
import { FaultRuleInputSchema } from '../faults.ts';

/** Request bodies of the admin control plane (`/__admin`). Public contract: documented in the README. */
const isoDate = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** Seed of a sandbox's faker and RNG (also the seed of a scenario's sandbox). */
export const SandboxSeedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/** Vendor-specific options of a new sandbox, `options.<vendorId>` (also a scenario's `options`). */
export const VendorOptionsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** Where the virtual clock of a new or reset sandbox starts. */
const ClockStartSchema = z.strictObject({ now: isoDate.optional(), frozen: z.boolean().optional() });

export const CreateSandboxSchema = z.strictObject({
  id: z.string().optional(),
  seed: SandboxSeedSchema.optional(),
  clock: ClockStartSchema.optional(),
  journal: z
    .strictObject({ enabled: z.boolean().optional(), limit: z.number().int().min(1).max(100_000).optional() })
    .optional(),
  options: VendorOptionsSchema.optional(),
});

export const ResetSandboxSchema = z.strictObject({
  clock: ClockStartSchema.optional(),
});

export const ClockChangeSchema = z
  .strictObject({
    now: isoDate.optional(),
    advanceMs: z.number().int().min(0).optional(),
    frozen: z.boolean().optional(),
  })
  .refine((b) => !(b.now !== undefined && b.advanceMs !== undefined), 'give "now" or "advanceMs", not both');

export const JournalSettingsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});

export const JournalQuerySchema = z.object({
  vendor: z.string().optional(),
  operation: z.string().optional(),
  path: z.string().optional(),
  method: z.string().optional(),
  status: z
    .string()
    .regex(/^([1-5]xx|\d{3})$/i, 'status is a code (404) or a class (4xx)')
    .optional(),
  /** `unmatched=true`: only requests that matched no operation (each with its near-misses). */
  unmatched: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});

export { FaultRuleInputSchema };

export const EntitiesQuerySchema = z.object({
  vendor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
