import { XMLParser } from 'fast-xml-parser';
import { expect, it } from 'vitest';
import { CAMPAIGN, type Token, asText, useEightByEight } from './harness.ts';

/**
 * Replays the exact calls of a published 8x8 client (README, 8x8 facts): it looks a record up by phone on the XML
 * list, `GET /api/stats/campaigns/{id}/records?phone-list=*Contact%20Number%7C{phone}`, and deletes it with
 * `DELETE /api/tstats/campaigns/{id}/customers/{record-id}` — the record-id as the customer path key. That only
 * removes the intended record when a record-id is its customer's ACCOUNTNUM.
 */
const t = useEightByEight();

/** Two customers whose ACCOUNTNUMs are near the fixtures' own, so a separate record-id numbering would collide. */
const WANTED = { 'customer-id': 10_000_020, phone: '5551110020' };
const OTHER = { 'customer-id': 10_000_008, phone: '5551110008' };

const xml = new XMLParser({ parseTagValue: false, isArray: (_name, jpath) => String(jpath) === 'records.record' });

/** The client's lookup, byte for byte: the query is written already encoded, the answer read as XML. */
async function lookUp(phone: string): Promise<string[]> {
  const res = await asText(
    t.api
      .get(`${t.sb.base}/api/stats/campaigns/${CAMPAIGN.running}/records?phone-list=*Contact%20Number%7C${phone}`)
      .set(t.sb.basic('data')),
  );
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  const parsed = xml.parse(res.body as string) as { records: { record?: { 'record-id': string }[] } | '' };
  return parsed.records === '' ? [] : (parsed.records.record ?? []).map((r) => r['record-id']);
}

it.each<Token>(['data', 'action'])(
  'a lookup by phone then DELETE …/customers/{record-id} (%s token) removes that record and no other',
  async (token) => {
    const crm = await t.sb.admin('POST', '/vendors/eightbyeight/crm/customers', { customers: [WANTED, OTHER] });
    expect(crm.status).toBe(200);
    await t.sb.addOk(CAMPAIGN.running, [
      { 'customer-id': WANTED['customer-id'] },
      { 'customer-id': OTHER['customer-id'] },
    ]);

    const found = await lookUp(WANTED.phone);
    expect(found).toEqual([String(WANTED['customer-id'])]);

    const res = await t.api
      .delete(`${t.sb.base}/api/tstats/campaigns/${CAMPAIGN.running}/customers/${found[0]}`)
      .set(t.sb.basic(token));
    expect(res.status).toBe(204);

    expect(await lookUp(WANTED.phone)).toEqual([]);
    expect(await lookUp(OTHER.phone)).toEqual([String(OTHER['customer-id'])]);
    const left = (await t.sb.records(CAMPAIGN.running)).map((r) => r['record-id']);
    expect(left).toEqual([OTHER['customer-id']]);
  },
);
