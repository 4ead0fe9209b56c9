import { faultMessage } from '../../../contracts/engage/operations.ts';
import { VendorError } from '../../core/errors.ts';
import { fill } from '../errors.ts';

/**
 * Part 2's failures. The model raises them without knowing the method being served (`OutreachFault`: the code and
 * the values for `%s` / `{0}`); the handlers re-word them with the served method's own message for the code
 * (`asMethodFault`), so a fault reads as that method's page writes it. Codes no method page words get the wording
 * below (assumed).
 */
const UNWORDED: Readonly<Record<string, string>> = {
  // changeContactBatchState's wording, borrowed where a sub-campaign cannot make the asked move (assumed).
  INVALID_STATE: 'If an attempt is made to cancel a Done or Cancelled batch',
  ATTRIBUTE_INVALID_DATA: "Attribute contains invalid data: '%s'.",
};

export class OutreachFault extends VendorError {
  constructor(
    code: string,
    readonly values: readonly string[],
    operation?: string,
  ) {
    const template = faultMessage(operation, code) ?? UNWORDED[code] ?? code;
    super({
      status: 500,
      code,
      message: fill(template, values),
      detail: { faultcode: code === 'INTERNAL_ERROR' ? 'Server' : 'Client', errorCode: code },
      adminStatus: code === 'OBJECT_NOT_EXISTS' ? 404 : 400,
    });
  }
}

export function engageFault(code: string, ...values: string[]): OutreachFault {
  return new OutreachFault(code, values);
}

/** The same fault worded as `operation`'s page words it (other errors unchanged). */
export function asMethodFault(err: unknown, operation: string): unknown {
  return err instanceof OutreachFault ? new OutreachFault(err.code, err.values, operation) : err;
}
