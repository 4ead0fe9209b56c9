import { describe, expect, it } from 'vitest';
import { sandboxPerTest, statusOf, type SymbeeSandbox } from './harness.ts';

/**
 * The service is Java: its bodies are bound by Jackson with the default coercions (simulators/core/jackson.ts), so
 * scalars of another JSON type are taken as Jackson takes them, and what Jackson refuses stays HTTP 400.
 */
let sb: SymbeeSandbox;

sandboxPerTest((_sim, b) => {
  sb = b;
});

describe('Jackson coercions on addOrUpdateCampaignRecord', () => {
  it('takes numbers for strings, numeric text for numbers and truncates fractions as Jackson does', async () => {
    const res = await sb.post('addOrUpdateCampaignRecord', {
      clientId: 123,
      nextEarliestWorkTimeUTC: '1636121700000',
      previewRecordData: [
        { key: 'Name', value: 'Kate Delaney', displayOrder: '2' },
        { key: 'Open Invoice Total', value: 576.35, displayOrder: ' 3 ' },
        { key: 'Account Number', value: 7621345, displayOrder: 4.0 },
        { key: 'Active', value: true, displayOrder: 5.9 },
        { key: 42, value: 'answer', displayOrder: '+6' },
      ],
    });
    expect(res.status).toBe(200);
    expect(statusOf(res)).toBe('SUCCESS');
    const record = await sb.find('123');
    expect(record).toMatchObject({ clientId: '123', nextEarliestWorkTime: '2021-11-05 14:15:00.000' });
    expect(record?.previewRecordData).toEqual([
      { key: 'Id', value: '123', displayOrder: 0 },
      { key: 'Name', value: 'Kate Delaney', displayOrder: 2 },
      { key: 'Open Invoice Total', value: '576.35', displayOrder: 3 },
      { key: 'Account Number', value: '7621345', displayOrder: 4 },
      { key: 'Active', value: 'true', displayOrder: 5 },
      { key: '42', value: 'answer', displayOrder: 6 },
    ]);
  });

  it('reads an empty or "null" text for a number as null, i.e. absent', async () => {
    const res = await sb.add('J-1', [
      { key: 'Name', value: 'n', displayOrder: 3 },
      { key: 'A', value: 'a', displayOrder: '' },
      { key: 'B', value: 'b', displayOrder: 'null' },
    ]);
    expect(statusOf(res)).toBe('SUCCESS');
    expect((await sb.find('J-1'))?.previewRecordData.map((d) => d.displayOrder)).toEqual([0, 3, 4, 5]);
  });

  it.each([
    [
      'a fractional text for an integer',
      { previewRecordData: [{ key: 'k', value: 'v', displayOrder: '1.5' }] },
      /displayOrder/,
    ],
    [
      'an exponent text for an integer',
      { previewRecordData: [{ key: 'k', value: 'v', displayOrder: '1e3' }] },
      /displayOrder/,
    ],
    [
      'a boolean for an integer',
      { previewRecordData: [{ key: 'k', value: 'v', displayOrder: false }] },
      /displayOrder/,
    ],
    ['an object for a string', { clientId: { id: 'J-2' } }, /clientId/],
    ['an array for a string', { previewRecordData: [{ key: ['k'], value: 'v' }] }, /key/],
    ['a single item for the array', { previewRecordData: { key: 'k', value: 'v' } }, /previewRecordData/],
    ['a text that is no number for a long', { nextEarliestWorkTimeUTC: '1636121700000ms' }, /nextEarliestWorkTimeUTC/],
  ])('refuses %s with HTTP 400 naming the field, as Jackson does', async (_label, extra, message) => {
    const res = await sb.post('addOrUpdateCampaignRecord', { clientId: 'J-2', previewRecordData: [], ...extra });
    expect(res.status).toBe(400);
    expect(res.body.previewResult).toEqual({ previewResultStatus: 'FAILED', error: expect.stringMatching(message) });
    expect(await sb.find('J-2')).toBeUndefined();
  });
});

describe('Jackson coercions on the other actions', () => {
  it('searchPreviewCampaign: maxRecords as text, a criterion value as a number', async () => {
    const res = await sb.post('searchPreviewCampaign', {
      maxRecords: '2',
      previewRecordData: [{ key: 'sys_worked_attempts', value: 0, condition: 'EQUALS' }],
    });
    expect(statusOf(res)).toBe('SUCCESS');
    expect(res.body.previewRecordClientData).toHaveLength(2);
  });

  it('changeCampaignRecordStatus: a numeric clientId and nextEarliestWorkTimeUTC as text', async () => {
    await sb.add('1022');
    const res = await sb.post('changeCampaignRecordStatus', {
      clientId: 1022,
      previewRecordStateEnum: 'WORKED',
      nextEarliestWorkTimeUTC: '1636121700000',
    });
    expect(statusOf(res)).toBe('SUCCESS');
    expect(await sb.find('1022')).toMatchObject({
      workedState: 'WORKED',
      nextEarliestWorkTime: '2021-11-05 14:15:00.000',
    });
  });
});
