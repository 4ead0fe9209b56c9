import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { wildcardMatch } from '../../simulators/sinch/search.ts';
import { type TestSimulator, startSinch } from './harness.ts';

/** Reference semantics for small inputs only: the glob as an anchored, escaped RegExp. */
function reference(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(value);
}

describe('wildcardMatch', () => {
  it.each([
    ['TestCampaign*', 'TestCampaign 2', true],
    ['TestCampaign*', 'testcampaign', true],
    ['SUCCESS*', 'SUCCESS', true],
    ['?est', 'Test', true],
    ['?est', 'est', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['**', 'anything', true],
    ['a.b', 'aXb', false],
    ['(x)', '(x)', true],
    ['[ab]', 'a', false],
  ])('%s ~ %s → %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected);
  });

  it('agrees with the reference semantics on random inputs', () => {
    const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text(['a', 'b', 'A', '*', '?', '.']), text(['a', 'b', 'B', '.']), (pattern, value) => {
        expect(wildcardMatch(pattern, value)).toBe(reference(pattern, value));
      }),
      { numRuns: 1000 },
    );
  });

  it('finishes a crafted pattern in one pass (no exponential backtracking)', () => {
    const value = 'a'.repeat(20_000);
    expect(wildcardMatch(`${'*a'.repeat(2_000)}b`, value)).toBe(false);
    expect(wildcardMatch(`${'a*'.repeat(2_000)}`, value)).toBe(true);
    expect(wildcardMatch(`${'?'.repeat(19_999)}*b`, value)).toBe(false);
  });
});

describe('search parameters over HTTP', () => {
  let t: TestSimulator;
  beforeAll(async () => {
    t = await startSinch();
  });

  it('a pathological pattern in every searchable field answers normally', async () => {
    const sb = await t.sandbox({ sinch: { customersPerCampaign: 500 } });
    const crafted = `${'*a'.repeat(500)}!`;
    for (const field of ['name', 'dialerName', 'status', 'queueName', 'timeZone']) {
      const res = await sb.get('/campaigns', { query: { [field]: crafted } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    }
    for (const field of ['externalId', 'numbers', 'result', 'classifier', 'attributeName']) {
      const res = await sb.get(`/campaigns/${sb.campaign(0)}/customers`, { query: { [field]: crafted } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    }
  });
});
