import type { HttpMethod } from '../../simulators/core/operations.ts';
import { type Operation, type VendorHandler, restOperation } from '../../simulators/core/vendor.ts';

/** Small test vendors declare routes (method, path, handler): each becomes a REST operation named `METHOD path`. */
export function routes<S>(
  list: { method: HttpMethod; path: string; handler: VendorHandler<S>; readOnly?: boolean }[],
): Operation<S>[] {
  return list.map((r) => restOperation(r.method, r.path, r.handler, { readOnly: r.readOnly }));
}
