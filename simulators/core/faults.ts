import { z } from 'zod';
import { SeededRandom } from './random.ts';

/**
 * Fault injection rules. A rule matches on vendor / operation / method / path and then either answers with a status, adds
 * latency, drops the connection, or rate-limits (429). `times` fires it for the next N matching requests only;
 * `probability` fires it on a seeded coin flip, so a given seed replays the same failures.
 */
export const FaultActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('status'),
    status: z.number().int().min(100).max(599),
    /** Sent as-is when given; otherwise the vendor's own error shape is used. */
    body: z.unknown().optional(),
    contentType: z.string().optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal('latency'), ms: z.number().int().min(0).max(120_000) }),
  z.object({ type: z.literal('drop') }),
  z.object({
    type: z.literal('rateLimit'),
    limit: z.number().int().min(0),
    windowMs: z.number().int().min(1),
  }),
]);

export const FaultRuleInputSchema = z.strictObject({
  vendor: z.string().optional(),
  /** Exact name of a vendor operation (see `GET /__admin/vendors/{vendorId}`). */
  operation: z.string().min(1).max(200).optional(),
  method: z.string().optional(),
  /** Substring of the vendor path (after `/<vendorId>`), or a regular expression written as `/.../`. */
  path: z.string().max(500).optional(),
  action: FaultActionSchema,
  times: z.number().int().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
});

export type FaultAction = z.infer<typeof FaultActionSchema>;
export type FaultRuleInput = z.infer<typeof FaultRuleInputSchema>;
export interface FaultRule extends FaultRuleInput {
  id: string;
  /** How often the rule has fired. */
  fired: number;
}

/**
 * A rule as listed: `exhausted` once a `times` rule has fired that often. It stays listed (with its count) until
 * removed or cleared, so a test can still ask how often it fired; it never fires again.
 */
export interface ListedFaultRule extends FaultRule {
  state: 'active' | 'exhausted';
}

const isExhausted = (rule: FaultRule) => rule.times !== undefined && rule.fired >= rule.times;

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | {
      kind: 'respond';
      delayMs: number;
      ruleId: string;
      status: number;
      body?: unknown;
      contentType?: string;
      retryAfterSeconds?: number;
    }
  | { kind: 'drop'; delayMs: number; ruleId: string };

export interface FaultRequest {
  vendor: string;
  operation?: string;
  method: string;
  path: string;
  now: number;
}

function pathMatcher(pattern: string | undefined): (path: string) => boolean {
  if (!pattern) return () => true;
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (regex) {
    // `g`/`y` would make `test` stateful (lastIndex): the rule would match only every other request.
    const re = new RegExp(regex[1] as string, (regex[2] as string).replace(/[gy]/g, ''));
    return (path) => re.test(path);
  }
  return (path) => path.includes(pattern);
}

/**
 * What is saved with the sandbox: the rules as they stand (fired counts included), the id counter and the position of
 * the coin-flip stream. Rate-limit windows are not: they start empty again after a restart.
 */
export const FaultsSnapshotSchema = z.object({
  rules: z.array(FaultRuleInputSchema.extend({ id: z.string(), fired: z.number().int().min(0) })),
  nextId: z.number().int().min(1),
  rng: z.number().int(),
});
export type FaultsSnapshot = z.infer<typeof FaultsSnapshotSchema>;

export class FaultInjector {
  private rules: FaultRule[] = [];
  private matchers = new Map<string, (path: string) => boolean>();
  /** Request times seen per rate-limit rule, within its window. */
  private windows = new Map<string, number[]>();
  private nextId = 1;

  constructor(private readonly rng: SeededRandom) {}

  static restore(snap: FaultsSnapshot): FaultInjector {
    const faults = new FaultInjector(SeededRandom.restore(snap.rng));
    for (const rule of snap.rules) {
      faults.rules.push({ ...rule });
      faults.matchers.set(rule.id, pathMatcher(rule.path));
    }
    faults.nextId = snap.nextId;
    return faults;
  }

  snapshot(): FaultsSnapshot {
    return { rules: this.rules.map((r) => ({ ...r })), nextId: this.nextId, rng: this.rng.snapshot() };
  }

  add(input: FaultRuleInput): FaultRule {
    const matcher = pathMatcher(input.path);
    const rule: FaultRule = { ...input, id: `fault-${this.nextId++}`, fired: 0 };
    this.rules.push(rule);
    this.matchers.set(rule.id, matcher);
    return rule;
  }

  list(): ListedFaultRule[] {
    return this.rules.map((r) => ({ ...r, state: isExhausted(r) ? 'exhausted' : 'active' }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    this.matchers.delete(id);
    this.windows.delete(id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
    this.matchers.clear();
    this.windows.clear();
  }

  /** No rule can fire (none, or only exhausted ones): the pipeline skips fault decisions altogether. */
  get empty(): boolean {
    return this.rules.every(isExhausted);
  }

  decide(req: FaultRequest): FaultDecision {
    let delayMs = 0;
    for (const rule of this.rules) {
      if (isExhausted(rule) || !this.matches(rule, req)) continue;
      if (rule.probability !== undefined && this.rng.next() >= rule.probability) continue;
      const { action } = rule;
      if (action.type === 'rateLimit') {
        const retryAfterMs = this.overLimit(rule.id, action.limit, action.windowMs, req.now);
        if (retryAfterMs === undefined) continue;
        this.fire(rule);
        return {
          kind: 'respond',
          delayMs,
          ruleId: rule.id,
          status: 429,
          retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
        };
      }
      this.fire(rule);
      if (action.type === 'latency') {
        delayMs += action.ms;
        continue;
      }
      if (action.type === 'drop') return { kind: 'drop', delayMs, ruleId: rule.id };
      return {
        kind: 'respond',
        delayMs,
        ruleId: rule.id,
        status: action.status,
        body: action.body,
        contentType: action.contentType,
        retryAfterSeconds: action.retryAfterSeconds,
      };
    }
    return { kind: 'none', delayMs };
  }

  private matches(rule: FaultRule, req: FaultRequest): boolean {
    if (rule.vendor && rule.vendor !== req.vendor) return false;
    if (rule.operation && rule.operation !== req.operation) return false;
    if (rule.method && rule.method.toUpperCase() !== req.method) return false;
    return this.matchers.get(rule.id)?.(req.path) ?? false;
  }

  /** Counts the request in the rule's sliding window; returns ms until a slot frees when over the limit. */
  private overLimit(ruleId: string, limit: number, windowMs: number, now: number): number | undefined {
    const seen = (this.windows.get(ruleId) ?? []).filter((t) => t > now - windowMs);
    this.windows.set(ruleId, seen);
    if (seen.length < limit) {
      seen.push(now);
      return undefined;
    }
    return (seen[0] as number) + windowMs - now;
  }

  private fire(rule: FaultRule): void {
    rule.fired++;
    if (isExhausted(rule)) this.windows.delete(rule.id);
  }
}
