import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parseScenarios } from '../../src/scenarios/load.ts';
import { runScenario } from '../../src/scenarios/runner.ts';
import { startSimulator } from '../../simulators/core/server.ts';
import { VENDORS } from '../../simulators/index.ts';

const DOC = fileURLToPath(new URL('../../docs/scenarios.md', import.meta.url));

it('the complete example of docs/scenarios.md passes', async () => {
  const markdown = await readFile(DOC, 'utf8');
  const example = /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1];
  expect(example).toContain('name:');
  const [scenario] = parseScenarios(example!, 'docs/scenarios.md');
  const sim = await startSimulator({ vendors: VENDORS, port: 0 });
  try {
    const result = await runScenario(scenario!, { origin: sim.url });
    expect(result.failure).toBeUndefined();
    expect(result.steps.map((s) => s.status)).toEqual(scenario!.steps.map(() => 'passed'));
  } finally {
    await sim.stop();
  }
});
