import { describe, expect, it } from 'vitest';
import type { PreviewRecord } from '../../contracts/symbee/schemas.ts';
import { sandboxPerTest, statusOf, valueOf, type SymbeeSandbox } from './harness.ts';

/**
 * One queue and one zone per task: changeCampaignRecordStatus / transferCampaignRecord with `skillQueue` or
 * `timeZone` set the task's SkillQueue / ItemTimeZone data items too ("updates the SkillQueue on the located
 * task/record"), so the data, the sys_* criteria and the returned skillQueue agree. And the numeric system criteria
 * and system keys in any letter case.
 */
let sb: SymbeeSandbox;

sandboxPerTest((_sim, b) => {
  sb = b;
});

const searchOne = async (key: string, value: string, campaignName?: string) => {
  const res = await sb.post('searchPreviewCampaign', {
    ...(campaignName ? { campaignName } : {}),
    previewRecordData: [{ key, value, condition: 'EQUALS' }],
  });
  expect(statusOf(res), res.text).toBe('SUCCESS');
  return (res.body.previewRecordClientData as PreviewRecord[]).map((r) => r.clientId);
};

describe('one queue, one zone per task', () => {
  it('changeCampaignRecordStatus rewrites the SkillQueue and ItemTimeZone items the data has', async () => {
    const [, second, third] = sb.section.skillQueues as [string, string, string];
    await sb.add('Q-1', [
      { key: 'Name', value: 'Kate', displayOrder: 1 },
      { key: 'SkillQueue', value: second, displayOrder: 2 },
      { key: 'ItemTimeZone', value: 'Europe/Berlin', displayOrder: 3 },
    ]);
    const res = await sb.post('changeCampaignRecordStatus', {
      clientId: 'Q-1',
      previewRecordStateEnum: 'NOTWORKED',
      skillQueue: third,
      timeZone: 'America/Denver',
    });
    expect(statusOf(res)).toBe('SUCCESS');
    const record = await sb.find('Q-1');
    expect(record?.skillQueue).toBe(third);
    expect(record?.previewRecordData).toEqual([
      { key: 'Id', value: 'Q-1', displayOrder: 0 },
      { key: 'Name', value: 'Kate', displayOrder: 1 },
      { key: 'SkillQueue', value: third, displayOrder: 2 },
      { key: 'ItemTimeZone', value: 'America/Denver', displayOrder: 3 },
    ]);
    expect(await searchOne('sys_skill_queue', third)).toEqual(['Q-1']);
    expect(await searchOne('SkillQueue', third)).toEqual(['Q-1']);
    expect(await searchOne('sys_item_time_zone', 'America/Denver')).toEqual(['Q-1']);
    expect(await searchOne('ItemTimeZone', 'Europe/Berlin')).toEqual([]);
  });

  it('adds the items when the data has none, after the highest display order', async () => {
    const [, second] = sb.section.skillQueues as [string, string];
    await sb.add('Q-2', [{ key: 'Name', value: 'Kate', displayOrder: 4 }]);
    await sb.post('changeCampaignRecordStatus', {
      clientId: 'Q-2',
      previewRecordStateEnum: 'NOTWORKED',
      skillQueue: second,
      timeZone: 'Europe/Berlin',
    });
    const record = await sb.find('Q-2');
    expect(record?.previewRecordData.slice(2)).toEqual([
      { key: 'SkillQueue', value: second, displayOrder: 5 },
      { key: 'ItemTimeZone', value: 'Europe/Berlin', displayOrder: 6 },
    ]);
  });

  it('transferCampaignRecord does the same, and the queue named once stays the task’s on a later transfer', async () => {
    const [first, second] = sb.section.campaigns as [string, string];
    const third = sb.section.skillQueues[2] as string;
    await sb.add('Q-3', [{ key: 'Name', value: 'Kate' }]);
    const res = await sb.post('transferCampaignRecord', {
      clientId: 'Q-3',
      transferToCampaign: second,
      skillQueue: third,
      timeZone: 'Asia/Tokyo',
    });
    expect(statusOf(res)).toBe('SUCCESS');
    let record = await sb.find('Q-3', second);
    expect(record?.skillQueue).toBe(third);
    expect(valueOf(record, 'SkillQueue')).toBe(third);
    expect(valueOf(record, 'ItemTimeZone')).toBe('Asia/Tokyo');
    expect(await searchOne('sys_item_time_zone', 'Asia/Tokyo', second)).toEqual(['Q-3']);
    await sb.post('transferCampaignRecord', { campaignName: second, clientId: 'Q-3', transferToCampaign: first });
    record = await sb.find('Q-3', first);
    expect(record?.skillQueue).toBe(third);
    expect(valueOf(record, 'SkillQueue')).toBe(third);
  });
});

describe('system criteria', () => {
  it.each([
    ['sys_next_earliest_worktime_long', 'tomorrow', /epoch milliseconds/],
    ['sys_next_earliest_worktime_long', '1636121700000.5', /epoch milliseconds/],
    ['sys_worked_attempts', 'once', /whole number/],
  ])('%s with the value %s is FAILED with a clear error', async (key, value, message) => {
    const res = await sb.post('searchPreviewCampaign', {
      previewRecordData: [{ key, value, condition: 'GREATERTHAN' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.previewResult).toEqual({ previewResultStatus: 'FAILED', error: expect.stringMatching(message) });
    expect(res.body.previewResult.error).toContain(`'${value}'`);
  });

  it('still compares epoch values numerically', async () => {
    await sb.add('E-1', undefined, { nextEarliestWorkTimeUTC: 1636121700000 });
    const res = await sb.post('searchPreviewCampaign', {
      previewRecordData: [{ key: 'sys_next_earliest_worktime_long', value: '999999999999', condition: 'GREATERTHAN' }],
    });
    expect(res.body.previewRecordClientData.map((r: PreviewRecord) => r.clientId)).toEqual(['E-1']);
  });

  it('resolves a system key in another letter case to the system field, as custom keys match', async () => {
    const lower = await searchOne('sys_worked_state', 'NOTWORKED');
    expect(lower.length).toBeGreaterThan(0);
    expect(await searchOne('SYS_WORKED_STATE', 'NOTWORKED')).toEqual(lower);
    expect(await searchOne('Sys_Worked_State', 'NOTWORKED')).toEqual(lower);
    const unknown = await sb.post('searchPreviewCampaign', {
      previewRecordData: [{ key: 'SYS_COLOUR', value: 'x', condition: 'EQUALS' }],
    });
    expect(unknown.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: expect.stringMatching(/^Unknown system field 'SYS_COLOUR'/),
    });
  });
});
