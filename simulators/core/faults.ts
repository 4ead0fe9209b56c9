import { z } from 'zod';
import { MAX_MATCHED_PATH_CHARS, PatternError, type PathMatcher, pathMatcher } from './path-pattern.ts';
import { SeededRandom } from './random.ts';
import { SlidingWindow } from './rate-window.ts';

function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/**
 * Fault injection rules. A rule matches on vendor / operation / method / path and then either answers with a status, adds
 * latency, drops the connection, or rate-limits (429). `times` fires it for the next N matching requests only;
 * `probability` fires it on a seeded coin flip, so a given seed replays the same failures.
 */
// Built on first use (z.lazy over one builder): rules arrive through the admin plane or a saved file, and start-up
// need not construct these schemas.
const faultSchemas = once(() => {
  const action = z.discriminatedUnion('type', [
    z.object({
      type: z.literal('status'),
      // 1xx are interim answers, not a reply a client can be given instead of the vendor's.
      status: z.number().int().min(200).max(599),
      /** Sent as-is when given; otherwise the vendor's own error shape is used. */
      body: z.unknown().optional(),
      contentType: z.string().optional(),
      retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    }),
    z.object({ type: z.literal('latency'), ms: z.number().int().min(0).max(120_000) }),
    z.object({ type: z.literal('drop') }),
    z.object({
      type: z.literal('rateLimit'),
      // The window keeps one time per allowed request: beyond 100,000 a limit is no limit a test can reach anyway.
      limit: z.number().int().min(0).max(100_000),
      windowMs: z.number().int().min(1).max(86_400_000),
    }),
  ]);

  const input = z.strictObject({
    vendor: z.string().optional(),
    /** Exact name of a vendor operation (see `GET /__admin/vendors/{vendorId}`). */
    operation: z.string().min(1).max(200).optional(),
    method: z.string().optional(),
    /** Substring of the vendor path (after `/<vendorId>`), or a regular expression written as `/.../`. */
    path: z.string().max(500).optional(),
    action,
    times: z.number().int().min(1).optional(),
    probability: z.number().min(0).max(1).optional(),
  });
  return {
    action,
    input,
    snapshot: z.object({
      rules: z.array(input.extend({ id: z.string(), fired: z.number().int().min(0) })),
      nextId: z.number().int().min(1),
      rng: z.number().int(),
    }),
  };
});
export const FaultActionSchema = z.lazy(() => faultSchemas().action);
export const FaultRuleInputSchema = z.lazy(() => faultSchemas().input);

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

/**
 * What is saved with the sandbox: the rules as they stand (fired counts included), the id counter and the position of
 * the coin-flip stream. Rate-limit windows are not: they start empty again after a restart.
 */
export const FaultsSnapshotSchema = z.lazy(() => faultSchemas().snapshot);
export type FaultsSnapshot = z.infer<typeof FaultsSnapshotSchema>;

/**
 * Every request of a sandbox is checked against each of its rules, so their number and their regular expressions'
 * RE2 instructions are bounded per sandbox: at the limits a request's checks cost ~100 ms at worst (2,000
 * instructions × 1,024 path characters × ~50 ns), typical rules (a substring, a 20-instruction pattern) microseconds.
 */
export const MAX_FAULT_RULES = 100;
export const MAX_PATTERN_INSTRUCTIONS = 2000;

export class FaultInjector {
  private rules: FaultRule[] = [];
  private matchers = new Map<string, PathMatcher>();
  /** Accepted request times per rate-limit rule. */
  private windows = new Map<string, SlidingWindow>();
  private nextId = 1;

  constructor(private readonly rng: SeededRandom) {}

  static restore(snap: FaultsSnapshot): FaultInjector {
    const faults = new FaultInjector(SeededRandom.restore(snap.rng));
    for (const rule of snap.rules) faults.keep({ ...rule });
    faults.nextId = snap.nextId;
    return faults;
  }

  snapshot(): FaultsSnapshot {
    return { rules: this.rules.map((r) => ({ ...r })), nextId: this.nextId, rng: this.rng.snapshot() };
  }

  /** Throws PatternError (a 400 for the caller) for a pattern or a rule beyond what the sandbox can serve. */
  add(input: FaultRuleInput): FaultRule {
    const rule = this.keep({ ...input, id: `fault-${this.nextId}`, fired: 0 });
    this.nextId++;
    return rule;
  }

  private keep(rule: FaultRule): FaultRule {
    if (this.rules.length >= MAX_FAULT_RULES) {
      throw new PatternError(`a sandbox holds at most ${MAX_FAULT_RULES} fault rules`);
    }
    const matcher = pathMatcher(rule.path);
    const used = [...this.matchers.values()].reduce((sum, m) => sum + m.cost, 0);
    if (used + matcher.cost > MAX_PATTERN_INSTRUCTIONS) {
      throw new PatternError(
        `path pattern ${rule.path} is too complex: ${matcher.cost} RE2 instructions, and the sandbox's patterns may hold ` +
          `${MAX_PATTERN_INSTRUCTIONS} together (${used} used); a pattern sees the first ${MAX_MATCHED_PATH_CHARS} characters of a path`,
      );
    }
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
    return this.matchers.get(rule.id)?.test(req.path) ?? false;
  }

  /** Counts the request in the rule's sliding window; returns ms until a slot frees when over the limit. */
  private overLimit(ruleId: string, limit: number, windowMs: number, now: number): number | undefined {
    let window = this.windows.get(ruleId);
    if (!window) this.windows.set(ruleId, (window = new SlidingWindow(limit, windowMs)));
    return window.take(now);
  }

  private fire(rule: FaultRule): void {
    rule.fired++;
    if (isExhausted(rule)) this.windows.delete(rule.id);
  }
}
