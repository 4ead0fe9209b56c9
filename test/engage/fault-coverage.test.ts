import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGAGE_METHODS } from '../../contracts/engage/operations.ts';
import { collectScenarioFiles, loadScenarioFile } from '../../src/scenarios/load.ts';
import { FAULT_COVERAGE_EXEMPTIONS } from './fault-coverage-exemptions.ts';

/**
 * Every documented (method, error code) pair of the Engage contract is reached by a shipped scenario — a soap step of
 * `scenarios/engage/*.yaml` whose `expect.fault` names the code (`detail.ApiFault.errorCode`), or whose `faultstring`
 * is, of that method's documented messages, the code's alone — unless an exemption says why not (where it is tested
 * instead, or why it cannot occur). The shipped scenarios run in `npm test` (test/scenarios/shipped.test.ts), so a
 * pair counted here is a pair the simulator really answers.
 */
const SCENARIOS = fileURLToPath(new URL('../../scenarios/engage', import.meta.url));

const pair = (operation: string, code: string) => `${operation} ${code}`;

/** `%s` / `{0}` placeholders match any text; the rest literally. */
const templatePattern = (template: string) =>
  new RegExp(
    `^${template
      .split(/%s|\{\d\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );

/** The code a step's expected fault names: its errorCode, else the one documented message its faultstring fits. */
function codeOf(operation: string, fault: unknown): string | undefined {
  if (typeof fault !== 'object' || fault === null) return undefined;
  const { detail, faultstring } = fault as { detail?: { ApiFault?: { errorCode?: unknown } }; faultstring?: unknown };
  const code = detail?.ApiFault?.errorCode;
  if (typeof code === 'string' && !code.startsWith('$')) return code;
  if (typeof faultstring !== 'string') return undefined;
  const faults = Object.entries(ENGAGE_METHODS.get(operation)?.faults ?? {});
  const fits = faults.filter(([, template]) => templatePattern(template).test(faultstring));
  return fits.length === 1 ? fits[0]![0] : undefined;
}

async function reachedPairs(): Promise<Map<string, string>> {
  const reached = new Map<string, string>();
  for (const file of await collectScenarioFiles([SCENARIOS])) {
    for (const scenario of await loadScenarioFile(file)) {
      for (const step of scenario.steps) {
        if (!('soap' in step) || !step.expect?.fault) continue;
        const code = codeOf(step.soap.operation, step.expect.fault);
        if (code) reached.set(pair(step.soap.operation, code), `${scenario.file} > ${scenario.name}`);
      }
    }
  }
  return reached;
}

const documented = [...ENGAGE_METHODS.values()].flatMap((m) => Object.keys(m.faults).map((code) => pair(m.name, code)));

describe('documented faults reached by the Engage scenarios', () => {
  it('every (method, code) pair of the contract is reached by a scenario step, or exempted with a reason', async () => {
    const reached = await reachedPairs();
    const missing = documented.filter((p) => !reached.has(p) && !FAULT_COVERAGE_EXEMPTIONS.has(p));
    expect(missing).toEqual([]);
  });

  it('an exemption names a documented pair no scenario reaches, and says why', async () => {
    const reached = await reachedPairs();
    for (const [exempted, reason] of FAULT_COVERAGE_EXEMPTIONS) {
      expect(documented, exempted).toContain(exempted);
      expect(reached.get(exempted), `${exempted} is reached: drop its exemption`).toBeUndefined();
      expect(reason.length, exempted).toBeGreaterThan(20);
    }
  });

  it('reads a code from errorCode, or from a faultstring only one documented message fits', () => {
    expect(codeOf('createSubCampaign', { detail: { ApiFault: { errorCode: 'OBJECT_EXISTS' } } })).toBe('OBJECT_EXISTS');
    expect(codeOf('createSubCampaign', { faultstring: "Object 'x' already exists" })).toBe('OBJECT_EXISTS');
    expect(codeOf('createSubCampaign', { faultstring: 'something else' })).toBeUndefined();
    expect(codeOf('createSubCampaign', { detail: { ApiFault: { errorCode: '$string' } } })).toBeUndefined();
  });
});
