import { describe, expect, it } from 'vitest';
import {
  type FaultRequest,
  FaultInjector,
  FaultRuleInputSchema,
  MAX_FAULT_RULES,
} from '../../simulators/core/faults.ts';
import { SeededRandom } from '../../simulators/core/random.ts';

const T0 = Date.parse('2021-11-03T05:00:00Z');
const req = (overrides: Partial<FaultRequest> = {}): FaultRequest => ({
  vendor: 'symbee',
  method: 'POST',
  path: '/svc/rs/searchPreviewCampaign',
  now: T0,
  ...overrides,
});
const injector = (seed = 1) => new FaultInjector(new SeededRandom(seed));

describe('FaultInjector', () => {
  it('answers nothing without rules', () => {
    const faults = injector();
    expect(faults.empty).toBe(true);
    expect(faults.decide(req())).toEqual({ kind: 'none', delayMs: 0 });
  });

  it('a status rule answers with its status, body, content type and Retry-After', () => {
    const faults = injector();
    const rule = faults.add({
      action: {
        type: 'status',
        status: 503,
        body: { oops: true },
        contentType: 'application/problem+json',
        retryAfterSeconds: 7,
      },
    });
    expect(rule).toMatchObject({ id: 'fault-1', fired: 0 });
    expect(faults.decide(req())).toEqual({
      kind: 'respond',
      delayMs: 0,
      ruleId: 'fault-1',
      status: 503,
      body: { oops: true },
      contentType: 'application/problem+json',
      retryAfterSeconds: 7,
    });
    expect(faults.list()[0]!.fired).toBe(1);
  });

  it('matches on vendor, method (any case) and path substring', () => {
    const faults = injector();
    faults.add({ vendor: 'symbee', method: 'post', path: 'search', action: { type: 'status', status: 500 } });
    expect(faults.decide(req()).kind).toBe('respond');
    expect(faults.decide(req({ vendor: 'sinch' })).kind).toBe('none');
    expect(faults.decide(req({ method: 'GET' })).kind).toBe('none');
    expect(faults.decide(req({ path: '/svc/rs/addOrUpdateCampaignRecord' })).kind).toBe('none');
  });

  it('matches a /regular expression/ path, with flags', () => {
    const faults = injector();
    faults.add({ path: '/(add|delete)\\w+Campaign/i', action: { type: 'status', status: 502 } });
    expect(faults.decide(req({ path: '/svc/ADDORUPDATEcampaign' })).kind).toBe('respond');
    expect(faults.decide(req({ path: '/svc/deleteRecordFromCampaign' })).kind).toBe('respond');
    expect(faults.decide(req({ path: '/svc/searchPreviewCampaign' })).kind).toBe('none');
  });

  it('a /regex/g rule matches every request, not every other one (no lastIndex state)', () => {
    const faults = injector();
    faults.add({ path: '/search/g', action: { type: 'status', status: 500 } });
    const kinds = Array.from({ length: 4 }, () => faults.decide(req()).kind);
    expect(kinds).toEqual(['respond', 'respond', 'respond', 'respond']);
  });

  it('a catastrophic-backtracking pattern matches in linear time (RE2), with JavaScript flags i, m, s', () => {
    const faults = injector();
    faults.add({ path: '/(a+)+$/', action: { type: 'status', status: 500 } });
    faults.add({ path: '/^/X.Y/is', action: { type: 'status', status: 501 } });
    // V8's backtracking RegExp takes minutes on this path (18 s at 32 characters, doubling with each one): here seconds.
    expect(faults.decide(req({ path: `/${'a'.repeat(25)}!` })).kind).toBe('none');
    expect(faults.decide(req({ path: `/${'a'.repeat(40)}` }))).toMatchObject({ status: 500 });
    expect(faults.decide(req({ path: '/x\ny' }))).toMatchObject({ status: 501 });
  }, 1000);

  it('refuses what RE2 cannot serve (lookaround, backreferences, unknown flags) with a message saying why', () => {
    const faults = injector();
    expect(() => faults.add({ path: '/search(?=Preview)/', action: { type: 'drop' } })).toThrow(/RE2 syntax/);
    expect(() => faults.add({ path: '/(a)\\1/', action: { type: 'drop' } })).toThrow(/RE2 syntax/);
    expect(() => faults.add({ path: '/search/x', action: { type: 'drop' } })).toThrow(/unsupported flag "x"/);
    expect(faults.empty).toBe(true);
  });

  it('bounds what every request of a sandbox pays: rule count and RE2 instructions of all patterns', () => {
    const faults = injector();
    expect(() => faults.add({ path: '/[a-z]{1000}[0-9]{1000}/', action: { type: 'drop' } })).toThrow(
      /too complex: 2\d{3} RE2 instructions/,
    );
    for (let i = 0; i < 20; i++) faults.add({ path: `/[a-z]{90}${i}/`, action: { type: 'drop' } });
    expect(() => faults.add({ path: '/[a-z]{190}/', action: { type: 'drop' } })).toThrow(/1\d{3} used/);
    faults.clear();
    for (let i = 0; i < MAX_FAULT_RULES; i++) faults.add({ path: `p${i}`, action: { type: 'drop' } });
    expect(() => faults.add({ action: { type: 'drop' } })).toThrow(/at most 100 fault rules/);
    expect(faults.list()).toHaveLength(MAX_FAULT_RULES);
  });

  it('an invalid regular expression is refused when the rule is added', () => {
    const faults = injector();
    expect(() => faults.add({ path: '/(unclosed/', action: { type: 'drop' } })).toThrow();
    expect(faults.empty).toBe(true);
  });

  it('times=N fires for the next N matching requests, then the rule stays listed as exhausted and never fires', () => {
    const faults = injector();
    faults.add({ path: 'search', times: 2, action: { type: 'status', status: 503 } });
    expect(faults.decide(req({ path: '/other' })).kind).toBe('none'); // non-matching requests do not count
    expect(faults.decide(req()).kind).toBe('respond');
    expect(faults.decide(req()).kind).toBe('respond');
    expect(faults.decide(req()).kind).toBe('none');
    expect(faults.list()).toEqual([expect.objectContaining({ id: 'fault-1', fired: 2, times: 2, state: 'exhausted' })]);
    expect(faults.empty).toBe(true); // nothing left that can fire: the pipeline skips decisions
    expect(faults.remove('fault-1')).toBe(true);
    expect(faults.list()).toEqual([]);
  });

  it('an exhausted rule no longer shadows later rules, and its history survives a snapshot', () => {
    const faults = injector();
    faults.add({ times: 1, action: { type: 'status', status: 503 } });
    faults.add({ action: { type: 'status', status: 500 } });
    expect(faults.decide(req())).toMatchObject({ status: 503, ruleId: 'fault-1' });
    expect(faults.decide(req())).toMatchObject({ status: 500, ruleId: 'fault-2' });
    const restored = FaultInjector.restore(faults.snapshot());
    expect(restored.list().map((r) => [r.id, r.fired, r.state])).toEqual([
      ['fault-1', 1, 'exhausted'],
      ['fault-2', 1, 'active'],
    ]);
    expect(restored.decide(req())).toMatchObject({ status: 500, ruleId: 'fault-2' });
  });

  it('probability fires on a seeded coin: same seed, same pattern; roughly the right share', () => {
    const pattern = (seed: number) => {
      const faults = injector(seed);
      faults.add({ probability: 0.3, action: { type: 'status', status: 500 } });
      return Array.from({ length: 400 }, () => (faults.decide(req()).kind === 'respond' ? 1 : 0)).join('');
    };
    expect(pattern(11)).toBe(pattern(11));
    expect(pattern(11)).not.toBe(pattern(12));
    const share = [...pattern(11)].filter((c) => c === '1').length / 400;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
    const never = injector();
    never.add({ probability: 0, action: { type: 'drop' } });
    expect(never.decide(req()).kind).toBe('none');
  });

  it('latency adds up across rules and combines with a later status rule', () => {
    const faults = injector();
    faults.add({ action: { type: 'latency', ms: 100 } });
    faults.add({ action: { type: 'latency', ms: 50 } });
    expect(faults.decide(req())).toEqual({ kind: 'none', delayMs: 150 });
    faults.add({ action: { type: 'status', status: 500 } });
    expect(faults.decide(req())).toMatchObject({ kind: 'respond', delayMs: 150, status: 500 });
  });

  it('drop drops', () => {
    const faults = injector();
    faults.add({ action: { type: 'drop' } });
    expect(faults.decide(req())).toEqual({ kind: 'drop', delayMs: 0, ruleId: 'fault-1' });
  });

  it('the first answering rule wins', () => {
    const faults = injector();
    faults.add({ action: { type: 'status', status: 418 } });
    faults.add({ action: { type: 'drop' } });
    expect(faults.decide(req())).toMatchObject({ kind: 'respond', status: 418 });
  });

  it('rateLimit answers 429 beyond `limit` in the window, with Retry-After, on the given (virtual) time', () => {
    const faults = injector();
    faults.add({ action: { type: 'rateLimit', limit: 2, windowMs: 10_000 } });
    expect(faults.decide(req({ now: T0 })).kind).toBe('none');
    expect(faults.decide(req({ now: T0 + 1000 })).kind).toBe('none');
    expect(faults.decide(req({ now: T0 + 2500 }))).toMatchObject({
      kind: 'respond',
      status: 429,
      retryAfterSeconds: 8,
    });
    // Refused requests do not take a slot; the first one frees at T0 + 10 s.
    expect(faults.decide(req({ now: T0 + 9999 }))).toMatchObject({ status: 429, retryAfterSeconds: 1 });
    expect(faults.decide(req({ now: T0 + 10_000 })).kind).toBe('none');
    expect(faults.decide(req({ now: T0 + 10_001 }))).toMatchObject({ status: 429, retryAfterSeconds: 1 });
    expect(faults.decide(req({ now: T0 + 60_000 })).kind).toBe('none');
    expect(faults.list()[0]!.fired).toBe(3);
  });

  it('limit 0 refuses everything, with a Retry-After of the window (not NaN)', () => {
    const faults = injector();
    faults.add({ action: { type: 'rateLimit', limit: 0, windowMs: 3000 } });
    expect(faults.decide(req())).toMatchObject({ status: 429, retryAfterSeconds: 3 });
  });

  it('rateLimit agrees with counting every accepted request of the window, over a long irregular run', () => {
    const faults = injector();
    faults.add({ action: { type: 'rateLimit', limit: 7, windowMs: 1000 } });
    const accepted: number[] = [];
    const rng = new SeededRandom(3);
    let now = T0;
    for (let i = 0; i < 5000; i++) {
      now += Math.floor(rng.next() * 300);
      const inWindow = accepted.filter((t) => t > now - 1000);
      const expected = inWindow.length < 7 ? undefined : Math.max(1, Math.ceil((inWindow[0]! + 1000 - now) / 1000));
      const decision = faults.decide(req({ now }));
      if (expected === undefined) {
        expect(decision.kind, `request ${i}`).toBe('none');
        accepted.push(now);
      } else {
        expect(decision, `request ${i}`).toMatchObject({ status: 429, retryAfterSeconds: expected });
      }
    }
    expect(accepted.length).toBeGreaterThan(1000);
  });

  it('remove and clear', () => {
    const faults = injector();
    const a = faults.add({ action: { type: 'drop' } });
    faults.add({ action: { type: 'latency', ms: 5 } });
    expect(faults.remove(a.id)).toBe(true);
    expect(faults.remove(a.id)).toBe(false);
    expect(faults.decide(req())).toEqual({ kind: 'none', delayMs: 5 });
    faults.clear();
    expect(faults.empty).toBe(true);
  });

  it('the rule schema refuses unknown fields and impossible values', () => {
    const bad = [
      { action: { type: 'status', status: 99 } },
      { action: { type: 'status', status: 101 } }, // an interim answer, not a reply
      { action: { type: 'status', status: 503, retryAfterSeconds: 1e9 } },
      { action: { type: 'rateLimit', limit: 1e9, windowMs: 1000 } },
      { action: { type: 'rateLimit', limit: 1, windowMs: 1e15 } },
      { action: { type: 'status', status: 600 } },
      { action: { type: 'latency', ms: -1 } },
      { action: { type: 'rateLimit', limit: 1, windowMs: 0 } },
      { action: { type: 'explode' } },
      { action: { type: 'drop' }, times: 0 },
      { action: { type: 'drop' }, probability: 1.5 },
      { action: { type: 'drop' }, extra: 1 },
      {},
    ];
    for (const input of bad) expect(FaultRuleInputSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
  });
});
