import { describe, expect, it } from 'vitest';
import { EngageClient, EngageFault, engageConfigFromSandbox } from '../../src/clients/engage/index.ts';
import { useEngage } from './harness.ts';

/** The reference client against the simulator: typed answers, typed faults, the published client's wire form. */
const t = useEngage();

function client(overrides: Partial<{ password: string }> = {}) {
  const { port } = t.server.server.address() as { port: number };
  const section = {
    ...t.sb.section,
    endpoint: t.sb.section.endpoint.replace(/^http:\/\/[^/]+/, `http://127.0.0.1:${port}`),
  };
  return new EngageClient(engageConfigFromSandbox({ ...section, ...overrides }));
}
const account = () => ({ internalId: t.sb.section.account.internalId, type: 'Account' as const });

describe('EngageClient', () => {
  it('configuration methods round-trip typed entities', async () => {
    const engage = client();
    const campaign = await engage.createCampaign({ externalId: 'Client made', description: 'd' }, account());
    expect(campaign).toMatchObject({ externalId: 'Client made', owner: { type: 'Account' } });
    expect((await engage.showCampaign({ internalId: campaign.internalId })).externalId).toBe('Client made');
    expect((await engage.listCampaigns(account(), '2025-03-01', null)).map((c) => c.externalId)).toContain(
      'Client made',
    );
    expect(await engage.listCampaignsUsingCampaign(account(), { description: 'none' })).toEqual([]);
    expect((await engage.changeCampaign({ internalId: campaign.internalId, description: 'e' })).description).toBe('e');

    const script = await engage.createScriptUsingContent(
      'From client',
      ['main.xml'],
      [new TextEncoder().encode('<vxml/>')],
      account(),
    );
    expect(script.elements).toEqual(['main.xml']);
    const copy = await engage.createScript(
      { internalId: t.sb.section.templates[1]!.internalId },
      'Copy',
      [],
      [],
      account(),
    );
    expect(copy.elements).toEqual(['interaction.xml', 'helpers.js', 'layout.xsl']);
    await engage.deleteScript({ internalId: script.internalId });
    expect((await engage.listScripts(account())).map((s) => s.externalId)).not.toContain('From client');

    const strategy = await engage.createOutreachStrategy({ externalId: 'S', passes: [{ channel: '1' }] }, account());
    expect((await engage.showOutreachStrategy({ externalId: 'S', owner: account() })).passes).toEqual([
      { channel: '1' },
    ]);
    expect((await engage.listOutreachStrategy(account(), { externalId: 'S' })).length).toBe(1);
    expect(
      (await engage.changeOutreachStrategy({ internalId: strategy.internalId, description: 'x' })).description,
    ).toBe('x');
    await engage.deleteOutreachStrategy({ internalId: strategy.internalId });

    const rule = await engage.createComplianceRule({ type: 'Date', elements: ['2025-11-27'] }, account());
    expect((await engage.showComplianceRule({ internalId: rule.internalId })).elements).toEqual(['2025-11-27']);
    expect((await engage.listComplianceRules(account())).length).toBe(1);
    expect(
      (await engage.changeComplianceRule({ internalId: rule.internalId, elements: ['2025-11-28'] })).elements,
    ).toEqual(['2025-11-28']);
    await engage.deleteComplianceRule({ internalId: rule.internalId });
  });

  it('the support services', async () => {
    const engage = client();
    expect((await engage.showSystemInfo()).find((i) => i.name === 'apiVersion')?.value).toBe('110');
    expect(await engage.showCurrentSession()).toMatchObject({ user: { externalId: t.sb.section.username } });
    const lists = await engage.listLists(account());
    expect((await engage.showList({ internalId: lists[0]!.internalId })).externalId).toBe(lists[0]!.externalId);
  });

  it('faults are EngageFaults with the documented code (not retried)', async () => {
    const err = await client()
      .showCampaign({ internalId: '404404' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngageFault);
    expect(EngageFault.is(err, 'OBJECT_NOT_EXISTS')).toBe(true);
    expect((err as EngageFault).faultstring).toBe("Referenced object 'Campaign 404404' does not exist");
    const denied = await client({ password: 'wrong-password' })
      .listScripts(account())
      .catch((e: unknown) => e);
    expect(EngageFault.is(denied, 'NO_SESSION')).toBe(true);
    const journal = await t.sb.admin('GET', '/requests');
    expect(journal.body.requests.filter((r: { operation?: string }) => r.operation === 'showCampaign').length).toBe(1);
  });

  it('sends what the published client sends: no SOAPAction, prefixed namespace, unqualified argN', async () => {
    await client().listScripts(account());
    const journal = await t.sb.admin('GET', '/requests');
    const [last] = journal.body.requests as { requestHeaders: Record<string, string>; requestBody: string }[];
    expect(last!.requestHeaders.soapaction).toBeUndefined();
    expect(last!.requestBody).toMatch(
      /<ns:listScripts><arg1><internalId>\d+<\/internalId><type>Account<\/type><\/arg1><\/ns:listScripts>/,
    );
    expect(last!.requestBody).not.toContain(t.sb.section.password);
  });
});
