import { describe, expect, it } from 'vitest';
import { EngageClient, EngageFault, engageConfigFromSandbox } from '../../src/clients/engage/index.ts';
import { useEngage } from './harness.ts';

/** Every part-2 method through the reference client: its happy path and a documented fault, typed. */
const t = useEngage();

function client() {
  const { port } = t.server.server.address() as { port: number };
  const endpoint = t.sb.section.endpoint.replace(/^http:\/\/[^/]+/, `http://127.0.0.1:${port}`);
  return new EngageClient(engageConfigFromSandbox({ ...t.sb.section, endpoint }));
}
const script = () => ({ internalId: t.sb.section.scripts[0]!.internalId });
const account = () => ({ internalId: t.sb.section.account.internalId, type: 'Account' as const });
const counter = (d: { attributes?: { name?: string; value?: string }[] }, name: string) =>
  Number(d.attributes?.find((a) => a.name === name)?.value);
async function faultCode(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EngageFault);
  return (err as EngageFault).code;
}
const contacts = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}${i}`,
    devices: [{ externalId: `+1303555${String(i).padStart(4, '0')}` }],
  }));

describe('EngageClient, part 2', () => {
  it('sub-campaign methods', async () => {
    const engage = client();
    const [campaign] = t.sb.section.campaigns;
    const sub = await engage.createSubCampaign(
      {
        externalId: 'Client sub',
        campaign: { internalId: campaign!.internalId },
        agentGroups: [{ internalId: t.sb.section.agentGroups[0]!.internalId }],
        passes: [{ name: 'P1', channel: '5', contactsPerMinute: '20' }],
      },
      { internalId: t.sb.section.lists[0]!.internalId },
      script(),
      account(),
    );
    expect(sub).toMatchObject({
      externalId: 'Client sub',
      type: 'Outbound',
      campaign: { internalId: campaign!.internalId },
    });
    expect(
      await faultCode(
        engage.createSubCampaign(
          { externalId: 'Client sub', campaign: { internalId: campaign!.internalId } },
          { internalId: t.sb.section.lists[0]!.internalId },
          script(),
          account(),
        ),
      ),
    ).toBe('OBJECT_EXISTS');
    expect(
      await faultCode(
        engage.createSubCampaign(
          { campaign: { internalId: '42' } },
          { internalId: t.sb.section.lists[0]!.internalId },
          script(),
          account(),
        ),
      ),
    ).toBe('OBJECT_NOT_EXISTS');

    const listed = await engage.listSubCampaigns({ internalId: campaign!.internalId }, true);
    expect(listed.map((s) => s.externalId)).toContain('Client sub');

    const [pacing] = await engage.previewPacing([{ internalId: sub.internalId, intensity: '50' }]);
    // Preview channel: 20 a minute at 50 % intensity, under the agent group's bound (10 agents × 2).
    expect(pacing).toMatchObject({ contactsPerMinute: '10', pass: { name: 'P1' } });
    expect(await faultCode(engage.previewPacing([{ internalId: '77' }]))).toBe('OBJECT_NOT_EXISTS');

    await t.sb.advance(60_000);
    const changed = await engage.changeSubCampaign({
      internalId: sub.internalId,
      intensity: '40',
      externalId: 'Renamed',
    });
    expect(changed).toMatchObject({ externalId: 'Renamed', intensity: '40' });
    expect(await faultCode(engage.changeSubCampaign({ internalId: sub.internalId, type: 'Inbound' }))).toBe(
      'ATTRIBUTE_INVALID_DATA',
    );

    const state = await engage.showSubCampaignState({ internalId: sub.internalId });
    expect(state.state).toBe('Running');
    expect(counter(state, 'attemptedCount')).toBeGreaterThan(0);
    const paused = await engage.changeSubCampaignState({
      subCampaign: { internalId: sub.internalId },
      state: 'Paused',
    });
    expect(paused.state).toBe('Paused');
    const stopping = await engage.changeSubCampaignState({
      subCampaign: { internalId: sub.internalId },
      state: 'Done',
    });
    expect(stopping.state).toBe('Stopping');
    await t.sb.advance(60_000);
    expect(
      await faultCode(engage.changeSubCampaignState({ subCampaign: { internalId: sub.internalId }, state: 'Running' })),
    ).toBe('INVALID_STATE');
    const states = await engage.listSubCampaignStates(account(), {
      state: 'Done',
      subCampaign: { externalId: 'renam' },
    });
    expect(states.map((s) => s.subCampaign?.externalId)).toEqual(['Renamed']);

    const inbound = await engage.createSubCampaignUsingInboundDevice(
      { externalId: 'Pay by text', campaign: { internalId: campaign!.internalId }, passes: [{ channel: '3' }] },
      script(),
      account(),
      { externalId: '72345', inboundDeviceType: 'ShortCode', keywords: ['PAY'] },
    );
    expect(inbound.type).toBe('Inbound');
    expect(
      await faultCode(
        engage.createSubCampaignUsingInboundDevice(
          { externalId: 'Again', campaign: { internalId: campaign!.internalId } },
          script(),
          account(),
          { externalId: '72345', inboundDeviceType: 'ShortCode', keywords: ['PAY'] },
        ),
      ),
    ).toBe('INBOUND_TEXT_KEYWORD_ALREADY_ACTIVE');
    const found = await engage.showSubCampaignStateUsingContactAttempt({
      secondaryDevice: { externalId: '72345' },
      messageText: 'pay 20',
    });
    expect(found.subCampaign?.internalId).toBe(inbound.internalId);
    const system = await engage.showSubCampaignStateUsingContactAttempt({
      secondaryDevice: { externalId: '+10000000000' },
    });
    expect(system.subCampaign?.externalId).toBe('System');
    expect(await faultCode(engage.showSubCampaignStateUsingContactAttempt({ messageText: 'hi' }))).toBe(
      'ATTRIBUTE_NULL',
    );
  });

  it('contact batch and attempt methods', async () => {
    const engage = client();
    const owner = account();
    const batch = await engage.createContactBatch({ externalId: 'CB', owner, maxDuration: '60' }, contacts(4, 'CB'));
    expect(batch).toMatchObject({ externalId: 'CB', maxDuration: '60', owner: { type: 'Account' } });
    expect(
      await faultCode(engage.createContactBatch({ externalId: 'CB', owner, maxDuration: '60' }, contacts(1, 'Z'))),
    ).toBe('OBJECT_EXISTS');
    expect(
      await faultCode(engage.createContactBatch({ externalId: 'Long', owner, maxDuration: '721' }, contacts(1, 'Z'))),
    ).toBe('ARG_TOO_LARGE');
    const queued = await engage.createContactBatchAsync(
      { externalId: 'CBA', owner, maxDuration: '60' },
      contacts(3, 'A'),
    );
    expect((await engage.showContactBatchState({ internalId: queued.internalId })).state).toBe('Queued');
    await t.sb.advance(30 * 60_000);
    const done = await engage.showContactBatchState({ externalId: 'CB' });
    expect(done.state).toBe('Done');
    expect((await engage.showContactBatchState({ internalId: queued.internalId })).state).toBe('Done');
    const listed = await engage.listContactBatchStates(null, null, null);
    expect(listed.map((b) => b.contactBatch?.externalId)).toEqual(expect.arrayContaining(['CB', 'CBA']));
    expect(
      await faultCode(
        engage.changeContactBatchState({ contactBatch: { internalId: batch.internalId }, state: 'Cancelled' }),
      ),
    ).toBe('INVALID_STATE');

    const attempts = await engage.listContactAttemptsUsingContactBatch({ internalId: batch.internalId });
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    const byContact = await engage.listContactAttempts(owner, { contact: { externalId: 'CB1' } });
    expect(byContact.every((a) => a.contact?.externalId === 'CB1')).toBe(true);
    expect(byContact.length).toBeGreaterThan(0);
    const shown = await engage.showContactAttempts([{ internalId: attempts[0]!.internalId }]);
    expect(shown[0]).toMatchObject({ internalId: attempts[0]!.internalId, outcome: attempts[0]!.outcome });
    expect(
      await faultCode(
        engage.showContactAttempts(Array.from({ length: 101 }, () => ({ internalId: attempts[0]!.internalId }))),
      ),
    ).toBe('ARG_TOO_LARGE');
    expect(
      (await engage.changeContactAttempt({ internalId: attempts[0]!.internalId, tags: ['archive'] })).tags,
    ).toEqual(['archive']);
    expect(
      await faultCode(engage.changeContactAttempt({ internalId: attempts[0]!.internalId, tags: ['archive', 'x'] })),
    ).toBe('ARG_INVALID_TYPE');

    const [agent] = t.sb.section.users;
    // The seeded Dialer sub-campaign's attempts are taken by the agent group's agents.
    const agentAttempts = await engage.listContactAttemptsUsingUser({ internalId: agent!.internalId });
    expect(agentAttempts.length).toBeGreaterThan(0);
    expect(agentAttempts.every((a) => a.user?.internalId === agent!.internalId)).toBe(true);
    expect(await faultCode(engage.listContactAttemptsUsingUser({ internalId: '1' }))).toBe('OBJECT_NOT_EXISTS');

    const deprecated = await engage.createContactAttempts(null, { channel: '2' }, contacts(2, 'D'), script(), owner);
    expect(deprecated).toHaveLength(2);
    expect(deprecated[0]!.attributes).toContainEqual({
      name: 'deprecated',
      value: 'Deprecated as of 10.0, see createContactBatch()',
    });
  });
});
