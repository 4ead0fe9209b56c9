import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONDITIONS, SearchResponseSchema, SYSTEM_FIELDS, type PreviewRecord } from '../../contracts/symbee/schemas.ts';
import { MINUTE, NOW_MS, startSymbee, statusOf, type SymbeeSandbox, type TestSimulator } from './harness.ts';

/** Criteria search (document: SearchPreviewCampaign, previewRecordData / maxRecords / system fields). */
let sim: TestSimulator;
let sb: SymbeeSandbox;

const ids = (res: { body: { previewRecordClientData: PreviewRecord[] } }) =>
  res.body.previewRecordClientData.map((r) => r.clientId).sort();

const search = (criteria: { key: string; value: string; condition: string }[], extra: Record<string, unknown> = {}) =>
  sb.post('searchPreviewCampaign', { previewRecordData: criteria, ...extra });

beforeAll(async () => {
  sim = await startSymbee();
  // A campaign of three known records (the seeded ones are removed first so results are exact).
  sb = await sim.sandbox({ symbee: { recordsPerCampaign: 0 } });
  const [agentA, agentB] = sb.section.agents as [string, string];
  const [queueA, , queueC] = sb.section.skillQueues as [string, string, string];
  await sb.add('R-1', [
    { key: 'Name', value: 'Johnny Tester' },
    { key: 'Balance', value: '9' },
    { key: 'City', value: 'Denver' },
  ]);
  await sb.add(
    'R-2',
    [
      { key: 'Name', value: 'Kate Delaney' },
      { key: 'Balance', value: '100' },
      { key: 'SkillQueue', value: queueC },
      { key: 'ItemTimeZone', value: 'Europe/Berlin' },
    ],
    { preferredAgent: agentA, nextEarliestWorkTimeUTC: NOW_MS + 60 * MINUTE },
  );
  await sb.add('R-3', [{ key: 'name', value: 'Mike Mars' }], { preferredAgent: agentB });
  await sb.post('changeCampaignRecordStatus', { clientId: 'R-3', previewRecordStateEnum: 'COMPLETED' });
  await sb.admin('POST', '/vendors/symbee/work', {
    campaignName: sb.section.campaigns[0],
    clientId: 'R-1',
    agent: agentB,
    outcome: 'WORKED',
    nextEarliestWorkTimeUTC: NOW_MS + 120 * MINUTE,
  });
  expect(queueA).toBe(sb.section.skillQueues[0]);
});
afterAll(() => sim.close());

describe('conditions over custom keys', () => {
  it.each([
    ['EQUALS', 'Name', 'Kate Delaney', ['R-2']],
    ['NOTEQUALS', 'Name', 'Kate Delaney', ['R-1', 'R-3']],
    ['GREATERTHAN', 'Balance', '10', ['R-2']],
    ['LESSTHAN', 'Balance', '10', ['R-1']],
    ['CONTAINS', 'Name', 'a', ['R-2', 'R-3']],
    ['BEGINSWITH', 'Name', 'Mi', ['R-3']],
  ])('%s %s %s', async (condition, key, value, expected) => {
    const res = await search([{ key, value, condition }]);
    expect(res.status).toBe(200);
    expect(statusOf(res)).toBe('SUCCESS');
    expect(ids(res)).toEqual(expected);
  });

  it('covers every documented condition', () => {
    expect([...CONDITIONS].sort()).toEqual([
      'BEGINSWITH',
      'CONTAINS',
      'EQUALS',
      'GREATERTHAN',
      'LESSTHAN',
      'NOTEQUALS',
    ]);
  });

  it('matches custom keys case-insensitively (the document searches "name" for "Name"), values exactly', async () => {
    expect(ids(await search([{ key: 'NAME', value: 'Johnny Tester', condition: 'EQUALS' }]))).toEqual(['R-1']);
    expect(ids(await search([{ key: 'name', value: 'Mike Mars', condition: 'EQUALS' }]))).toEqual(['R-3']);
    expect(ids(await search([{ key: 'name', value: 'johnny tester', condition: 'EQUALS' }]))).toEqual([]);
  });

  it('compares numbers numerically and other values as strings', async () => {
    // As strings "9" > "10"; numerically 9 < 10.
    expect(ids(await search([{ key: 'Balance', value: '10', condition: 'GREATERTHAN' }]))).toEqual(['R-2']);
    expect(ids(await search([{ key: 'City', value: 'Boston', condition: 'GREATERTHAN' }]))).toEqual(['R-1']);
  });

  it('never matches a record that lacks the key, even with NOTEQUALS', async () => {
    expect(ids(await search([{ key: 'City', value: 'Paris', condition: 'NOTEQUALS' }]))).toEqual(['R-1']);
  });

  it('searches the clientId field added under clientIdFieldName', async () => {
    expect(ids(await search([{ key: 'Id', value: 'R-', condition: 'BEGINSWITH' }]))).toEqual(['R-1', 'R-2', 'R-3']);
  });

  it('ANDs several criteria (the document example: sys_worked_state + name)', async () => {
    const res = await search([
      { key: 'sys_worked_state', value: 'NOTWORKED', condition: 'EQUALS' },
      { key: 'name', value: 'Kate Delaney', condition: 'EQUALS' },
    ]);
    expect(ids(res)).toEqual(['R-2']);
  });
});

describe('system fields', () => {
  it.each([
    ['sys_skill_queue', 'EQUALS', (): string => sb.section.skillQueues[2]!, ['R-2']],
    ['sys_skill_queue', 'NOTEQUALS', (): string => sb.section.skillQueues[2]!, ['R-1', 'R-3']],
    ['sys_worked_attempts', 'GREATERTHAN', (): string => '0', ['R-1']],
    ['sys_worked_attempts', 'EQUALS', (): string => '0', ['R-2', 'R-3']],
    ['sys_item_time_zone', 'EQUALS', (): string => 'Europe/Berlin', ['R-2']],
    ['sys_item_time_zone', 'CONTAINS', (): string => '/', ['R-1', 'R-2', 'R-3']],
    ['sys_worked_state', 'EQUALS', (): string => 'WORKED', ['R-1']],
    ['sys_worked_state', 'EQUALS', (): string => 'COMPLETED', ['R-3']],
    ['sys_worked_state', 'NOTEQUALS', (): string => 'WORKED', ['R-2', 'R-3']],
    ['sys_preferred_agent', 'EQUALS', (): string => sb.section.agents[0]!, ['R-2']],
    ['sys_preferred_agent', 'EQUALS', (): string => '', ['R-1']],
    ['sys_preferred_agent', 'BEGINSWITH', (): string => sb.section.agents[1]!.slice(0, 3), ['R-3']],
    ['sys_next_earliest_worktime_long', 'EQUALS', (): string => String(NOW_MS + 60 * MINUTE), ['R-2']],
    ['sys_next_earliest_worktime_long', 'GREATERTHAN', (): string => String(NOW_MS + 90 * MINUTE), ['R-1']],
    ['sys_next_earliest_worktime_long', 'LESSTHAN', (): string => String(NOW_MS + 90 * MINUTE), ['R-2']],
  ] as const)('%s %s', async (key, condition, value, expected) => {
    const res = await search([{ key, value: value(), condition }]);
    expect(statusOf(res)).toBe('SUCCESS');
    expect(ids(res)).toEqual(expected);
  });

  it('covers every documented system field', () => {
    expect([...SYSTEM_FIELDS].sort()).toEqual([
      'sys_item_time_zone',
      'sys_next_earliest_worktime_long',
      'sys_preferred_agent',
      'sys_skill_queue',
      'sys_worked_attempts',
      'sys_worked_state',
    ]);
  });

  it('fails for an unknown sys_ field', async () => {
    const res = await search([{ key: 'sys_color', value: 'x', condition: 'EQUALS' }]);
    expect(res.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: expect.stringMatching(/Unknown system field 'sys_color'/),
    });
  });
});

describe('criteria validation', () => {
  it.each([
    ['an unknown condition', [{ key: 'Name', value: 'x', condition: 'LIKE' }], /Invalid condition 'LIKE'/],
    ['a lower-case condition', [{ key: 'Name', value: 'x', condition: 'equals' }], /Invalid condition/],
    ['no condition', [{ key: 'Name', value: 'x' }], /condition is required/],
    ['no key', [{ value: 'x', condition: 'EQUALS' }], /key is required/],
    ['no value', [{ key: 'Name', condition: 'EQUALS' }], /value is required/],
    ['no criteria at all', [], /previewRecordData is required/],
  ])('fails with a useful error for %s', async (_label, criteria, message) => {
    const res = await sb.post('searchPreviewCampaign', { previewRecordData: criteria });
    expect(res.status).toBe(200);
    expect(res.body.previewResult).toEqual({ previewResultStatus: 'FAILED', error: expect.stringMatching(message) });
    expect(res.body.previewRecordClientData).toEqual([]);
  });

  it('fails without previewRecordData when no identifier is given', async () => {
    const res = await sb.post('searchPreviewCampaign', {});
    expect(statusOf(res)).toBe('FAILED');
  });

  it('ignores maxRecords and criteria when an identifier is given (at most one record)', async () => {
    const res = await sb.post('searchPreviewCampaign', {
      clientId: 'R-1',
      maxRecords: 0,
      previewRecordData: [{ key: 'Name', value: 'nobody', condition: 'EQUALS' }],
    });
    expect(ids(res)).toEqual(['R-1']);
  });
});

describe('maxRecords', () => {
  let big: SymbeeSandbox;
  const all = [{ key: 'sys_worked_state', value: 'NOTWORKED', condition: 'EQUALS' }];

  beforeAll(async () => {
    big = await sim.sandbox({ symbee: { recordsPerCampaign: 0 } });
    const res = await big.admin('POST', '/vendors/symbee/records', {
      campaignName: big.section.campaigns[0],
      generate: 1005,
    });
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(1005);
  });

  it('defaults to 1000 records', async () => {
    const res = await big.post('searchPreviewCampaign', { previewRecordData: all });
    expect(statusOf(res)).toBe('SUCCESS');
    expect(res.body.previewRecordClientData).toHaveLength(1000);
  });

  it('honours an explicit maxRecords below and above the default', async () => {
    const small = await big.post('searchPreviewCampaign', { previewRecordData: all, maxRecords: 50 });
    expect(small.body.previewRecordClientData).toHaveLength(50);
    const large = await big.post('searchPreviewCampaign', { previewRecordData: all, maxRecords: 5000 });
    expect(large.body.previewRecordClientData).toHaveLength(1005);
  });

  it.each([0, -5])('fails for maxRecords %d', async (maxRecords) => {
    const res = await big.post('searchPreviewCampaign', { previewRecordData: all, maxRecords });
    expect(res.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: 'maxRecords must be greater than zero',
    });
  });
});

describe('previewRecordClientData when no task is returned (assumed: always [], never absent or null)', () => {
  it.each([
    [
      'SUCCESS',
      'a criteria search that matches nothing',
      { previewRecordData: [{ key: 'Name', value: 'Nobody', condition: 'EQUALS' }] },
    ],
    ['NORECORDFOUND', 'an unknown clientId', { clientId: 'no-such-client' }],
    ['FAILED', 'an invalid criterion', { previewRecordData: [{ key: 'Name', value: 'x', condition: 'LIKE' }] }],
    ['FAILED', 'an unknown campaign', { campaignName: 'NoSuchCampaign', clientId: 'R-1' }],
  ])('%s (%s) answers previewRecordClientData: []', async (status, _label, body) => {
    const res = await sb.post('searchPreviewCampaign', body);
    expect(res.status).toBe(200);
    expect(SearchResponseSchema.parse(res.body).previewResult.previewResultStatus).toBe(status);
    expect(res.body.previewRecordClientData).toEqual([]);
  });
});
