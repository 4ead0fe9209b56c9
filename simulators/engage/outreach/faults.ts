import { EngageFault } from '../errors.ts';

/**
 * Part 2's failures, raised by the model without knowing the method being served: the code and the values for `%s` /
 * `{0}`. The handlers re-word them as the served method's page does (`asMethodFault` in ../errors.ts).
 */
export function engageFault(code: string, ...values: string[]): EngageFault {
  return new EngageFault(code, values);
}
