import { ENGAGE_NAMESPACE, faultMessage } from '../../contracts/engage/operations.ts';
import { FAULT_DETAIL } from '../../contracts/engage/wsdl.ts';
import { VendorError } from '../core/errors.ts';
import type { Reply } from '../core/reply.ts';
import { type FaultCode, soapFault } from '../core/serializers/soap.ts';
import { isKernelFailure } from '../core/vendor.ts';

/**
 * Engage failures are SOAP 1.1 faults (HTTP 500): `faultcode` soap:Client (the request is at fault) or soap:Server,
 * `faultstring` the documented message with `%s` / `{0}` filled in, and — for the document's error codes — a
 * `detail` element `ApiFault` with `errorCode` and `message` (layout assumed: the document names codes, not XML).
 */

interface FaultInfo {
  faultcode: FaultCode;
  /** The document's error code, carried in `detail` (none for protocol faults, as JAX-WS writes them). */
  errorCode?: string;
}

/** Fills `%s` (in order) and `{0}`, `{1}` placeholders. */
export function fill(template: string, values: readonly string[]): string {
  let next = 0;
  return template
    .replace(/%s/g, () => values[next++] ?? '')
    .replace(/\{(\d)\}/g, (_, index: string) => values[Number(index)] ?? '');
}

/** Codes no method's page words: the wording used for them (assumed). */
const UNWORDED: Readonly<Record<string, string>> = {
  // changeContactBatchState's wording, borrowed where a sub-campaign cannot make the asked move (assumed).
  INVALID_STATE: 'If an attempt is made to cancel a Done or Cancelled batch',
  ATTRIBUTE_INVALID_DATA: "Attribute contains invalid data: '%s'.",
};

/**
 * A documented error: the code, the values for `%s` / `{0}`, worded as `operation`'s page words the code (else the
 * common wording). Models that do not know the method being served raise it without one; the handler re-words it
 * (`asMethodFault`), so a fault reads as that method's page writes it.
 */
export class EngageFault extends VendorError {
  constructor(
    code: string,
    readonly values: readonly string[],
    operation?: string,
  ) {
    const template = faultMessage(operation, code) ?? UNWORDED[code] ?? code;
    const info: FaultInfo = { faultcode: code === 'INTERNAL_ERROR' ? 'Server' : 'Client', errorCode: code };
    super({
      status: 500,
      code,
      message: fill(template, values),
      detail: info,
      adminStatus: code === 'OBJECT_NOT_EXISTS' ? 404 : 400,
    });
  }
}

/** A documented error of `operation` (its own wording of the code), `%s` filled with `values`. */
export function engageFault(operation: string | undefined, code: string, ...values: string[]): VendorError {
  return new EngageFault(code, values, operation);
}

/** The same fault worded as `operation`'s page words it (other errors unchanged). */
export function asMethodFault(err: unknown, operation: string): unknown {
  return err instanceof EngageFault ? new EngageFault(err.code, err.values, operation) : err;
}

/** A request the SOAP layer cannot serve (malformed, unknown operation, extra element): soap:Client, no detail. */
export function protocolFault(message: string, faultcode: FaultCode = 'Client', status = 500): VendorError {
  return new VendorError({ status, code: `soap${faultcode}`, message, detail: { faultcode } satisfies FaultInfo });
}

/** No WS-Security token, an unknown user or a wrong password (code chosen from the document: assumed). */
export const noSession = () => engageFault(undefined, 'NO_SESSION');

function faultReply(status: number, faultstring: string, info: FaultInfo, headers?: Record<string, string>): Reply {
  const detail = info.errorCode
    ? {
        namespace: ENGAGE_NAMESPACE,
        element: FAULT_DETAIL.element,
        fields: { errorCode: info.errorCode, message: faultstring },
      }
    : undefined;
  return {
    status,
    headers,
    body: {
      format: 'soap',
      value: soapFault({ faultcode: info.faultcode, faultstring, ...(detail ? { detail } : {}) }),
    },
  };
}

/** Every failure — Engage's and the kernel's — as a SOAP fault. */
export function renderError(err: VendorError): Reply {
  if (isKernelFailure(err, 'unauthenticated')) return renderError(noSession());
  if (isKernelFailure(err, 'payloadTooLarge')) return renderError(engageFault(undefined, 'ARG_TOO_LARGE', 'request'));
  if (isKernelFailure(err, 'internal')) {
    return faultReply(500, 'Internal error while processing the request', {
      faultcode: 'Server',
      errorCode: 'INTERNAL_ERROR',
    });
  }
  if (isKernelFailure(err, 'notFound')) return faultReply(404, err.message, { faultcode: 'Client' });
  if (isKernelFailure(err, 'badRequest')) return faultReply(500, err.message, { faultcode: 'Client' });
  if (isKernelFailure(err, 'fault'))
    return faultReply(err.status, err.message, { faultcode: 'Server' }, { ...err.headers });
  const info = (err.detail as FaultInfo | undefined) ?? { faultcode: err.status < 500 ? 'Client' : 'Server' };
  return faultReply(err.status, err.message, info, { ...err.headers });
}
