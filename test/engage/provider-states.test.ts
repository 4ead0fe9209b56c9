import { describe, expect, it } from 'vitest';
import { engageStates } from '../../simulators/engage/states.ts';
import { calls } from './calls.ts';
import { useEngage } from './harness.ts';

/**
 * The Engage provider states through the simulator's own provider-state endpoint (what `campaign-sim verify` and any
 * Pact verifier call): each sets its object up as the catalogue says and answers its internalId.
 */
const t = useEngage();
const { ok } = calls(t);

async function given(state: string, params: Record<string, unknown>): Promise<Record<string, string>> {
  const res = await t.api
    .post(`/__admin/pact/provider-states?sandbox=${t.sb.id}&vendor=engage`)
    .send({ state, params });
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, string>;
}
const campaign = () => `<campaign><internalId>${t.sb.section.campaigns[0]!.internalId}</internalId></campaign>`;
const counter = (item: Record<string, unknown>, name: string) =>
  (item.attributes as { name: string; value: string }[]).find((a) => a.name === name)?.value;

describe('Engage provider states', () => {
  it('are the three documented ones', () => {
    expect(engageStates.states.map((s) => s.name)).toEqual([
      'sub-campaign {name} is running',
      'contact batch {externalId} exists',
      'contact {externalId} has been attempted',
    ]);
  });

  it('sub-campaign {name} is running: a Running sub-campaign of that name, its id answered', async () => {
    const { subCampaignId } = await given('sub-campaign {name} is running', { name: 'State drive', contacts: 4 });
    const [state] = await ok('showSubCampaignState', `<arg1><internalId>${subCampaignId}</internalId></arg1>`);
    expect(state).toMatchObject({ state: 'Running', subCampaign: { externalId: 'State drive' } });
    const [byName] = await ok('showSubCampaignState', `<arg1><externalId>State drive</externalId>${campaign()}</arg1>`);
    expect((byName!.subCampaign as { internalId: string }).internalId).toBe(subCampaignId);
    expect(Number(counter(state!, 'pendingCount')) + Number(counter(state!, 'attemptedCount'))).toBe(4);
  });

  it('contact batch {externalId} exists: a Running batch of that externalId, its id answered', async () => {
    const { contactBatchId } = await given('contact batch {externalId} exists', { externalId: 'State batch' });
    const [state] = await ok('showContactBatchState', '<arg1><externalId>State batch</externalId></arg1>');
    expect(state).toMatchObject({ state: 'Running', contactBatch: { internalId: contactBatchId } });
    expect(counter(state!, 'pendingCount')).toBe('10');
  });

  it('contact {externalId} has been attempted: one attempt of that contact once the clock moved a minute', async () => {
    const before = await t.sb.now();
    await given('contact {externalId} has been attempted', { externalId: 'STATE-1', device: '+13035550111' });
    expect((await t.sb.now()) - before).toBe(60_000);
    const org = `<arg1><internalId>${t.sb.section.account.internalId}</internalId><type>Account</type></arg1>`;
    const attempts = await ok(
      'listContactAttempts',
      `${org}<arg2><contact><externalId>STATE-1</externalId></contact></arg2>`,
    );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ device: { externalId: '+13035550111' } });
  });

  it('the backdoors name one object only', async () => {
    const seeded = await t.sb.admin('POST', '/vendors/engage/outreach/sub-campaigns', {
      subCampaigns: 2,
      externalId: 'x',
    });
    expect(seeded.status).toBe(400);
    const batches = await t.sb.admin('POST', '/vendors/engage/outreach/contact-batches', {
      batches: 2,
      externalId: 'x',
    });
    expect(batches.status).toBe(400);
  });
});
