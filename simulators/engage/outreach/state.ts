import { z } from 'zod';
import type { SeedContext } from '../../core/vendor.ts';

/**
 * Part 2's state (sub-campaigns, contact batches, contact attempts, pacing): empty until part 2 fills it in. Kept in
 * its own file, with its own saved form, so part 2 changes nothing of the configuration methods' files.
 */
export type OutreachState = Record<string, never>;

export const OutreachSnapshotSchema = z.object({}).strict();

export function createOutreach(_ctx: SeedContext): OutreachState {
  return {};
}

export function snapshotOutreach(_state: OutreachState): z.infer<typeof OutreachSnapshotSchema> {
  return {};
}

export function restoreOutreach(_saved: z.infer<typeof OutreachSnapshotSchema>): OutreachState {
  return {};
}
