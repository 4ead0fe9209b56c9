import type { Reply } from './reply.ts';
import type { VendorRequest } from './request.ts';
import type { Sandbox, SandboxRegistry } from './sandbox.ts';
import { type BodyBudget, BUDGET_RETRY_AFTER_SECONDS } from './body.ts';
import { VendorError } from './errors.ts';
import { type Operation, type VendorCall, kernelFailure } from './vendor.ts';

/**
 * What the pipeline decides before it reads a body: whether the credentials in the headers are good, and whether the
 * process may take the body on at all. Refusals are answered with `Connection: close`, so the rest of the body is
 * never read into the process.
 */

/**
 * The refusal of an operation whose binding checks credentials in the headers (`Operation.authenticate`), or
 * undefined when they are good. No sandbox answers to them: the kernel's `unauthenticated`, in the vendor's shape.
 */
export function headerRefusal(
  vendorId: string,
  operation: Operation<unknown>,
  sandbox: Sandbox | undefined,
  registry: SandboxRegistry,
  req: VendorRequest,
  params: Record<string, string>,
): VendorError | undefined {
  if (!sandbox) return kernelFailure('unauthenticated', 'Unknown or missing tenant credentials');
  // Credentials can change with time (Symbee's scheduled key rotation): checked against the world as of now.
  registry.advance(sandbox);
  const call: VendorCall<unknown> = {
    state: sandbox.states.get(vendorId),
    sandboxId: sandbox.id,
    now: () => sandbox.clock.now(),
    rng: sandbox.rngOf(vendorId),
    req,
    rawBody: '',
    params,
    query: {},
    operation,
  };
  try {
    operation.authenticate?.(call);
    return undefined;
  } catch (err) {
    if (err instanceof VendorError) return err;
    throw err;
  }
}

/** A refusal sent before the body was read: the connection closes after it. */
export function unreadBody(reply: Reply): Reply {
  return { ...reply, headers: { ...reply.headers, connection: 'close' } };
}

/**
 * The process is already reading as many body bytes as its cap allows (`BodyBudget`). Vendor-neutral on purpose (no
 * vendor answers this: it is the simulator's own limit): `503`, `Retry-After`, and the admin plane's error shape.
 */
export function budgetRefusal(budget: BodyBudget): Reply {
  const message =
    `The simulator is reading ${budget.limit} bytes of request bodies at once (its cap, --max-body-bytes-in-flight); ` +
    `retry after ${BUDGET_RETRY_AFTER_SECONDS} s`;
  return unreadBody({
    status: 503,
    headers: { 'retry-after': String(BUDGET_RETRY_AFTER_SECONDS) },
    body: { format: 'json', value: { error: { status: 503, code: 'bodyBudgetExhausted', message } } },
  });
}
