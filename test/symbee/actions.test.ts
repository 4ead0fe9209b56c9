import { describe, expect, it } from 'vitest';
import {
  ActionResponseSchema,
  SearchResponseSchema,
  TimestampSchema,
  type PreviewRecord,
} from '../../contracts/symbee/schemas.ts';
import { NOW_MS, MINUTE, sandboxPerTest, statusOf, valueOf, type SymbeeSandbox } from './harness.ts';

/** The five actions and every rule of the document's action sections, over HTTP. */
let sb: SymbeeSandbox;

sandboxPerTest((_sim, b) => (sb = b));

const keys = (record: PreviewRecord | undefined) =>
  record?.previewRecordData.map((d) => [d.key, d.value, d.displayOrder]);

describe('addOrUpdateCampaignRecord', () => {
  it('adds a record and answers the documented success envelope in HTTP 200', async () => {
    const res = await sb.add('C-1', [{ key: 'Name', value: 'Kate Delaney', displayOrder: 1 }]);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(ActionResponseSchema.parse(res.body)).toEqual({
      ...sb.envelope(),
      previewResult: { previewResultStatus: 'SUCCESS', error: null },
    });
    const record = await sb.find('C-1');
    expect(record).toMatchObject({
      clientId: 'C-1',
      preferredAgent: '',
      skillQueue: sb.section.skillQueues[0],
      workedState: 'NOTWORKED',
      workAttempts: 0,
      lastAttemptAgent: null,
      lastAttemptTime: null,
      nextEarliestWorkTime: null,
      workCodes: [],
    });
    expect(record!.previewRecordID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('adds the clientId to the data under the default key Id, display order 0', async () => {
    await sb.add('C-2', [{ key: 'Name', value: 'Mike Mars', displayOrder: 1 }]);
    expect(keys(await sb.find('C-2'))).toEqual([
      ['Id', 'C-2', 0],
      ['Name', 'Mike Mars', 1],
    ]);
  });

  it('adds the clientId under a custom clientIdFieldName', async () => {
    await sb.add('A2-12769-812', [{ key: 'Name', value: 'Kate' }], { clientIdFieldName: 'KeyId' });
    const record = await sb.find('A2-12769-812');
    expect(keys(record)).toEqual([
      ['KeyId', 'A2-12769-812', 0],
      ['Name', 'Kate', 1],
    ]);
    expect(valueOf(record, 'Id')).toBeUndefined();
  });

  it('fills missing display orders after the highest given one, in request order', async () => {
    await sb.add('C-3', [
      { key: 'B', value: 'b' },
      { key: 'A', value: 'a', displayOrder: 5 },
      { key: 'C', value: 'c' },
    ]);
    expect(keys(await sb.find('C-3'))).toEqual([
      ['Id', 'C-3', 0],
      ['A', 'a', 5],
      ['B', 'b', 6],
      ['C', 'c', 7],
    ]);
  });

  it.each([
    ['missing', {}],
    ['empty', { clientId: '' }],
  ])('answers INVALIDCLIENTID in HTTP 200 when clientId is %s', async (_label, locator) => {
    const before = await sb.records();
    const res = await sb.post('addOrUpdateCampaignRecord', { ...locator, previewRecordData: [] });
    expect(res.status).toBe(200);
    expect(res.body.previewResult.previewResultStatus).toBe('INVALIDCLIENTID');
    expect(res.body.previewResult.error).toMatch(/clientId/);
    expect(await sb.records()).toEqual(before);
  });

  it('answers INVALIDRECORDDATAKEY when a data key equals the clientIdFieldName (default and custom)', async () => {
    const dflt = await sb.add('C-4', [{ key: 'Id', value: 'x' }]);
    expect(dflt.status).toBe(200);
    expect(dflt.body.previewResult).toEqual({
      previewResultStatus: 'INVALIDRECORDDATAKEY',
      error: expect.stringContaining("'Id'"),
    });
    const custom = await sb.add('C-4', [{ key: 'KeyId', value: 'x' }], { clientIdFieldName: 'KeyId' });
    expect(statusOf(custom)).toBe('INVALIDRECORDDATAKEY');
    // With a custom name, "Id" is an ordinary key.
    expect(statusOf(await sb.add('C-4', [{ key: 'Id', value: 'x' }], { clientIdFieldName: 'KeyId' }))).toBe('SUCCESS');
    expect(await sb.find('C-4')).toBeDefined();
  });

  it('updates (replaces all data) when the clientId exists, keeping the record identity', async () => {
    await sb.add('C-5', [
      { key: 'Name', value: 'Old' },
      { key: 'Account', value: '1' },
    ]);
    const before = await sb.find('C-5');
    await sb.advance(5 * MINUTE);
    const res = await sb.add('C-5', [{ key: 'Name', value: 'New', displayOrder: 3 }]);
    expect(statusOf(res)).toBe('SUCCESS');
    const after = await sb.find('C-5');
    expect(after!.previewRecordID).toBe(before!.previewRecordID);
    expect(keys(after)).toEqual([
      ['Id', 'C-5', 0],
      ['Name', 'New', 3],
    ]);
    expect(after!.createdTime).toBe('2021-11-03 05:00:00.000');
    expect(after!.lastUpdatedTime).toBe('2021-11-03 05:05:00.000');
    expect((await sb.records()).filter((r) => r.clientId === 'C-5')).toHaveLength(1);
  });

  it('replaces preferredAgent and nextEarliestWorkTimeUTC on update: left out, they are cleared', async () => {
    const [first, second] = sb.section.agents as [string, string];
    await sb.add('C-5a', undefined, { preferredAgent: first, nextEarliestWorkTimeUTC: 1636121700000 });
    await sb.advance(MINUTE);
    expect(statusOf(await sb.add('C-5a', [{ key: 'Name', value: 'Again' }]))).toBe('SUCCESS');
    expect(await sb.find('C-5a')).toMatchObject({
      preferredAgent: '',
      nextEarliestWorkTime: null,
      lastUpdatedTime: '2021-11-03 05:01:00.000',
    });
    // Given again, the request's values replace whatever the task had.
    await sb.add('C-5a', undefined, { preferredAgent: first, nextEarliestWorkTimeUTC: 1636121700000 });
    await sb.add('C-5a', undefined, { preferredAgent: second, nextEarliestWorkTimeUTC: NOW_MS + 90 * MINUTE });
    expect(await sb.find('C-5a')).toMatchObject({
      preferredAgent: second,
      nextEarliestWorkTime: '2021-11-03 06:30:00.000',
    });
  });

  it('keeps the lifecycle on update (state, attempts, last attempt, work codes, ids, createdTime) but drops the gate', async () => {
    const agent = sb.section.agents[0]!;
    const workCodes = [{ key: 'Visit Reachout Actions', value: 'Not Interested' }];
    const work = (outcome: string) =>
      sb.admin('POST', '/vendors/symbee/work', {
        campaignName: sb.section.campaigns[0],
        clientId: 'C-5b',
        agent,
        outcome,
        workCodes,
      });
    await sb.add('C-5b');
    await sb.advance(MINUTE);
    expect((await work('WORKED')).status).toBe(200);
    const worked = await sb.find('C-5b');
    expect(worked).toMatchObject({
      workedState: 'WORKED',
      workAttempts: 1,
      nextEarliestWorkTime: '2021-11-03 06:01:00.000',
    });
    // Not due again for an hour: an agent cannot take it yet.
    await sb.advance(MINUTE);
    expect((await work('COMPLETED')).status).toBe(409);

    expect(statusOf(await sb.add('C-5b', [{ key: 'Name', value: 'Updated' }]))).toBe('SUCCESS');
    const updated = await sb.find('C-5b');
    expect(updated).toEqual({
      ...worked,
      lastUpdatedTime: '2021-11-03 05:02:00.000',
      nextEarliestWorkTime: null,
      previewRecordData: [
        { key: 'Id', value: 'C-5b', displayOrder: 0 },
        { key: 'Name', value: 'Updated', displayOrder: 1 },
      ],
    });
    // The update replaced the earliest-work-time gate with none: the task is deliverable at once.
    expect((await work('COMPLETED')).status).toBe(200);
  });

  it('lets previewRecordId win over clientId: updates that record and renames its clientId', async () => {
    await sb.add('C-6');
    await sb.add('C-7');
    const target = await sb.find('C-6');
    const res = await sb.post('addOrUpdateCampaignRecord', {
      previewRecordId: target!.previewRecordID,
      clientId: 'C-6-renamed',
      previewRecordData: [{ key: 'Name', value: 'Renamed' }],
    });
    expect(statusOf(res)).toBe('SUCCESS');
    const renamed = await sb.find('C-6-renamed');
    expect(renamed!.previewRecordID).toBe(target!.previewRecordID);
    expect(valueOf(renamed, 'Id')).toBe('C-6-renamed');
    expect(await sb.find('C-6')).toBeUndefined();
    expect(valueOf(await sb.find('C-7'), 'Name')).toBe('Customer C-7');
  });

  it('accepts the previewRecordID spelling as the record locator', async () => {
    await sb.add('C-8');
    const target = await sb.find('C-8');
    const res = await sb.post('addOrUpdateCampaignRecord', {
      previewRecordID: target!.previewRecordID,
      clientId: 'C-8',
      previewRecordData: [{ key: 'Name', value: 'Via ID' }],
    });
    expect(statusOf(res)).toBe('SUCCESS');
    expect(valueOf(await sb.find('C-8'), 'Name')).toBe('Via ID');
  });

  it('adds a new record (with a generated id) when previewRecordId matches nothing', async () => {
    const count = (await sb.records()).length;
    const res = await sb.post('addOrUpdateCampaignRecord', {
      previewRecordId: '9e108fff-f369-4921-87fe-7d1656006dd4',
      clientId: 'C-9',
      previewRecordData: [{ key: 'Name', value: 'Added' }],
    });
    expect(statusOf(res)).toBe('SUCCESS');
    const record = await sb.find('C-9');
    expect(record!.previewRecordID).not.toBe('9e108fff-f369-4921-87fe-7d1656006dd4');
    expect(await sb.records()).toHaveLength(count + 1);
  });

  it('fails (no duplicate, no update) when an unmatched previewRecordId would add a clientId already in use', async () => {
    await sb.add('C-10');
    const before = await sb.records();
    const res = await sb.post('addOrUpdateCampaignRecord', {
      previewRecordId: 'no-such-id',
      clientId: 'C-10',
      previewRecordData: [{ key: 'Name', value: 'Would replace' }],
    });
    expect(res.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: `clientId 'C-10' is already used by another record in campaign '${sb.section.campaigns[0]}'`,
    });
    expect(await sb.records()).toEqual(before);
  });

  it('fails when previewRecordId renames a record to a clientId another record owns', async () => {
    await sb.add('C-11');
    await sb.add('C-12');
    const target = await sb.find('C-11');
    const res = await sb.post('addOrUpdateCampaignRecord', {
      previewRecordId: target!.previewRecordID,
      clientId: 'C-12',
      previewRecordData: [],
    });
    expect(statusOf(res)).toBe('FAILED');
    expect((await sb.find('C-11'))!.previewRecordID).toBe(target!.previewRecordID);
  });

  it('stores preferredAgent and nextEarliestWorkTimeUTC', async () => {
    const agent = sb.section.agents[1]!;
    await sb.add('C-13', undefined, { preferredAgent: agent, nextEarliestWorkTimeUTC: 1636121700000 });
    expect(await sb.find('C-13')).toMatchObject({
      preferredAgent: agent,
      nextEarliestWorkTime: '2021-11-05 14:15:00.000',
    });
  });

  it.each([
    ['an unknown preferredAgent', { preferredAgent: 'nobody@example.com' }, /agent/i],
    ['no previewRecordData', { previewRecordData: undefined }, /previewRecordData/],
    ['an empty clientIdFieldName', { clientIdFieldName: '' }, /clientIdFieldName/],
    ['a data item without key', { previewRecordData: [{ value: 'v' }] }, /key/],
    ['a data item without value', { previewRecordData: [{ key: 'k' }] }, /value/],
    [
      'a duplicate key',
      {
        previewRecordData: [
          { key: 'k', value: '1' },
          { key: 'k', value: '2' },
        ],
      },
      /Duplicate/,
    ],
  ])('fails with a useful error for %s', async (_label, extra, message) => {
    const res = await sb.post('addOrUpdateCampaignRecord', {
      clientId: 'C-14',
      previewRecordData: [{ key: 'Name', value: 'n' }],
      ...extra,
    });
    expect(res.status).toBe(200);
    expect(res.body.previewResult.previewResultStatus).toBe('FAILED');
    expect(res.body.previewResult.error).toMatch(message);
    expect(await sb.find('C-14')).toBeUndefined();
  });
});

describe('record data rules and special keys', () => {
  const addWith = (item: Record<string, unknown>) =>
    sb.add('S-1', [{ key: 'Name', value: 'n', displayOrder: 1 }, item]);

  it.each([0, -1])('refuses displayOrder %d (must be greater than zero)', async (order) => {
    const res = await addWith({ key: 'Other', value: 'v', displayOrder: order });
    expect(res.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: expect.stringMatching(/displayOrder must be greater than zero/),
    });
  });

  it.each(['phone', 'Home Phone', 'homePhone', 'phoneMobile', 'MOBILE PHONE'])(
    'requires E.164 for the key "%s" (contains "phone", any case)',
    async (key) => {
      expect(statusOf(await addWith({ key, value: '+17202321123' }))).toBe('SUCCESS');
      for (const bad of ['7202321123', '+1 720 232 1123', '+0123', '(720) 232-1123', '']) {
        const res = await addWith({ key, value: bad });
        expect(res.body.previewResult.previewResultStatus).toBe('FAILED');
        expect(res.body.previewResult.error).toMatch(/E\.164/);
      }
    },
  );

  it('does not treat keys without "phone" as phone numbers', async () => {
    expect(statusOf(await addWith({ key: 'Fone', value: 'not a number' }))).toBe('SUCCESS');
  });

  it.each(['AccountLookup_link', 'Customer Search_button'])('requires a URL for "%s"', async (key) => {
    expect(statusOf(await addWith({ key, value: 'https://crm.example.com/lookup?id=1' }))).toBe('SUCCESS');
    const res = await addWith({ key, value: 'not a url' });
    expect(res.body.previewResult).toEqual({ previewResultStatus: 'FAILED', error: expect.stringMatching(/URL/) });
  });

  it('treats a _link / _button key that mentions a phone as a URL, not a phone number', async () => {
    expect(statusOf(await addWith({ key: 'Phone Lookup_link', value: 'https://crm.example.com/p?n=1' }))).toBe(
      'SUCCESS',
    );
    const res = await addWith({ key: 'Phone Lookup_button', value: '+17202321123' });
    expect(res.body.previewResult.error).toMatch(/Invalid URL/);
  });

  it('treats only the exact suffixes _link / _button as URL keys', async () => {
    expect(statusOf(await addWith({ key: 'Lookup_Link', value: 'plain text' }))).toBe('SUCCESS');
    expect(statusOf(await addWith({ key: 'Lookup_buttons', value: 'plain text' }))).toBe('SUCCESS');
  });

  it('stores Name, Highlight and Hidden as plain data (the agent UI hides them, the API returns them)', async () => {
    await sb.add('S-2', [
      { key: 'Name', value: 'Kate Delaney', displayOrder: 1 },
      { key: 'Open Invoice Total', value: '$576.35', displayOrder: 2 },
      { key: 'Highlight', value: 'Open Invoice Total' },
      { key: 'Hidden', value: 'TransactionId|CreateDate' },
    ]);
    const record = await sb.find('S-2');
    expect(valueOf(record, 'Name')).toBe('Kate Delaney');
    expect(valueOf(record, 'Highlight')).toBe('Open Invoice Total');
    expect(valueOf(record, 'Hidden')).toBe('TransactionId|CreateDate');
  });

  it('routes through the SkillQueue named in the data, which must be a queue of the environment', async () => {
    const queue = sb.section.skillQueues[2]!;
    await sb.add('S-3', [{ key: 'SkillQueue', value: queue }]);
    expect((await sb.find('S-3'))!.skillQueue).toBe(queue);
    const bad = await sb.add('S-4', [{ key: 'SkillQueue', value: 'NoSuchQueue' }]);
    expect(bad.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: expect.stringMatching(/NoSuchQueue/),
    });
    // Without SkillQueue the campaign's default queue applies; an update without it goes back to the default.
    await sb.add('S-3', [{ key: 'Name', value: 'n' }]);
    expect((await sb.find('S-3'))!.skillQueue).toBe(sb.section.skillQueues[0]);
  });

  it('requires ItemTimeZone to be an IANA zone and exposes it as sys_item_time_zone', async () => {
    expect(statusOf(await sb.add('S-5', [{ key: 'ItemTimeZone', value: 'Europe/Berlin' }]))).toBe('SUCCESS');
    for (const bad of ['Mars/Olympus', 'CET+1', 'europe berlin', '../etc/passwd']) {
      const res = await sb.add('S-6', [{ key: 'ItemTimeZone', value: bad }]);
      expect(res.body.previewResult.previewResultStatus).toBe('FAILED');
      expect(res.body.previewResult.error).toMatch(/IANA/);
    }
    const res = await sb.post('searchPreviewCampaign', {
      previewRecordData: [{ key: 'sys_item_time_zone', value: 'Europe/Berlin', condition: 'EQUALS' }],
    });
    expect(res.body.previewRecordClientData.map((r: PreviewRecord) => r.clientId)).toEqual(['S-5']);
  });

  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['America/new_york', 'America/New_York'],
    ['utc', 'UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
  ])('refuses "%s", right only if case is ignored, as any invalid zone (the spelling is %s)', async (bad, good) => {
    const refused = await sb.add('S-7', [{ key: 'ItemTimeZone', value: bad }]);
    expect(refused.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: `Invalid ItemTimeZone: '${bad}' is not an IANA time zone`,
    });
    expect(await sb.find('S-7')).toBeUndefined();
    await sb.add('S-8');
    for (const action of ['changeCampaignRecordStatus', 'transferCampaignRecord'] as const) {
      const change = await sb.post(action, {
        clientId: 'S-8',
        previewRecordStateEnum: action === 'changeCampaignRecordStatus' ? 'NOTWORKED' : undefined,
        transferToCampaign: action === 'transferCampaignRecord' ? sb.section.campaigns[0] : undefined,
        timeZone: bad,
      });
      expect(change.body.previewResult).toEqual({
        previewResultStatus: 'FAILED',
        error: `Invalid timeZone: '${bad}' is not an IANA time zone`,
      });
    }
    // The name as the database spells it is accepted, and a search for that spelling finds it.
    expect(statusOf(await sb.add('S-7', [{ key: 'ItemTimeZone', value: good }]))).toBe('SUCCESS');
    const res = await sb.post('searchPreviewCampaign', {
      previewRecordData: [{ key: 'sys_item_time_zone', value: good, condition: 'EQUALS' }],
    });
    expect(res.body.previewRecordClientData.map((r: PreviewRecord) => r.clientId)).toEqual(['S-7']);
  });

  it.each(['Europe/Berlin', 'America/New_York', 'UTC', 'Etc/UTC', 'US/Eastern', 'Asia/Kolkata', 'Etc/GMT+5'])(
    'accepts "%s" (a canonical zone or an alias Intl knows) and stores it as sent',
    async (zone) => {
      expect(statusOf(await sb.add('S-9', [{ key: 'ItemTimeZone', value: zone }]))).toBe('SUCCESS');
      await sb.add('S-10');
      const change = { clientId: 'S-10', previewRecordStateEnum: 'NOTWORKED', timeZone: zone };
      expect(statusOf(await sb.post('changeCampaignRecordStatus', change))).toBe('SUCCESS');
      const res = await sb.post('searchPreviewCampaign', {
        previewRecordData: [{ key: 'sys_item_time_zone', value: zone, condition: 'EQUALS' }],
      });
      // (Seeded tasks without a zone of their own may show the campaign default, which could be the same.)
      const ids = res.body.previewRecordClientData.map((r: PreviewRecord) => r.clientId);
      expect(ids.filter((id: string) => id.startsWith('S-'))).toEqual(['S-9', 'S-10']);
    },
  );
});

describe('searchPreviewCampaign by identifier', () => {
  it('finds one record by previewRecordId, by previewRecordID and by clientId', async () => {
    await sb.add('Q-1');
    const byClient = await sb.post('searchPreviewCampaign', { clientId: 'Q-1' });
    const parsed = SearchResponseSchema.parse(byClient.body);
    expect(parsed.previewRecordClientData).toHaveLength(1);
    const id = parsed.previewRecordClientData[0]!.previewRecordID;
    for (const locator of [{ previewRecordId: id }, { previewRecordID: id }]) {
      const res = await sb.post('searchPreviewCampaign', locator);
      expect(res.body.previewRecordClientData).toEqual(parsed.previewRecordClientData);
    }
  });

  it('lets previewRecordId win over clientId', async () => {
    await sb.add('Q-2');
    await sb.add('Q-3');
    const q2 = await sb.find('Q-2');
    const res = await sb.post('searchPreviewCampaign', { previewRecordId: q2!.previewRecordID, clientId: 'Q-3' });
    expect(res.body.previewRecordClientData[0].clientId).toBe('Q-2');
    const missing = await sb.post('searchPreviewCampaign', { previewRecordId: 'nope', clientId: 'Q-3' });
    expect(statusOf(missing)).toBe('NORECORDFOUND');
  });

  it.each([
    ['previewRecordId', { previewRecordId: 'e94c0a8a-0b69-11ec-9a03-0242ac130003' }],
    ['clientId', { clientId: 'no-such-client' }],
  ])('answers NORECORDFOUND in HTTP 200 for an unknown %s', async (_label, locator) => {
    const res = await sb.post('searchPreviewCampaign', locator);
    expect(res.status).toBe(200);
    expect(SearchResponseSchema.parse(res.body)).toMatchObject({
      previewResult: { previewResultStatus: 'NORECORDFOUND', error: expect.stringMatching(/No record found/) },
      previewRecordClientData: [],
    });
  });

  it('writes every timestamp as CCYY-MM-DD HH:MM:SS.mmm UTC from the virtual clock', async () => {
    await sb.advance(1234);
    await sb.add('Q-4', undefined, { nextEarliestWorkTimeUTC: NOW_MS + 3_600_000 + 5 });
    const record = await sb.find('Q-4');
    expect(record!.createdTime).toBe('2021-11-03 05:00:01.234');
    expect(record!.lastUpdatedTime).toBe('2021-11-03 05:00:01.234');
    expect(record!.nextEarliestWorkTime).toBe('2021-11-03 06:00:00.005');
    for (const t of [record!.createdTime, record!.lastUpdatedTime, record!.nextEarliestWorkTime]) {
      expect(TimestampSchema.safeParse(t).success).toBe(true);
    }
  });
});

describe('changeCampaignRecordStatus', () => {
  it.each(['NOTWORKED', 'COMPLETED', 'REMOVED'])('sets %s', async (state) => {
    await sb.add('K-1');
    const res = await sb.post('changeCampaignRecordStatus', { clientId: 'K-1', previewRecordStateEnum: state });
    expect(ActionResponseSchema.parse(res.body).previewResult).toEqual({ previewResultStatus: 'SUCCESS', error: null });
    expect((await sb.find('K-1'))!.workedState).toBe(state);
  });

  it('requires nextEarliestWorkTimeUTC for WORKED', async () => {
    await sb.add('K-2');
    const res = await sb.post('changeCampaignRecordStatus', { clientId: 'K-2', previewRecordStateEnum: 'WORKED' });
    expect(res.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: expect.stringMatching(/nextEarliestWorkTimeUTC is required/),
    });
    expect((await sb.find('K-2'))!.workedState).toBe('NOTWORKED');
    const ok = await sb.post('changeCampaignRecordStatus', {
      clientId: 'K-2',
      previewRecordStateEnum: 'WORKED',
      nextEarliestWorkTimeUTC: NOW_MS + 60 * MINUTE,
    });
    expect(statusOf(ok)).toBe('SUCCESS');
    expect(await sb.find('K-2')).toMatchObject({
      workedState: 'WORKED',
      nextEarliestWorkTime: '2021-11-03 06:00:00.000',
    });
  });

  it('updates skillQueue, preferredAgent, nextEarliestWorkTimeUTC and timeZone with the status', async () => {
    await sb.add('K-3');
    const agent = sb.section.agents[0]!;
    const queue = sb.section.skillQueues[1]!;
    await sb.advance(MINUTE);
    const res = await sb.post('changeCampaignRecordStatus', {
      clientId: 'K-3',
      previewRecordStateEnum: 'NOTWORKED',
      skillQueue: queue,
      preferredAgent: agent,
      nextEarliestWorkTimeUTC: 1636121700000,
      timeZone: 'Europe/Berlin',
    });
    expect(statusOf(res)).toBe('SUCCESS');
    expect(await sb.find('K-3')).toMatchObject({
      skillQueue: queue,
      preferredAgent: agent,
      nextEarliestWorkTime: '2021-11-05 14:15:00.000',
      lastUpdatedTime: '2021-11-03 05:01:00.000',
    });
    const search = await sb.post('searchPreviewCampaign', {
      previewRecordData: [{ key: 'sys_item_time_zone', value: 'Europe/Berlin', condition: 'EQUALS' }],
    });
    expect(search.body.previewRecordClientData.map((r: PreviewRecord) => r.clientId)).toEqual(['K-3']);
  });

  it('clears the preferred agent with an empty string', async () => {
    await sb.add('K-4', undefined, { preferredAgent: sb.section.agents[0] });
    await sb.post('changeCampaignRecordStatus', {
      clientId: 'K-4',
      previewRecordStateEnum: 'NOTWORKED',
      preferredAgent: '',
    });
    expect((await sb.find('K-4'))!.preferredAgent).toBe('');
  });

  it.each([
    ['an unknown state', { previewRecordStateEnum: 'DONE' }, /previewRecordStateEnum/],
    ['no state', { previewRecordStateEnum: undefined }, /previewRecordStateEnum is required/],
    ['an unknown skillQueue', { previewRecordStateEnum: 'NOTWORKED', skillQueue: 'Nope' }, /Skill Queue/],
    ['an unknown agent', { previewRecordStateEnum: 'NOTWORKED', preferredAgent: 'x@y.z' }, /agent/],
    ['a bad timeZone', { previewRecordStateEnum: 'NOTWORKED', timeZone: 'Mars/Base' }, /IANA/],
  ])('fails with a useful error for %s and changes nothing', async (_label, extra, message) => {
    await sb.add('K-5');
    const before = await sb.find('K-5');
    const res = await sb.post('changeCampaignRecordStatus', { clientId: 'K-5', ...extra });
    expect(res.body.previewResult).toEqual({ previewResultStatus: 'FAILED', error: expect.stringMatching(message) });
    expect(await sb.find('K-5')).toEqual(before);
  });
});

describe('transferCampaignRecord', () => {
  it('moves the record to another campaign with routing changes', async () => {
    const [from, to] = sb.section.campaigns as [string, string];
    await sb.add('T-1');
    const before = await sb.find('T-1');
    const queue = sb.section.skillQueues[2]!;
    const res = await sb.post('transferCampaignRecord', {
      clientId: 'T-1',
      transferToCampaign: to,
      skillQueue: queue,
      preferredAgent: sb.section.agents[0],
      nextEarliestWorkTimeUTC: 1636121700000,
      timeZone: 'Europe/Berlin',
    });
    expect(ActionResponseSchema.parse(res.body)).toEqual({
      ...sb.envelope(from),
      previewResult: { previewResultStatus: 'SUCCESS', error: null },
    });
    expect(await sb.find('T-1', from)).toBeUndefined();
    expect(await sb.find('T-1', to)).toMatchObject({
      previewRecordID: before!.previewRecordID,
      skillQueue: queue,
      preferredAgent: sb.section.agents[0],
      nextEarliestWorkTime: '2021-11-05 14:15:00.000',
    });
  });

  it("takes the target campaign's default queue when none is named", async () => {
    const to = sb.section.campaigns[1]!;
    await sb.add('T-2');
    await sb.post('transferCampaignRecord', { clientId: 'T-2', transferToCampaign: to });
    expect((await sb.find('T-2', to))!.skillQueue).toBe(sb.section.skillQueues[1]);
  });

  it('changes only the skill queue when transferring within the same campaign', async () => {
    await sb.add('T-3');
    const res = await sb.post('transferCampaignRecord', {
      clientId: 'T-3',
      transferToCampaign: sb.section.campaigns[0],
      skillQueue: sb.section.skillQueues[2],
    });
    expect(statusOf(res)).toBe('SUCCESS');
    expect((await sb.find('T-3'))!.skillQueue).toBe(sb.section.skillQueues[2]);
  });

  it('fails for an unknown (or differently cased) target campaign and leaves the record in place', async () => {
    await sb.add('T-4');
    for (const name of ['NoSuchCampaign', sb.section.campaigns[1]!.toLowerCase(), undefined]) {
      const res = await sb.post('transferCampaignRecord', { clientId: 'T-4', transferToCampaign: name });
      expect(res.status).toBe(200);
      expect(res.body.previewResult.previewResultStatus).toBe('FAILED');
      expect(res.body.previewResult.error).toMatch(/transferToCampaign|Campaign/);
    }
    expect(await sb.find('T-4')).toBeDefined();
  });

  it('fails when the target campaign already holds the clientId', async () => {
    const to = sb.section.campaigns[1]!;
    await sb.add('T-5');
    await sb.post('addOrUpdateCampaignRecord', { campaignName: to, clientId: 'T-5', previewRecordData: [] });
    const res = await sb.post('transferCampaignRecord', { clientId: 'T-5', transferToCampaign: to });
    expect(res.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: expect.stringMatching(/T-5.*already exists/),
    });
    expect(await sb.find('T-5')).toBeDefined();
  });
});

describe('deleteRecordFromCampaign', () => {
  it('removes the record by clientId and by previewRecordId', async () => {
    await sb.add('D-1');
    await sb.add('D-2');
    expect(statusOf(await sb.post('deleteRecordFromCampaign', { clientId: 'D-1' }))).toBe('SUCCESS');
    const d2 = await sb.find('D-2');
    expect(statusOf(await sb.post('deleteRecordFromCampaign', { previewRecordId: d2!.previewRecordID }))).toBe(
      'SUCCESS',
    );
    expect(await sb.find('D-1')).toBeUndefined();
    expect(await sb.find('D-2')).toBeUndefined();
    // The clientId is free again.
    expect(statusOf(await sb.add('D-1'))).toBe('SUCCESS');
  });
});

describe('NORECORDFOUND and locator rules of change, transfer and delete', () => {
  const bodies = () => ({
    changeCampaignRecordStatus: { previewRecordStateEnum: 'COMPLETED' },
    transferCampaignRecord: { transferToCampaign: sb.section.campaigns[1] },
    deleteRecordFromCampaign: {},
  });

  it.each(['changeCampaignRecordStatus', 'transferCampaignRecord', 'deleteRecordFromCampaign'] as const)(
    '%s: NORECORDFOUND by previewRecordId and by clientId, FAILED with neither',
    async (action) => {
      const body = bodies()[action];
      for (const locator of [{ previewRecordId: 'no-such-id' }, { clientId: 'no-such-client' }]) {
        const res = await sb.post(action, { ...body, ...locator });
        expect(res.status).toBe(200);
        expect(ActionResponseSchema.parse(res.body).previewResult).toEqual({
          previewResultStatus: 'NORECORDFOUND',
          error: expect.stringMatching(/No record found/),
        });
      }
      const none = await sb.post(action, body);
      expect(none.body.previewResult).toEqual({
        previewResultStatus: 'FAILED',
        error: 'previewRecordId or clientId is required',
      });
    },
  );

  it.each(['changeCampaignRecordStatus', 'transferCampaignRecord', 'deleteRecordFromCampaign'] as const)(
    '%s: previewRecordId wins over clientId',
    async (action) => {
      await sb.add('W-1');
      await sb.add('W-2');
      const w1 = await sb.find('W-1');
      const res = await sb.post(action, { ...bodies()[action], previewRecordId: w1!.previewRecordID, clientId: 'W-2' });
      expect(statusOf(res)).toBe('SUCCESS');
      expect(await sb.find('W-2')).toMatchObject({ workedState: 'NOTWORKED', clientId: 'W-2' });
      const missing = await sb.post(action, { ...bodies()[action], previewRecordId: 'nope', clientId: 'W-2' });
      expect(statusOf(missing)).toBe('NORECORDFOUND');
    },
  );
});
