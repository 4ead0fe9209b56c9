import { nextAsyncTick, processAsyncTick } from './batches.ts';
import { type EngineDirectory, advanceOutreach } from './engine.ts';
import type { OutreachState } from './model.ts';
import type { ContactFilter } from './subcampaigns.ts';

/** What part 2 needs of the rest of the Engage state while the clock runs. */
export interface OutreachDirectory extends EngineDirectory {
  isFiltered: ContactFilter;
}

/** The clock moved to `now`: queued async batches, state moves and attempts, in time order. */
export function advance(state: OutreachState, now: number, directory: OutreachDirectory): void {
  advanceOutreach(state, now, directory, {
    nextAt: () => nextAsyncTick(state),
    fire: (at) => processAsyncTick(state, at, directory.isFiltered),
  });
}
