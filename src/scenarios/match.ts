import { resolveMatchers } from '../../simulators/core/match.ts';
import { interpolateString } from './interpolate.ts';

/** The matcher core lives in the kernel (the admin plane's request verification uses it too). */
export {
  Matcher,
  type MatchMode,
  describeValue,
  match,
  matcherErrors,
  parseMatcher,
  resolveMatchers,
} from '../../simulators/core/match.ts';

/** Turns matcher strings into Matchers and interpolates the other strings, so a captured value is never a matcher. */
export function resolveExpected(expected: unknown, context: Record<string, unknown>): unknown {
  return resolveMatchers(expected, (text) => interpolateString(text, context));
}
