import { afterAll, describe, expect, it } from 'vitest';
import { EngageFault } from '../../src/clients/engage/index.ts';
import { FIRST_ID } from '../../simulators/engage/fixtures.ts';
import { COUNTER_NAMES } from '../../simulators/engage/outreach/model.ts';
import { FRESH_SANDBOX as FRESH, PACT_DIR, consumerPact, rejectionOf } from '../helpers/pact.ts';
import { contactBatchInteractions } from './batch-pact.ts';
import { subCampaignInteractions } from './outreach-pact.ts';
import {
  CAMPAIGNS,
  NEXT_ID,
  NOW,
  account,
  clientFor,
  fault,
  none,
  org,
  owner,
  reply,
  request,
  rulePathsAnyNamespace,
} from './pact-xml.ts';

/**
 * Pact consumer tests of the Engage reference client, with XML bodies both ways. Requests use the default sandbox's
 * fixed credentials and ids (Enterprise 10001, its master Account 10002), so the provider test verifies them against a
 * simulator's default sandbox reset on a frozen clock (test/engage/engage.provider.test.ts).
 */
const pact = consumerPact('campaign-sim-engage-client', 'engage-simulator');
afterAll(() => rulePathsAnyNamespace(`${PACT_DIR}campaign-sim-engage-client-engage-simulator.json`));

describe('campaigns', () => {
  it('listCampaigns answers one data per campaign with startDate/endDate attributes', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a listCampaigns call for the master account',
        withRequest: request('listCampaigns', org(1)),
        willRespondWith: reply('listCampaigns', (ret) =>
          CAMPAIGNS.forEach((name, i) =>
            ret.appendElement('data', none, (d) => {
              d.appendElement('internalId', none, String(FIRST_ID + 5 + i)).appendElement('externalId', none, name);
              d.appendElement('attributes', none, (a) =>
                a.appendElement('name', none, 'startDate').appendElement('value', none, NOW),
              );
              d.appendElement('attributes', none, (a) =>
                a.appendElement('name', none, 'endDate').appendElement('value', none, '2025-05-30T10:00:00.000Z'),
              );
              owner(d);
              d.appendElement('description', none, `${name} (demo campaign)`).appendElement('createdDate', none, NOW);
            }),
          ),
        ),
      },
      async (server) => {
        const campaigns = await clientFor(server).listCampaigns(account);
        expect(campaigns.map((c) => c.externalId)).toEqual(CAMPAIGNS);
        expect(campaigns[0]!.attributes?.map((a) => a.name)).toEqual(['startDate', 'endDate']);
      },
    );
  });

  it('createCampaign answers the created campaign', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a createCampaign call',
        withRequest: request('createCampaign', (op) => {
          op.appendElement('arg1', none, (a) =>
            a.appendElement('externalId', none, 'Pact Drive').appendElement('description', none, 'from the pact'),
          );
          org(2)(op);
        }),
        willRespondWith: reply('createCampaign', (ret) =>
          ret.appendElement('data', none, (d) => {
            d.appendElement('internalId', none, NEXT_ID).appendElement('externalId', none, 'Pact Drive');
            d.appendElement('attributes', none, (a) =>
              a.appendElement('name', none, 'startDate').appendElement('value', none, NOW),
            );
            owner(d);
            d.appendElement('description', none, 'from the pact').appendElement('createdDate', none, NOW);
          }),
        ),
      },
      async (server) => {
        const made = await clientFor(server).createCampaign(
          { externalId: 'Pact Drive', description: 'from the pact' },
          account,
        );
        expect(made.externalId).toBe('Pact Drive');
      },
    );
  });

  it('showCampaign of an unknown campaign is an OBJECT_NOT_EXISTS fault', async () => {
    const message = "Referenced object 'Campaign 999999' does not exist";
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a showCampaign call for an unknown campaign',
        withRequest: request('showCampaign', (op) =>
          op.appendElement('arg1', none, (a) => a.appendElement('internalId', none, '999999')),
        ),
        willRespondWith: fault('OBJECT_NOT_EXISTS', message),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server).showCampaign({ internalId: '999999' }));
        expect(EngageFault.is(err, 'OBJECT_NOT_EXISTS')).toBe(true);
        expect((err as EngageFault).faultstring).toBe(message);
      },
    );
  });
});

describe('scripts and security', () => {
  it('createScriptUsingContent uploads base64 contents and answers the script', async () => {
    const content = Buffer.from('<vxml version="2.1"/>').toString('base64');
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a createScriptUsingContent call',
        withRequest: request('createScriptUsingContent', (op) => {
          op.appendElement('arg1', none, 'Pact Script')
            .appendElement('arg2', none, 'main.xml')
            .appendElement('arg3', none, content);
          org(4)(op);
        }),
        willRespondWith: reply('createScriptUsingContent', (ret) =>
          ret.appendElement('data', none, (d) => {
            d.appendElement('internalId', none, NEXT_ID).appendElement('externalId', none, 'Pact Script');
            owner(d);
            d.appendElement('template', none, 'false')
              .appendElement('elements', none, 'main.xml')
              .appendElement('createdDate', none, NOW);
          }),
        ),
      },
      async (server) => {
        const script = await clientFor(server).createScriptUsingContent(
          'Pact Script',
          ['main.xml'],
          [content],
          account,
        );
        expect(script).toMatchObject({ externalId: 'Pact Script', elements: ['main.xml'] });
      },
    );
  });

  it('a wrong password is a NO_SESSION fault', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a listScripts call with a wrong password',
        withRequest: request('listScripts', org(1), 'not-the-password'),
        willRespondWith: fault('NO_SESSION', 'No current session.'),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server, 'not-the-password').listScripts(account));
        expect(EngageFault.is(err, 'NO_SESSION')).toBe(true);
      },
    );
  });
});

describe('outreach (part 2)', () => {
  it('showSubCampaignStateUsingContactAttempt of a device no inbound sub-campaign holds answers the system state', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a showSubCampaignStateUsingContactAttempt call for an unknown device',
        withRequest: request('showSubCampaignStateUsingContactAttempt', (op) =>
          op.appendElement('arg1', none, (a) =>
            a
              .appendElement('secondaryDevice', none, (d) => d.appendElement('externalId', none, '+15550000000'))
              .appendElement('messageText', none, 'hello'),
          ),
        ),
        willRespondWith: reply('showSubCampaignStateUsingContactAttempt', (ret) =>
          ret.appendElement('data', none, (d) => {
            for (const name of COUNTER_NAMES) {
              d.appendElement('attributes', none, (a) =>
                a.appendElement('name', none, name).appendElement('value', none, '0'),
              );
            }
            d.appendElement('subCampaign', none, (s) =>
              s
                .appendElement('internalId', none, '0')
                .appendElement('externalId', none, 'System')
                .appendElement('type', none, 'Inbound'),
            );
            d.appendElement('state', none, 'Running');
          }),
        ),
      },
      async (server) => {
        const state = await clientFor(server).showSubCampaignStateUsingContactAttempt({
          secondaryDevice: { externalId: '+15550000000' },
          messageText: 'hello',
        });
        expect(state).toMatchObject({ state: 'Running', subCampaign: { externalId: 'System' } });
      },
    );
  });

  it('showSubCampaignState of an unknown sub-campaign is an OBJECT_NOT_EXISTS fault', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a showSubCampaignState call for an unknown sub-campaign',
        withRequest: request('showSubCampaignState', (op) =>
          op.appendElement('arg1', none, (a) => a.appendElement('internalId', none, '999999999')),
        ),
        willRespondWith: fault('OBJECT_NOT_EXISTS', "Referenced object '999999999' does not exist"),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server).showSubCampaignState({ internalId: '999999999' }));
        expect(EngageFault.is(err, 'OBJECT_NOT_EXISTS')).toBe(true);
      },
    );
  });

  it('createSubCampaignUsingInboundDevice with a script that needs an agent group, given none, is INBOUND_SKILLGROUP_REQUIRED', async () => {
    // The default sandbox's Template 1 (FIRST_ID + 2) requires a Standard agent group; Collections Q1 is FIRST_ID + 5.
    const script = String(FIRST_ID + 2);
    const campaign = String(FIRST_ID + 5);
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a createSubCampaignUsingInboundDevice call without the agent group its script needs',
        withRequest: request('createSubCampaignUsingInboundDevice', (op) => {
          op.appendElement('arg1', none, (a) =>
            a
              .appendElement('externalId', none, 'Callback line')
              .appendElement('campaign', none, (c) => c.appendElement('internalId', none, campaign)),
          );
          op.appendElement('arg2', none, (a) => a.appendElement('internalId', none, script));
          org(3)(op);
          op.appendElement('arg4', none, (a) =>
            a.appendElement('externalId', none, '+16175550199').appendElement('inboundDeviceType', none, 'LongCode'),
          );
        }),
        willRespondWith: fault('INBOUND_SKILLGROUP_REQUIRED', 'This script requires an Agent Group.'),
      },
      async (server) => {
        const err = await rejectionOf(
          clientFor(server).createSubCampaignUsingInboundDevice(
            { externalId: 'Callback line', campaign: { internalId: campaign } },
            { internalId: script },
            account,
            { externalId: '+16175550199', inboundDeviceType: 'LongCode' },
          ),
        );
        expect(EngageFault.is(err, 'INBOUND_SKILLGROUP_REQUIRED')).toBe(true);
      },
    );
  });

  it('changeContactBatchState to anything but Cancelled is an ARG_INVALID_TYPE fault', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a changeContactBatchState call asking for Running',
        withRequest: request('changeContactBatchState', (op) =>
          op.appendElement('arg1', none, (a) =>
            a
              .appendElement('contactBatch', none, (b) => b.appendElement('externalId', none, 'Seeded batch'))
              .appendElement('state', none, 'Running'),
          ),
        ),
        willRespondWith: fault('ARG_INVALID_TYPE', "Argument is of invalid type 'state Running'"),
      },
      async (server) => {
        const err = await rejectionOf(
          clientFor(server).changeContactBatchState({ contactBatch: { externalId: 'Seeded batch' }, state: 'Running' }),
        );
        expect(EngageFault.is(err, 'ARG_INVALID_TYPE')).toBe(true);
      },
    );
  });
});

subCampaignInteractions(pact);
contactBatchInteractions(pact);
