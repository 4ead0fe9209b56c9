import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  RecordDataItemSchema,
  REQUEST_SCHEMAS,
  SearchCriterionSchema,
  type Action,
} from '../../contracts/symbee/schemas.ts';
import { NOW_MS, sandboxPerTest, statusOf, type Body, type SymbeeSandbox, type TestSimulator } from './harness.ts';

/**
 * `null` reads as absent (assumed: Java/Jackson clients send `null` for every unset field): in the body of all five
 * actions and inside previewRecordData items. Unknown fields and wrong types stay HTTP 400.
 */
let sim: TestSimulator;
let sb: SymbeeSandbox;

sandboxPerTest((s, b) => {
  sim = s;
  sb = b;
});

describe('the consequences the audit pinned', () => {
  it('answers INVALIDCLIENTID (HTTP 200) for clientId null on add, as for no clientId', async () => {
    const before = await sb.records();
    const res = await sb.post('addOrUpdateCampaignRecord', {
      clientId: null,
      previewRecordData: [{ key: 'Name', value: 'n' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.previewResult).toEqual({ previewResultStatus: 'INVALIDCLIENTID', error: 'clientId is required' });
    expect(await sb.records()).toEqual(before);
  });

  it('finds a record by clientId when previewRecordId (or previewRecordID) is null', async () => {
    await sb.add('N-1');
    for (const nulls of [
      { previewRecordId: null },
      { previewRecordID: null },
      { previewRecordId: null, previewRecordID: null },
    ]) {
      const res = await sb.post('searchPreviewCampaign', {
        ...nulls,
        clientId: 'N-1',
        maxRecords: null,
        previewRecordData: null,
      });
      expect(res.status).toBe(200);
      expect(statusOf(res)).toBe('SUCCESS');
      expect(res.body.previewRecordClientData.map((r: { clientId: string }) => r.clientId)).toEqual(['N-1']);
    }
  });

  it('adds with preferredAgent, nextEarliestWorkTimeUTC and displayOrder null exactly as without them', async () => {
    const res = await sb.post('addOrUpdateCampaignRecord', {
      clientId: 'N-2',
      clientIdFieldName: null,
      preferredAgent: null,
      nextEarliestWorkTimeUTC: null,
      previewRecordData: [
        { key: 'Name', value: 'n', displayOrder: null },
        { key: 'Other', value: 'o', displayOrder: null },
      ],
    });
    expect(statusOf(res)).toBe('SUCCESS');
    expect(await sb.find('N-2')).toMatchObject({
      preferredAgent: '',
      nextEarliestWorkTime: null,
      previewRecordData: [
        { key: 'Id', value: 'N-2', displayOrder: 0 },
        { key: 'Name', value: 'n', displayOrder: 1 },
        { key: 'Other', value: 'o', displayOrder: 2 },
      ],
    });
  });

  it('clears preferredAgent and the earliest work time on an update that sends them null (absent = replaced)', async () => {
    await sb.add('N-3', undefined, { preferredAgent: sb.section.agents[0], nextEarliestWorkTimeUTC: NOW_MS + 60_000 });
    const res = await sb.add('N-3', undefined, { preferredAgent: null, nextEarliestWorkTimeUTC: null });
    expect(statusOf(res)).toBe('SUCCESS');
    expect(await sb.find('N-3')).toMatchObject({ preferredAgent: '', nextEarliestWorkTime: null });
  });

  it('leaves routing fields sent as null unchanged on changeCampaignRecordStatus and transferCampaignRecord', async () => {
    const agent = sb.section.agents[1]!;
    await sb.add('N-4', undefined, { preferredAgent: agent, nextEarliestWorkTimeUTC: NOW_MS + 60_000 });
    const before = await sb.find('N-4');
    const routing = { skillQueue: null, preferredAgent: null, nextEarliestWorkTimeUTC: null, timeZone: null };
    const change = await sb.post('changeCampaignRecordStatus', {
      clientId: 'N-4',
      previewRecordId: null,
      previewRecordStateEnum: 'NOTWORKED',
      ...routing,
    });
    expect(statusOf(change)).toBe('SUCCESS');
    const transfer = await sb.post('transferCampaignRecord', {
      clientId: 'N-4',
      transferToCampaign: sb.section.campaigns[0],
      ...routing,
    });
    expect(statusOf(transfer)).toBe('SUCCESS');
    expect(await sb.find('N-4')).toEqual(before);
  });

  it('reports a required field sent as null as missing (HTTP 200), like the field left out', async () => {
    await sb.add('N-5');
    const cases: [Action, Body, string][] = [
      ['addOrUpdateCampaignRecord', { clientId: 'N-6', previewRecordData: null }, 'previewRecordData is required'],
      [
        'addOrUpdateCampaignRecord',
        { clientId: 'N-6', previewRecordData: [{ key: null, value: 'v' }] },
        'previewRecordData[0].key is required',
      ],
      [
        'searchPreviewCampaign',
        { previewRecordData: [{ key: 'Name', value: null, condition: 'EQUALS' }] },
        'previewRecordData[0].value is required',
      ],
      [
        'changeCampaignRecordStatus',
        { clientId: 'N-5', previewRecordStateEnum: null },
        'previewRecordStateEnum is required',
      ],
      ['transferCampaignRecord', { clientId: 'N-5', transferToCampaign: null }, 'transferToCampaign is required'],
      [
        'deleteRecordFromCampaign',
        { clientId: null, previewRecordId: null },
        'previewRecordId or clientId is required',
      ],
      ['deleteRecordFromCampaign', { clientId: 'N-5', campaignName: null }, 'campaignName is required'],
    ];
    for (const [action, body, error] of cases) {
      const res = await sb.post(action, body);
      expect(res.status, `${action} ${JSON.stringify(body)}`).toBe(200);
      expect(res.body.previewResult).toEqual({ previewResultStatus: 'FAILED', error });
    }
    expect(await sb.find('N-5')).toBeDefined();
  });
});

/** A body per action that succeeds, so a field left out changes the outcome only when that field matters. */
function validBody(action: Action): Body {
  switch (action) {
    case 'addOrUpdateCampaignRecord':
      return {
        clientId: 'V-1',
        clientIdFieldName: 'KeyId',
        preferredAgent: sb.section.agents[0],
        nextEarliestWorkTimeUTC: NOW_MS + 60_000,
        previewRecordData: [{ key: 'Name', value: 'v', displayOrder: 2 }],
      };
    case 'searchPreviewCampaign':
      return {
        maxRecords: 3,
        previewRecordData: [{ key: 'sys_worked_state', value: 'NOTWORKED', condition: 'EQUALS' }],
      };
    case 'changeCampaignRecordStatus':
      return {
        clientId: '1001',
        previewRecordStateEnum: 'WORKED',
        skillQueue: sb.section.skillQueues[1],
        preferredAgent: sb.section.agents[0],
        nextEarliestWorkTimeUTC: NOW_MS + 60_000,
        timeZone: 'Europe/Berlin',
      };
    case 'transferCampaignRecord':
      return {
        clientId: '1001',
        transferToCampaign: sb.section.campaigns[1],
        skillQueue: sb.section.skillQueues[2],
        preferredAgent: sb.section.agents[0],
        nextEarliestWorkTimeUTC: NOW_MS + 60_000,
        timeZone: 'Europe/Berlin',
      };
    case 'deleteRecordFromCampaign':
      return { clientId: '1001' };
  }
}

/**
 * The answer and the stored records after one request in a fresh sandbox of a fixed seed, the body built from the
 * action's valid body by `edit` (sent raw, so an envelope field can be left out too).
 */
async function outcome(action: Action, edit: (body: Body) => Body) {
  sb = await sim.sandbox({ seed: 11 });
  const res = await sb.raw(action, JSON.stringify(edit({ ...sb.envelope(), ...validBody(action) })));
  const [first, second] = sb.section.campaigns as [string, string];
  // Company codes carry the sandbox id; everything else replays with the seed.
  const body = {
    ...res.body,
    companyCode: res.body.companyCode === sb.section.companyCode ? 'same' : res.body.companyCode,
  };
  return { status: res.status, body, records: [...(await sb.records(first)), ...(await sb.records(second))] };
}

/** The properties of a previewRecordData item, per action that has items (validBody's item carries them all). */
const ITEM_FIELDS: Partial<Record<Action, string[]>> = {
  addOrUpdateCampaignRecord: Object.keys(RecordDataItemSchema.shape),
  searchPreviewCampaign: Object.keys(SearchCriterionSchema.shape),
};

describe.each(ACTIONS)('%s: every field the action knows, sent as null, acts as left out', (action) => {
  const fields = Object.keys(REQUEST_SCHEMAS[action].shape);

  it.each(fields)('%s', async (field) => {
    const without = (body: Body): Body => Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));
    const expected = await outcome(action, without);
    const got = await outcome(action, (body) => ({ ...without(body), [field]: null }));
    expect(got.status).toBe(200);
    expect(got).toEqual(expected);
  });

  const itemFields = ITEM_FIELDS[action] ?? [];
  it.each(itemFields)('previewRecordData[].%s', async (field) => {
    const item = (body: Body) => (body.previewRecordData as Body[])[0]!;
    const withoutItemField = (body: Body): Body => ({
      ...body,
      previewRecordData: [Object.fromEntries(Object.entries(item(body)).filter(([key]) => key !== field))],
    });
    const expected = await outcome(action, withoutItemField);
    const got = await outcome(action, (body) => {
      const edited = withoutItemField(body);
      return { ...edited, previewRecordData: [{ ...item(edited), [field]: null }] };
    });
    expect(got.status).toBe(200);
    expect(got).toEqual(expected);
  });

  it('(the unedited body succeeds, so each field left out is a real change)', async () => {
    const { body } = await outcome(action, (b) => b);
    expect(body.previewResult).toEqual({ previewResultStatus: 'SUCCESS', error: null });
  });
});

describe('what null does not excuse', () => {
  it.each([
    ['an unknown field', { clientID: null }, /clientID/],
    [
      'an unknown field in a data item',
      { previewRecordData: [{ key: 'k', value: 'v', condition: null }] },
      /condition/,
    ],
    ['a null data item', { previewRecordData: [null] }, /previewRecordData/],
    // Values Jackson refuses too (the scalars it coerces are in jackson.test.ts).
    ['an object where a string belongs', { clientId: { id: 1022 } }, /clientId/],
    ['a text that is no number where a number belongs', { nextEarliestWorkTimeUTC: 'soon' }, /nextEarliestWorkTimeUTC/],
    [
      'a fractional text displayOrder',
      { previewRecordData: [{ key: 'k', value: 'v', displayOrder: '1.5' }] },
      /displayOrder/,
    ],
  ])('%s is still HTTP 400 naming it', async (_label, extra, message) => {
    const res = await sb.post('addOrUpdateCampaignRecord', { clientId: 'N-400', previewRecordData: [], ...extra });
    expect(res.status).toBe(400);
    expect(res.body.previewResult).toEqual({ previewResultStatus: 'FAILED', error: expect.stringMatching(message) });
    expect(await sb.find('N-400')).toBeUndefined();
  });
});
