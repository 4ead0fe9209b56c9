import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { collectScenarioFiles } from '../../src/scenarios/load.ts';
import { runScenarios } from '../../src/scenarios/runner.ts';

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));

// Every shipped scenario (all vendors' folders) must stay green: they are the documentation users replay.
it('every scenario in scenarios/ passes against an in-process simulator of every vendor', async () => {
  const files = await collectScenarioFiles([SCENARIOS]);
  const summary = await runScenarios([SCENARIOS]);
  const failures = summary.files.flatMap((f) => f.scenarios).filter((s) => !s.passed);
  expect(failures.map((s) => `${s.file} > ${s.name}\n${s.failure?.message}`)).toEqual([]);
  expect(summary.files.map((f) => f.file)).toHaveLength(files.length);
  expect(summary.passed).toBeGreaterThanOrEqual(files.length);
});
