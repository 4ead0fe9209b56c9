import { describe, expect, it } from 'vitest';
import { Slicer } from '../../simulators/core/jobs.ts';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('Slicer', () => {
  it('yields once its budget is used up, counts the slices, and records one held up past the budget', async () => {
    const slicer = new Slicer(2);
    let yields = 0;
    for (let i = 0; i < 64 * 40; i++) {
      busy(0.01);
      // One step holds the loop for 30 ms, as a garbage collection or a growing hash table would.
      if (i === 64 * 20) busy(30);
      const pause = slicer.step(i + 1, 64 * 40);
      if (pause) {
        yields++;
        await pause;
      }
    }
    slicer.endSlice();
    expect(yields).toBeGreaterThan(3);
    expect(slicer.slices).toBe(yields + 1);
    expect(slicer.longestSliceMs).toBeGreaterThanOrEqual(30);
    expect(slicer).toMatchObject({ done: 64 * 40, total: 64 * 40 });
  });
});
