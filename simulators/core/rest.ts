import { VendorError } from './errors.ts';
import { coerceLikeJackson } from './jackson.ts';
import { matchContentType, negotiateAccept } from './negotiate.ts';
import { type OperationName, type OperationSpec, consumesOf } from './operations.ts';
import type { Reply } from './reply.ts';
import type { Operation, VendorCall } from './vendor.ts';

/**
 * The REST binding: what every REST vendor's requests go through before its handler — authentication (from the
 * headers, before the body is read), `Accept`
 * negotiation (406) and the `Content-Type` check (415) against what the operation declares — so a handler is a plain
 * "input → model call → output" function. Failures are VendorErrors: the pipeline renders them through the vendor's
 * `renderError`, whoever threw them (this binding, the handler or the model).
 */
export interface RestProtocol<S> {
  /**
   * Checks the request's credentials for its operation (`call.operation`); throws a VendorError to refuse. Reads
   * headers only (the body is not read yet: `call.rawBody` is empty): the pipeline runs it before reading the body.
   */
  authenticate?(call: VendorCall<S>): void;
  /**
   * When the vendor's service checks `Content-Type`: before the handler runs (`binding`, the default), or when the
   * handler reads the body (`handler`: it calls `call.requireBodyType()`, so e.g. an unknown campaign is still
   * answered 404 first).
   */
  contentTypeCheck?: 'binding' | 'handler';
  /** The vendor's refusal of a body type the operation does not consume (415). */
  unsupportedMediaType(type: string, consumes: readonly string[]): VendorError;
  /** The vendor's refusal of an `Accept` that names nothing the operation produces (406). */
  notAcceptable?(accept: string, produces: readonly string[]): VendorError;
  /**
   * The vendor is a Java service whose bodies Jackson binds with its default coercions (`core/jackson.ts`):
   * `call.bindBody` applies them against the operation's declared body schema.
   */
  jackson?: boolean;
}

export interface RestCall<S> extends VendorCall<S> {
  operation: OperationSpec;
  /** The negotiated response media type, when the operation declares `produces`. */
  produces: string | undefined;
  /** The request body's media type, once checked (see `contentTypeCheck`). */
  consumes: string | undefined;
  /** Checks the body's `Content-Type` against the operation's and returns the matched type (415 otherwise). */
  requireBodyType(): string;
  /**
   * The body the vendor's service sees, given the value parsed from the wire (JSON, or XML brought to the JSON
   * shape): for a Jackson-backed protocol, coerced to the operation's declared body schema as Jackson's defaults
   * do (edited in place); otherwise as given. The handler's schema check comes after.
   */
  bindBody(parsed: unknown): unknown;
}

export type RestHandler<S> = (call: RestCall<S>) => Reply | Promise<Reply>;

/** The handlers a vendor implements: exactly one per declared operation (the compiler checks the names). */
export type RestHandlers<S, T extends readonly OperationSpec[]> = { [K in OperationName<T>]: RestHandler<S> };

/** Binds each declared REST operation to its handler through the binding's steps. */
export function bindRest<S, const T extends readonly OperationSpec[]>(
  specs: T,
  protocol: RestProtocol<S>,
  handlers: RestHandlers<S, T>,
): Operation<S>[] {
  return specs.map((spec) => {
    if (spec.binding.protocol !== 'rest') throw new Error(`${spec.name} is not a REST operation`);
    const handler = (handlers as Record<string, RestHandler<S>>)[spec.name];
    if (!handler) throw new Error(`no handler for operation ${spec.name}`);
    const bound: Operation<S> = { ...spec, handler: restHandler(spec, protocol, handler) };
    if (protocol.authenticate) bound.authenticate = protocol.authenticate;
    return bound;
  });
}

function restHandler<S>(
  spec: OperationSpec,
  protocol: RestProtocol<S>,
  handler: RestHandler<S>,
): (call: VendorCall<S>) => Reply | Promise<Reply> {
  const consumes = consumesOf(spec);
  const eager = consumes !== undefined && (protocol.contentTypeCheck ?? 'binding') === 'binding';
  const bodySchema = protocol.jackson ? spec.requestBody?.schema : undefined;
  const bindBody = bodySchema
    ? (parsed: unknown) => coerceLikeJackson(bodySchema, parsed)
    : (parsed: unknown) => parsed;
  // Runs as a method of the call (`this`): one function per operation, not a closure per request.
  function requireBodyType(this: RestCall<S>): string {
    const type = this.req.get('content-type');
    const matched = consumes && matchContentType(type, consumes);
    if (!matched) throw protocol.unsupportedMediaType(type ?? '', consumes ?? []);
    this.consumes = matched;
    return matched;
  }
  // Credentials were checked by the pipeline before the body was read (`Operation.authenticate`).
  return (base) => {
    let produces: string | undefined;
    if (spec.produces) {
      const accept = base.req.get('accept');
      produces = negotiateAccept(accept, spec.produces);
      if (!produces) throw refusal(protocol.notAcceptable?.(accept ?? '', spec.produces), 406, 'Not Acceptable');
    }
    // The pipeline's call object, completed in place (always the same fields in the same order): no copy of it per
    // request on the hot path.
    const call = base as RestCall<S>;
    call.operation = spec;
    call.produces = produces;
    call.consumes = undefined;
    call.requireBodyType = requireBodyType;
    call.bindBody = bindBody;
    if (eager) call.requireBodyType();
    return handler(call);
  };
}

function refusal(vendorError: VendorError | undefined, status: number, message: string): VendorError {
  return vendorError ?? new VendorError({ status, code: 'notAcceptable', message });
}
