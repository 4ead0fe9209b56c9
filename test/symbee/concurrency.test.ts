import { expect, it } from 'vitest';
import { perFile } from '../helpers/sim.ts';
import type { PreviewRecord } from '../../contracts/symbee/schemas.ts';
import { startSymbee, statusOf, valueOf, type TestSimulator } from './harness.ts';

/** Concurrent adds of one clientId never create duplicates (issue 2, section 6). */
let sim: TestSimulator;

perFile(startSymbee, (v) => (sim = v));

it('50 concurrent adds of the same clientId leave exactly one record', async () => {
  const sb = await sim.sandbox();
  const before = (await sb.records()).length;
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) => sb.add('SAME-1', [{ key: 'Name', value: `Writer ${i}` }])),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
  expect(responses.map(statusOf)).toEqual(Array(50).fill('SUCCESS'));

  const record = await sb.find('SAME-1');
  expect(valueOf(record, 'Name')).toMatch(/^Writer \d+$/);
  const search = await sb.post('searchPreviewCampaign', {
    previewRecordData: [{ key: 'Id', value: 'SAME-1', condition: 'EQUALS' }],
  });
  expect(search.body.previewRecordClientData).toHaveLength(1);
  expect((search.body.previewRecordClientData as PreviewRecord[])[0]!.previewRecordID).toBe(record!.previewRecordID);
  expect(await sb.records()).toHaveLength(before + 1);
});

it('concurrent adds of distinct clientIds across two campaigns all land, each once', async () => {
  const sb = await sim.sandbox();
  const [first, second] = sb.section.campaigns as [string, string];
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      sb.post('addOrUpdateCampaignRecord', {
        campaignName: i % 2 === 0 ? first : second,
        clientId: `MANY-${i % 10}`,
        previewRecordData: [{ key: 'Name', value: String(i) }],
      }),
    ),
  );
  const many = async (campaign: string) =>
    (await sb.records(campaign))
      .map((r) => r.clientId)
      .filter((id) => id.startsWith('MANY-'))
      .sort();
  expect(await many(first)).toEqual(['MANY-0', 'MANY-2', 'MANY-4', 'MANY-6', 'MANY-8']);
  expect(await many(second)).toEqual(['MANY-1', 'MANY-3', 'MANY-5', 'MANY-7', 'MANY-9']);
});
