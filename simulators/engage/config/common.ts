import type { Attribute } from '../../../contracts/engage/entities.ts';
import type { SoapCall } from '../../core/soap.ts';
import { engageFault } from '../errors.ts';
import type { EngageState } from '../models.ts';

export type Call = SoapCall<EngageState>;

/** A documented error of the method being served. */
export const fault = (call: Call, code: string, ...values: string[]) =>
  engageFault(call.operation.name, code, ...values);

/**
 * Limits the document leaves open (assumed): names and descriptions up to 255 characters (a VARCHAR(255)); names
 * refuse markup and control characters (tab and newline included: a name is one line).
 */
export const MAX_TEXT = 255;
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const INVALID_NAME = /[<>&"\\\u0000-\u001F\u007F]/;
export const hasInvalidChars = (text: string) => INVALID_NAME.test(text);

/** Text that is absent or only whitespace counts as null. */
export const isBlank = (text: string | undefined): text is undefined => text === undefined || text.trim() === '';

/** The value of a named attribute (first one). */
export const attributeValue = (attributes: readonly Attribute[] | undefined, name: string) =>
  attributes?.find((a) => a.name === name)?.value;

/** Attributes must all have a name (ATTRIBUTE_NULL otherwise), and are kept as name/value pairs. */
export function checkedAttributes(call: Call, attributes: readonly Attribute[] | undefined): Attribute[] {
  return (attributes ?? []).map((a) => {
    if (isBlank(a.name)) throw fault(call, 'ATTRIBUTE_NULL', 'attributes.name');
    return { name: a.name, value: a.value ?? '' };
  });
}

/** `old` with the attributes of `changes` set (same name replaced, new names appended). */
export function mergeAttributes(old: readonly Attribute[], changes: readonly Attribute[]): Attribute[] {
  const out = old.map((a) => ({ ...a }));
  for (const change of changes) {
    const existing = out.find((a) => a.name === change.name);
    if (existing) existing.value = change.value;
    else out.push({ ...change });
  }
  return out;
}

/** The sample's attributes are all on the entity (same name and value). */
export const hasAttributes = (entity: readonly Attribute[], sample: readonly Attribute[] | undefined) =>
  (sample ?? []).every((s) => entity.some((a) => a.name === s.name && (s.value === undefined || a.value === s.value)));

/** A list answer within its documented maximum (RESULT_TOO_LARGE past it). */
export function within<T>(call: Call, items: T[], max: number): T[] {
  if (items.length > max) throw fault(call, 'RESULT_TOO_LARGE');
  return items;
}
