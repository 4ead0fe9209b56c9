import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { EngageService } from '../../contracts/engage/operations.ts';
import type { EngageSuite } from './harness.ts';

/** Reading replies as the published client does: prefixes stripped, `return/data` items (always as a list). */
const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['data', 'attributes', 'elements', 'passes'].includes(name),
});

export type Item = Record<string, unknown> & { internalId: string; externalId: string };

export const bodyOf = (text: string) =>
  (parser.parse(text) as { Envelope: { Body: Record<string, unknown> } }).Envelope.Body;

export interface Fault {
  faultcode: string;
  faultstring: string;
  detail?: { ApiFault: { errorCode: string; message: string } };
}

/** Calls on the suite's current sandbox: `ok` expects a reply (its items), `refused` a fault with `code`. */
export function calls(t: EngageSuite) {
  async function ok(operation: string, args = '', service?: EngageService): Promise<Item[]> {
    const res = await t.sb.call(operation, args, service ? { service } : {});
    expect(res.status, res.text).toBe(200);
    const response = bodyOf(res.text)[`${operation}Response`] as { return?: { data?: Item[] } } | '';
    return (response === '' ? [] : (response.return?.data ?? [])) as Item[];
  }
  async function refused(operation: string, args: string, code: string, message?: string | RegExp): Promise<Fault> {
    const res = await t.sb.call(operation, args);
    expect(res.status, res.text).toBe(500);
    const fault = bodyOf(res.text).Fault as Fault;
    expect(fault.detail?.ApiFault.errorCode, res.text).toBe(code);
    expect(fault.faultcode).toBe('soap:Client');
    if (typeof message === 'string') expect(fault.faultstring).toBe(message);
    else if (message) expect(fault.faultstring).toMatch(message);
    return fault;
  }
  return { ok, refused };
}

/** `<arg{n}>…</arg{n}>` around inner XML. */
export const arg = (n: number, inner: string) => `<arg${n}>${inner}</arg${n}>`;
export const el = (name: string, value: string | number) => `<${name}>${value}</${name}>`;
export const attr = (name: string, value: string) =>
  `<attributes><name>${name}</name><value>${value}</value></attributes>`;
export const b64 = (text: string) => Buffer.from(text).toString('base64');
