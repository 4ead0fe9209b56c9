import { constants } from 'node:buffer';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AddCustomersResponseSchema, CustomerIdSchema } from '../../contracts/eightbyeight/schemas.ts';
import { SeededRandom, seededFaker } from '../../simulators/core/random.ts';
import { createEightByEightState } from '../../simulators/eightbyeight/fixtures.ts';
import { exceedsListBounds } from '../../simulators/core/bounds.ts';
import {
  MAX_STRUCTURE_TOKENS,
  WHOLE_ANSWER_MAX_ENTRIES,
  addBatch,
  customerIdOf,
} from '../../simulators/eightbyeight/batch.ts';
import { BODY_LIMIT_BYTES, eightbyeight } from '../../simulators/eightbyeight/index.ts';
import { DAY, CAMPAIGN, NOW_MS, iso, useEightByEight } from './harness.ts';

/** POST /api/tstats/campaigns/{id}/customers: every documented 207 outcome and whole-request failure. */
const t = useEightByEight();

const customers = () => t.sb.section.crmCustomers;
const noOfRecords = async (id: number) => (await t.sb.campaign(id)).body.campaign['no-of-records'] as number;
const scheduleTo = (id: number) => Date.parse(t.sb.section.campaigns.find((c) => c.id === id)!.scheduleTo);

/** Campaign 900: running, with a schedule reaching well past the 7-day limit. */
async function longCampaign(): Promise<void> {
  const res = await t.sb.admin('POST', '/vendors/eightbyeight/campaigns', {
    id: 900,
    name: 'Long schedule',
    status: 3,
    scheduleFrom: iso(NOW_MS - DAY),
    scheduleTo: iso(NOW_MS + 30 * DAY),
  });
  expect(res.status).toBe(201);
}

/** The same instant written in another UTC offset (`+05:30`, `-08:00`). */
function offsetIso(ms: number, offsetMinutes: number): string {
  const local = iso(ms + offsetMinutes * 60_000).slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('per-record outcomes (HTTP 207)', () => {
  it('answers 207 with one entry per record, in request order, echoing schedule-date-time only when given', async () => {
    const [a, b] = customers();
    const at = iso(NOW_MS + 2 * 60 * 60 * 1000);
    const res = await t.sb.add(CAMPAIGN.running, [
      { 'customer-id': a, 'schedule-date-time': at },
      { 'customer-id': b },
    ]);
    expect(res.status).toBe(207);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(AddCustomersResponseSchema.parse(res.body)).toEqual([
      { 'customer-id': a, 'schedule-date-time': at, 'http-status': 200 },
      { 'customer-id': b, 'http-status': 200 },
    ]);
    expect(await noOfRecords(CAMPAIGN.running)).toBe(2);
  });

  it("writes each entry's keys in the document's order: customer-id, schedule-date-time, http-status, message", async () => {
    const [a] = customers();
    const at = iso(NOW_MS + DAY);
    const res = await t.sb.add(CAMPAIGN.running, [
      { 'schedule-date-time': at, 'customer-id': a },
      { 'schedule-date-time': 'bad', 'customer-id': a },
    ]);
    expect(res.text).toBe(
      `[{"customer-id":${a},"schedule-date-time":"${at}","http-status":200},` +
        `{"customer-id":${a},"schedule-date-time":"bad","http-status":400,` +
        `"message":"Invalid schedule-date-time format - please use ISO 8601 format"}]`,
    );
  });

  it('reproduces the document example: every message, each entry in its request position', async () => {
    const [ok1, ok2, dup, fmt, past, outside, far] = customers();
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': dup }]);
    const end = scheduleTo(CAMPAIGN.running);
    const body = [
      { 'customer-id': ok1, 'schedule-date-time': iso(NOW_MS + DAY) },
      { 'customer-id': ok2 },
      { 'customer-id': dup },
      { 'customer-id': fmt, 'schedule-date-time': '2016-08-29T 09:00:00.000Z' },
      { 'customer-id': null },
      { 'customer-id': 9 },
      { 'customer-id': past, 'schedule-date-time': '2016-08-29T09:00:00.000Z' },
      { 'customer-id': outside, 'schedule-date-time': iso(end + 60_000) },
      { 'customer-id': far, 'schedule-date-time': iso(NOW_MS + 8 * DAY) },
    ];
    const from = t.sb.section.campaigns.find((c) => c.id === CAMPAIGN.running)!.scheduleFrom;
    expect(await t.sb.addOk(CAMPAIGN.running, body)).toEqual([
      { 'customer-id': ok1, 'schedule-date-time': iso(NOW_MS + DAY), 'http-status': 200 },
      { 'customer-id': ok2, 'http-status': 200 },
      { 'customer-id': dup, 'http-status': 400, message: 'Duplicate customer' },
      {
        'customer-id': fmt,
        'schedule-date-time': '2016-08-29T 09:00:00.000Z',
        'http-status': 400,
        message: 'Invalid schedule-date-time format - please use ISO 8601 format',
      },
      { 'customer-id': null, 'http-status': 400, message: 'Invalid customer-id' },
      { 'customer-id': 9, 'http-status': 404, message: 'The customer-id has not been found.' },
      {
        'customer-id': past,
        'schedule-date-time': '2016-08-29T09:00:00.000Z',
        'http-status': 400,
        message: 'The subject schedule-date-time is in the past.',
      },
      {
        'customer-id': outside,
        'schedule-date-time': iso(end + 60_000),
        'http-status': 400,
        message: `The subject schedule-date-time is outside the campaign schedule from ${from} to ${iso(end)}.`,
      },
      {
        'customer-id': far,
        'schedule-date-time': iso(NOW_MS + 8 * DAY),
        'http-status': 400,
        message: 'The subject schedule-date-time must be within 7 days ahead of a future period.',
      },
    ]);
    // Exactly the three 200s (one earlier, two now) are in the campaign.
    expect(await noOfRecords(CAMPAIGN.running)).toBe(3);
    for (const id of [fmt, past, outside, far]) expect(await t.sb.inspect(CAMPAIGN.running, id!)).toBeUndefined();
  });

  it('reports a customer repeated inside one batch as a duplicate the second time', async () => {
    const [a] = customers();
    const out = await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }, { 'customer-id': a }]);
    expect(out.map((o) => o['http-status'])).toEqual([200, 400]);
    expect(out[1]!.message).toBe('Duplicate customer');
  });

  it.each([
    ['null', null, null],
    ['missing', undefined, null],
    ['zero', 0, 0],
    ['negative', -10003629, -10003629],
    ['fraction', 10003629.5, 10003629.5],
    ['letters', 'abc', 'abc'],
    ['empty string', '', ''],
    ['boolean', true, null],
    ['object', { id: 1 }, null],
  ])('answers "Invalid customer-id" for a %s customer-id', async (_label, value, echoed) => {
    const entry = value === undefined ? {} : { 'customer-id': value };
    expect(await t.sb.addOk(CAMPAIGN.running, [entry])).toEqual([
      { 'customer-id': echoed, 'http-status': 400, message: 'Invalid customer-id' },
    ]);
  });

  it('accepts an ACCOUNTNUM given as a string of digits and echoes it as given', async () => {
    const [a] = customers();
    expect(await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': String(a) }])).toEqual([
      { 'customer-id': String(a), 'http-status': 200 },
    ]);
    expect((await t.sb.inspect(CAMPAIGN.running, a!))?.['customer-id']).toBe(a);
  });

  it.each([
    '2016-08-29T 09:00:00.000Z',
    '2024-03-02 09:00:00Z',
    '2024-03-02T09:00:00',
    '2024-13-02T09:00:00Z',
    '2024-02-30T09:00:00Z',
    '2023-02-29T09:00:00Z',
    '2024-03-02T24:00:00Z',
    '2024-03-02T09:60:00Z',
    '2024-03-02T09:00:00+25:00',
    'tomorrow',
    '',
  ])('answers the ISO 8601 format message for schedule-date-time %j', async (value) => {
    const [a] = customers();
    expect(await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a, 'schedule-date-time': value }])).toEqual([
      {
        'customer-id': a,
        'schedule-date-time': value,
        'http-status': 400,
        message: 'Invalid schedule-date-time format - please use ISO 8601 format',
      },
    ]);
  });

  it('answers the format message without echo for a non-string schedule-date-time', async () => {
    const [a] = customers();
    expect(await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a, 'schedule-date-time': 1709287200000 }])).toEqual([
      {
        'customer-id': a,
        'http-status': 400,
        message: 'Invalid schedule-date-time format - please use ISO 8601 format',
      },
    ]);
  });

  it.each([
    ['UTC with millis', '2024-03-02T09:00:00.000Z'],
    ['an offset', '2024-03-02T11:00:00+02:00'],
    ['a compact offset', '2024-03-02T04:00:00-0500'],
    ['no fraction', '2024-03-02T09:00:00Z'],
    ['no seconds', '2024-03-02T09:00Z'],
  ])('accepts schedule-date-time with %s', async (_label, value) => {
    const [a] = customers();
    const out = await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a, 'schedule-date-time': value }]);
    expect(out[0]).toEqual({ 'customer-id': a, 'schedule-date-time': value, 'http-status': 200 });
    const seen = await t.sb.inspect(CAMPAIGN.running, a!);
    expect(seen?.record.status).toBe(4); // Scheduled
    expect(seen?.nextEventAt).toBe('2024-03-02T09:00:00.000Z');
  });

  it('treats a null schedule-date-time as absent', async () => {
    const [a] = customers();
    expect(await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a, 'schedule-date-time': null }])).toEqual([
      { 'customer-id': a, 'http-status': 200 },
    ]);
  });

  it.each([9, 1000001, 9_999_999, 15_000_000, 4_294_967_296])(
    'answers 404 "The customer-id has not been found." for %s (not in the CC CRM)',
    async (id) => {
      expect(await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': id }])).toEqual([
        { 'customer-id': id, 'http-status': 404, message: 'The customer-id has not been found.' },
      ]);
    },
  );

  it('accepts a schedule at exactly now (New) and refuses one a millisecond earlier (past)', async () => {
    const [a, b] = customers();
    const out = await t.sb.addOk(CAMPAIGN.running, [
      { 'customer-id': a, 'schedule-date-time': iso(NOW_MS) },
      { 'customer-id': b, 'schedule-date-time': iso(NOW_MS - 1) },
    ]);
    expect(out.map((o) => o.message)).toEqual([undefined, 'The subject schedule-date-time is in the past.']);
  });

  it('allows exactly 7 days ahead and refuses a millisecond more', async () => {
    await longCampaign();
    const [a, b] = customers();
    const out = await t.sb.addOk(900, [
      { 'customer-id': a, 'schedule-date-time': iso(NOW_MS + 7 * DAY) },
      { 'customer-id': b, 'schedule-date-time': iso(NOW_MS + 7 * DAY + 1) },
    ]);
    expect(out.map((o) => o['http-status'])).toEqual([200, 400]);
    expect(out[1]!.message).toBe('The subject schedule-date-time must be within 7 days ahead of a future period.');
  });

  it.each([
    ['UTC', (ms: number) => iso(ms)],
    ['+05:30', (ms: number) => offsetIso(ms, 5 * 60 + 30)],
    ['-08:00', (ms: number) => offsetIso(ms, -8 * 60)],
  ])('holds the 7-day limit to the millisecond in %s', async (_zone, format) => {
    await longCampaign();
    const [a, b] = customers();
    const out = await t.sb.addOk(900, [
      { 'customer-id': a, 'schedule-date-time': format(NOW_MS + 7 * DAY) },
      { 'customer-id': b, 'schedule-date-time': format(NOW_MS + 7 * DAY + 1) },
    ]);
    expect(out.map((o) => o.message)).toEqual([
      undefined,
      'The subject schedule-date-time must be within 7 days ahead of a future period.',
    ]);
  });

  it('counts digits beyond the millisecond: a microsecond past 7 days or the campaign end is refused', async () => {
    await longCampaign();
    const [a, b, c, d] = customers();
    const limit = iso(NOW_MS + 7 * DAY).slice(0, -1); // no Z
    const out = await t.sb.addOk(900, [
      { 'customer-id': a, 'schedule-date-time': `${limit}000000Z` },
      { 'customer-id': b, 'schedule-date-time': `${limit}000001Z` },
    ]);
    expect(out.map((o) => o['http-status'])).toEqual([200, 400]);
    const end = scheduleTo(CAMPAIGN.running);
    const atEnd = iso(end).slice(0, -1);
    const inside = await t.sb.addOk(CAMPAIGN.running, [
      { 'customer-id': c, 'schedule-date-time': `${atEnd}0000Z` },
      { 'customer-id': d, 'schedule-date-time': `${atEnd}0001Z` },
    ]);
    expect(inside.map((o) => o.message?.slice(0, 58))).toEqual([
      undefined,
      'The subject schedule-date-time is outside the campaign sch',
    ]);
  });

  it('refuses a schedule before the campaign starts, naming the campaign schedule', async () => {
    const from = NOW_MS + 2 * DAY;
    const to = NOW_MS + 4 * DAY;
    await t.sb.admin('POST', '/vendors/eightbyeight/campaigns', {
      id: 901,
      name: 'Later',
      status: 3,
      scheduleFrom: iso(from),
      scheduleTo: iso(to),
    });
    const [a, b] = customers();
    const out = await t.sb.addOk(901, [
      { 'customer-id': a, 'schedule-date-time': iso(NOW_MS + DAY) },
      { 'customer-id': b, 'schedule-date-time': iso(from) },
    ]);
    expect(out[0]!.message).toBe(
      `The subject schedule-date-time is outside the campaign schedule from ${iso(from)} to ${iso(to)}.`,
    );
    expect(out[1]!['http-status']).toBe(200);
  });

  it('checks in a fixed order: customer-id, format, CRM, duplicate, then the schedule rules', async () => {
    const [a] = customers();
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }]);
    const out = await t.sb.addOk(CAMPAIGN.running, [
      { 'customer-id': 'x', 'schedule-date-time': 'bad' },
      { 'customer-id': 9, 'schedule-date-time': 'bad' },
      { 'customer-id': 9, 'schedule-date-time': '2016-08-29T09:00:00.000Z' },
      { 'customer-id': a, 'schedule-date-time': '2016-08-29T09:00:00.000Z' },
    ]);
    expect(out.map((o) => o.message)).toEqual([
      'Invalid customer-id',
      'Invalid schedule-date-time format - please use ISO 8601 format',
      'The customer-id has not been found.',
      'Duplicate customer',
    ]);
  });

  it('accepts records while the campaign is paused or purged (they wait as New)', async () => {
    const [a, b] = customers();
    expect((await t.sb.setStatus(CAMPAIGN.running, 'PAUSED')).status).toBe(200);
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }]);
    expect((await t.sb.setStatus(CAMPAIGN.running, 'PURGED')).status).toBe(200);
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': b }]);
    await t.sb.advance(DAY);
    expect((await t.sb.inspect(CAMPAIGN.running, b!))?.record.status).toBe(0);
  });
});

describe('whole-request failures', () => {
  const list = () => [{ 'customer-id': customers()[0] }];

  it.each([
    ['an unknown campaign', 4242, 404, 'The campaign cannot be found.'],
    ['a non-numeric campaign id', 'abc', 404, 'The campaign cannot be found.'],
    ['a list (non-dynamic) campaign', CAMPAIGN.list, 400, 'This is not a dynamic campaign.'],
    ['a disabled campaign', CAMPAIGN.disabled, 400, 'The campaign is not enabled.'],
    ['a stopped campaign', CAMPAIGN.stopped, 400, 'The campaign has stopped. No additional customers can be added.'],
    [
      'a campaign not started',
      CAMPAIGN.notStarted,
      400,
      'The operation is invalid for a campaign that has not started.',
    ],
  ])('refuses %s', async (_label, id, status, message) => {
    const before = await t.sb.campaign(typeof id === 'number' ? id : 0);
    const res = await t.sb.add(id as number, list());
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ 'http-status': status, message });
    if (before.status === 200) expect(await noOfRecords(id as number)).toBe(before.body.campaign['no-of-records']);
  });

  it.each([
    [6, 'Completed (Stopped)'],
    [7, 'Schedule Stopped'],
  ])('refuses a campaign in status %i (%s) as stopped too', async (status) => {
    const res0 = await t.sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}`, { status });
    expect(res0.status).toBe(200);
    const res = await t.sb.add(CAMPAIGN.running, list());
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      'http-status': 400,
      message: 'The campaign has stopped. No additional customers can be added.',
    });
  });

  it('refuses a Scheduled (not yet started) campaign too', async () => {
    await t.sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.notStarted}`, {
      status: 2,
      scheduleFrom: iso(NOW_MS + DAY),
      scheduleTo: iso(NOW_MS + 3 * DAY),
    });
    const res = await t.sb.add(CAMPAIGN.notStarted, list());
    expect(res.body.message).toBe('The operation is invalid for a campaign that has not started.');
  });

  it.each([
    ['malformed JSON', '[{"customer-id": 1'],
    ['an object', { 'customer-id': 10000000 }],
    ['an empty array', []],
    ['an array of numbers', [10000000, 10000001]],
    ['an array with a null', [{ 'customer-id': 10000007 }, null]],
    ['a string', '"10000007"'],
    ['null', 'null'],
    ['an empty body', ''],
  ])('answers "The provided customer list is invalid." for %s, adding nothing', async (_label, body) => {
    const res = await t.sb.add(CAMPAIGN.running, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ 'http-status': 400, message: 'The provided customer list is invalid.' });
    expect(await noOfRecords(CAMPAIGN.running)).toBe(0);
  });

  it('refuses a body that is not declared as JSON (415, assumed)', async () => {
    const plain = await t.api
      .post(`${t.sb.base}/api/tstats/campaigns/${CAMPAIGN.running}/customers`)
      .set({ ...t.sb.basic('action'), 'content-type': 'text/plain' })
      .send(JSON.stringify(list()));
    expect(plain.status).toBe(415);
    expect(plain.body).toEqual({ 'http-status': 415, message: 'Content-Type must be application/json' });
    expect(await noOfRecords(CAMPAIGN.running)).toBe(0);
  });

  it('checks the campaign before the body', async () => {
    const res = await t.sb.add(4242, 'not json');
    expect(res.body.message).toBe('The campaign cannot be found.');
  });
});

describe('the 5,000,000-record limits', () => {
  it('refuses records past the documented maximum of a campaign, one entry at a time (assumed message)', () => {
    const state = createEightByEightState({
      sandboxId: 'limit',
      seed: 1,
      faker: seededFaker(1, 'eightbyeight'),
      rng: new SeededRandom(1),
      now: NOW_MS,
      isDefault: false,
      options: {},
    });
    const campaign = state.campaigns.get(CAMPAIGN.running)!;
    const [a, b] = [10_000_100, 10_000_101];
    // Pretend the campaign is one record short of the limit (adding 5M rows here would only slow the suite).
    campaign.records.live = 5_000_000 - 1;
    const out = addBatch(state, campaign, [{ 'customer-id': a }, { 'customer-id': b }], NOW_MS);
    expect(out.status).toBe(207);
    expect(out.body?.format === 'text' && JSON.parse(out.body.value)).toEqual([
      { 'customer-id': a, 'http-status': 200 },
      { 'customer-id': b, 'http-status': 400, message: 'The campaign has reached the maximum of 5000000 records.' },
    ]);
  });

  it('refuses a request of more than 5,000,000 entries whole, before parsing it (assumed), adding nothing', async () => {
    const body = `[${'{},'.repeat(5_000_000)}{"customer-id":${customers()[0]}}]`;
    const res = await t.sb.add(CAMPAIGN.running, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ 'http-status': 400, message: 'The provided customer list is invalid.' });
    expect(await noOfRecords(CAMPAIGN.running)).toBe(0);
  });

  it.each([
    ['a flat list at the limit', '[{},{},{}]', 3, false],
    ['a flat list over the limit', '[{},{},{},{}]', 3, true],
    ['commas inside strings', '[{"a":",,,,"},{"b":"x\\",\\"y,"}]', 2, false],
    ['commas inside nested values', '[{"a":[1,2,3,4]},{"b":{"c":1,"d":2,"e":3}}]', 2, false],
    ['nested values over the limit', '[[1,2],[3],[4,5,6]]', 2, true],
  ])('counts top-level entries without parsing: %s', (_label, text, max, expected) => {
    expect(exceedsListBounds(text, { elements: max, tokens: Infinity })).toBe(expected);
  });
});

describe('body size: one upload of 5,000,000 records fits', () => {
  const MiB = 1024 * 1024;
  /** An entry as the document shows it, with a schedule: the longest realistic one. */
  const documentEntry = { 'customer-id': 10003629, 'schedule-date-time': '2022-07-14T09:00:00.000Z' };

  it("is 500 MiB: room for 5,000,000 pretty-printed entries with a schedule, below V8's longest string", () => {
    expect(eightbyeight.bodyLimitBytes).toBe(BODY_LIMIT_BYTES);
    expect(BODY_LIMIT_BYTES).toBe(500 * MiB);
    // Bytes an entry takes in JSON.stringify(list, null, 2): the text of two entries less that of one.
    const perEntry =
      JSON.stringify([documentEntry, documentEntry], null, 2).length - JSON.stringify([documentEntry], null, 2).length;
    expect(perEntry).toBe(91);
    expect(5_000_000 * perEntry + 2).toBeLessThan(BODY_LIMIT_BYTES);
    // The kernel reads the body into one string; UTF-8 text has no more characters than bytes.
    expect(BODY_LIMIT_BYTES).toBeLessThanOrEqual(constants.MAX_STRING_LENGTH);
  });

  it('accepts a valid add body over 64 MiB (the old limit) with 207', async () => {
    const [a, b] = customers();
    const padding = ' '.repeat(64 * MiB + 1024); // JSON whitespace between two real entries
    const body = `[{"customer-id": ${a}}${padding},{"customer-id": ${b}}]`;
    expect(Buffer.byteLength(body)).toBeGreaterThan(64 * MiB);
    const res = await t.sb.add(CAMPAIGN.running, body);
    expect(res.status).toBe(207);
    expect(res.body).toEqual([
      { 'customer-id': a, 'http-status': 200 },
      { 'customer-id': b, 'http-status': 200 },
    ]);
    expect(await noOfRecords(CAMPAIGN.running)).toBe(2);
  });

  it("refuses a body over the limit with the kernel's 413 in the vendor's envelope, adding nothing", async () => {
    // Declared by Content-Length, so the simulator refuses it before a byte of it is sent (no 500 MiB in the test).
    const url = `${t.sim.origin}${t.sb.base}/api/tstats/campaigns/${CAMPAIGN.running}/customers`;
    const res = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          ...t.sb.basic('action'),
          'content-type': 'application/json',
          'content-length': String(BODY_LIMIT_BYTES + 1),
        },
      });
      req.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          req.destroy();
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
        });
      });
      req.on('error', reject);
      req.write(`[{"customer-id": ${customers()[0]}}`);
    });
    expect(res).toEqual({
      status: 413,
      body: { 'http-status': 413, message: `Request body exceeds ${BODY_LIMIT_BYTES} bytes` },
    });
    expect(await noOfRecords(CAMPAIGN.running)).toBe(0);
  });

  it('refuses a body of more structure tokens than 4 per entry before parsing it (the heap bound, assumed)', async () => {
    // One entry holding 20,000,001 nested numbers: few entries, but a value per comma for JSON.parse.
    const body = `[{"customer-id": ${customers()[0]}, "n": [${'0,'.repeat(MAX_STRUCTURE_TOKENS)}0]}]`;
    const res = await t.sb.add(CAMPAIGN.running, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ 'http-status': 400, message: 'The provided customer list is invalid.' });
    expect(await noOfRecords(CAMPAIGN.running)).toBe(0);
  });

  it('leaves room for every list of document-shaped entries: 3 structure tokens each', () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({ ...documentEntry, 'customer-id': 10_000_000 + i }));
    for (const text of [JSON.stringify(list), JSON.stringify(list, null, 2)]) {
      expect(exceedsListBounds(text, { elements: Infinity, tokens: 3 * 1000 })).toBe(false);
      expect(exceedsListBounds(text, { elements: Infinity, tokens: 3 * 1000 - 2 })).toBe(true);
    }
    expect(MAX_STRUCTURE_TOKENS).toBe(4 * 5_000_000);
  });

  it.each([
    ['containers and commas at the limit', '[{},[1,2]]', 5, false],
    ['one token over the limit', '[{},[1,2,3]]', 5, true],
    ['braces, brackets and commas inside strings do not count', '[{"a":"{[,,,]}"},{"b":"x\\",\\"{"}]', 4, false],
  ])('counts structure tokens without parsing: %s', (_label, text, max, expected) => {
    expect(exceedsListBounds(text, { elements: Infinity, tokens: max })).toBe(expected);
  });
});

describe('customer-id rule', () => {
  it('reads an ACCOUNTNUM exactly as the CustomerIdSchema contract does', () => {
    const values = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.bigInt().map((n) => String(n)),
      fc.string(),
      fc.stringMatching(/^[0-9]{1,18}$/),
      fc.constantFrom(null, undefined, true, [], {}, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -0),
    );
    fc.assert(
      fc.property(values, (value) => {
        const contract = CustomerIdSchema.safeParse(value);
        expect(customerIdOf(value)).toBe(contract.success ? Number(contract.data) : undefined);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('large batches', () => {
  it('streams an answer of more than 100,000 entries, reading exactly as a whole one would', async () => {
    const size = WHOLE_ANSWER_MAX_ENTRIES + 1;
    const first = customers()[0]!;
    const body = Array.from({ length: size }, (_, i) =>
      i % 2 === 0 ? { 'customer-id': first + i } : { 'customer-id': 'x', 'schedule-date-time': 'soon' },
    );
    const res = await t.sb.add(CAMPAIGN.running, body);
    expect(res.status).toBe(207);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const expected = body.map((entry) =>
      entry['customer-id'] === 'x'
        ? { ...entry, 'http-status': 400, message: 'Invalid customer-id' }
        : { ...entry, 'http-status': 200 },
    );
    expect(res.text).toBe(JSON.stringify(expected));
    expect(await noOfRecords(CAMPAIGN.running)).toBe(Math.ceil(size / 2));
  });
});
