import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { type EngageSandbox, engageSandbox, useEngage } from './harness.ts';

/**
 * createContactBatchAsync's payload block, as its page states it: a secure enterprise's *encrypted* custom payload
 * must not exceed the block size (96 kB by default, or `api.contact.payload.block.size`), a non-secure one's custom
 * payload must not exceed the block size. Measured per contact (its attributes and its devices' attributes: assumed)
 * and, when secure, as AES-CBC + IV in base64 (assumed): 73,711 plain bytes fill 96 kB encrypted. createContactBatch's
 * page states no block: it takes a bigger payload.
 */
const t = useEngage();
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
const KB96 = 96 * 1024;

/** One contact whose custom payload is exactly `bytes` (attribute `note`: 4 bytes of name, the rest value). */
const batch = (sb: EngageSandbox, name: string, bytes: number) =>
  `<arg1><externalId>${name}</externalId><owner><internalId>${sb.section.account.internalId}</internalId>` +
  `<type>Account</type></owner>` +
  `<maxDuration>60</maxDuration></arg1><arg2><externalId>C-${name}</externalId>` +
  `<devices><externalId>+13035550100</externalId></devices>` +
  `<attributes><name>note</name><value>${'x'.repeat(bytes - 4)}</value></attributes></arg2>`;

async function accepted(sb: EngageSandbox, operation: string, name: string, bytes: number) {
  const res = await sb.call(operation, batch(sb, name, bytes));
  expect(res.status, res.text.slice(0, 300)).toBe(200);
}

async function refused(sb: EngageSandbox, name: string, bytes: number) {
  const res = await sb.call('createContactBatchAsync', batch(sb, name, bytes));
  expect(res.status, res.text.slice(0, 300)).toBe(500);
  const fault = parser.parse(res.text).Envelope.Body.Fault;
  expect(fault.detail.ApiFault.errorCode).toBe('ARG_TOO_LARGE');
  expect(fault.faultstring).toBe("Invalid Data, argument 'contacts[0]' exceeds allowed size");
  // Nothing queued: the name is still free.
  await accepted(sb, 'createContactBatchAsync', name, 10);
}

const others: EngageSandbox[] = [];
afterEach(async () => {
  for (const sb of others.splice(0)) await t.api.delete(`/__admin/sandboxes/${sb.id}`);
});
const sandboxWith = async (vendorOptions: Record<string, unknown>) => {
  const sb = await engageSandbox(t.api, { vendorOptions });
  others.push(sb);
  return sb;
};

describe('createContactBatchAsync', () => {
  it('not secure (the default): the custom payload up to 96 kB, one byte more → ARG_TOO_LARGE', async () => {
    expect(t.sb.section).toMatchObject({ secureEnterprise: false, payloadBlockSize: KB96 });
    await accepted(t.sb, 'createContactBatchAsync', 'At bound', KB96);
    await refused(t.sb, 'Over bound', KB96 + 1);
  });

  it('secure: the encrypted payload up to 96 kB — 73,711 plain bytes, one more → ARG_TOO_LARGE', async () => {
    const sb = await sandboxWith({ secureEnterprise: true });
    expect(sb.section).toMatchObject({ secureEnterprise: true, payloadBlockSize: KB96 });
    await accepted(sb, 'createContactBatchAsync', 'At bound', 73_711);
    await refused(sb, 'Over bound', 73_712);
  });

  it('a block size set by api.contact.payload.block.size (sandbox option payloadBlockSize)', async () => {
    const sb = await sandboxWith({ payloadBlockSize: 2048 });
    await accepted(sb, 'createContactBatchAsync', 'At bound', 2048);
    await refused(sb, 'Over bound', 2049);
  });
});

describe('createContactBatch', () => {
  it('states no payload block: a contact over 96 kB is taken', async () => {
    await accepted(t.sb, 'createContactBatch', 'Big', KB96 + 1);
  });
});
