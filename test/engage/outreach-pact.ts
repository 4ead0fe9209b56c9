import { describe, expect, it } from 'vitest';
import { FIRST_ID } from '../../simulators/engage/fixtures.ts';
import { COUNTER_NAMES } from '../../simulators/engage/outreach/model.ts';
import { type ConsumerPact, FRESH_SANDBOX as FRESH } from '../helpers/pact.ts';
import {
  CAMPAIGN,
  LIST,
  account,
  campaignRef,
  clientFor,
  varying,
  orgArg,
  outreachMatchers as matchers,
  ownerRef,
  reply,
  request,
  xml,
} from './pact-xml.ts';

/**
 * The happy paths of the sub-campaign lifecycle through the reference client (issue 11's key part-2 methods): objects
 * come from the Engage provider states (simulators/engage/states.ts), named by externalId with their campaign; ids
 * and dates the provider assigns are matchers, counters digits, everything else exact. Counters are name/value
 * `attributes`, on the state and on each pass state, as a real client reads SubCampaignState (vendor-docs README).
 */
/**
 * previewPacing names a sub-campaign by internalId only: the one the provider state makes in a fresh sandbox (ids
 * are handed out in order, the clock is frozen). Pact writes no provider-state generator into an XML body
 * (`fromProviderState` becomes a bare type matcher), so the state's `subCampaignId` cannot be injected.
 */
const STATE_SUB_CAMPAIGN_ID = '1000536';
const SCRIPT = String(FIRST_ID + 2);
const AGENT_GROUP = String(FIRST_ID + 12);
const PASS = `<pacing>100</pacing><pacingPriority>1</pacingPriority><contactsPerMinute>10</contactsPerMinute><leaveMessage>false</leaveMessage>`;
const running = (name: string) => ({ given: 'sub-campaign {name} is running', params: { name } });
const byName = (name: string) =>
  `<externalId>${name}</externalId><campaign><internalId>${CAMPAIGN}</internalId></campaign>`;

/** The sub-campaign part of a state, as the provider state makes it: Outbound, one default pass. */
const subCampaign = (name: string, extra = '') => `
  <subCampaign><internalId>{ID}</internalId><externalId>${name}</externalId>
    ${varying(['createdDate', 'startTime'])}
    ${campaignRef}${ownerRef}<list><internalId>${LIST}</internalId><externalId>Overdue Accounts</externalId></list>
    <type>Outbound</type><intensity>100</intensity><passes><name>Pass 1</name><channel>1</channel>${PASS}</passes>${extra}
  </subCampaign>`;
/** A SubCampaignState: counters and dates as attributes, the sub-campaign, its state, one pass state per pass. */
const subCampaignState = (name: string, state: string, dates = ['fromDate']) =>
  `<data>${varying([...COUNTER_NAMES, ...dates])}${subCampaign(name)}<state>${state}</state>
    <passStates>${varying(COUNTER_NAMES)}<pass><name>Pass 1</name><channel>1</channel></pass><state>${state}</state></passStates></data>`;

export function subCampaignInteractions(pact: ConsumerPact): void {
  describe('sub-campaign lifecycle (part 2)', () => {
    it('createSubCampaign answers the sub-campaign with its list, script, passes and agent groups', async () => {
      await pact.verify(
        {
          given: FRESH,
          uponReceiving: 'a createSubCampaign call',
          withRequest: request(
            'createSubCampaign',
            xml(`<arg1>${byName('Pact Outreach')}<agentGroups><internalId>${AGENT_GROUP}</internalId></agentGroups>
              <passes><name>Texts</name><channel>3</channel><contactsPerMinute>20</contactsPerMinute></passes></arg1>
              <arg2><internalId>${LIST}</internalId></arg2><arg3><internalId>${SCRIPT}</internalId></arg3>${orgArg(4)}`),
          ),
          willRespondWith: reply(
            'createSubCampaign',
            xml(
              `<data><internalId>{ID}</internalId><externalId>Pact Outreach</externalId>
                ${varying(['createdDate', 'startTime'])}
                ${campaignRef}${ownerRef}<list><internalId>${LIST}</internalId><externalId>Overdue Accounts</externalId></list>
                <script><internalId>${SCRIPT}</internalId><externalId>Template 1</externalId></script>
                <type>Outbound</type><intensity>100</intensity>
                <passes><name>Texts</name><channel>3</channel><pacing>100</pacing><pacingPriority>1</pacingPriority>
                  <contactsPerMinute>20</contactsPerMinute><leaveMessage>false</leaveMessage></passes>
                <agentGroups><internalId>${AGENT_GROUP}</internalId><externalId>Collections Agents</externalId></agentGroups></data>`,
              matchers,
            ),
          ),
        },
        async (server) => {
          const sub = await clientFor(server).createSubCampaign(
            {
              externalId: 'Pact Outreach',
              campaign: { internalId: CAMPAIGN },
              agentGroups: [{ internalId: AGENT_GROUP }],
              passes: [{ name: 'Texts', channel: '3', contactsPerMinute: '20' }],
            },
            { internalId: LIST },
            { internalId: SCRIPT },
            account,
          );
          expect(sub).toMatchObject({ externalId: 'Pact Outreach', type: 'Outbound', script: { internalId: SCRIPT } });
        },
      );
    });

    it('showSubCampaignState answers the state, its counters and one pass state per pass', async () => {
      await pact.verify(
        {
          ...running('Pact Drive'),
          uponReceiving: 'a showSubCampaignState call for a running sub-campaign',
          withRequest: request('showSubCampaignState', xml(`<arg1>${byName('Pact Drive')}</arg1>`)),
          willRespondWith: reply('showSubCampaignState', xml(subCampaignState('Pact Drive', 'Running'), matchers)),
        },
        async (server) => {
          const state = await clientFor(server).showSubCampaignState({
            externalId: 'Pact Drive',
            campaign: { internalId: CAMPAIGN },
          });
          expect(state.state).toBe('Running');
          expect(state.attributes?.map((a) => a.name)).toEqual([...COUNTER_NAMES, 'fromDate']);
          expect(state.passStates?.[0]).toMatchObject({ state: 'Running', pass: { name: 'Pass 1' } });
        },
      );
    });

    it('listSubCampaignStates answers the Done states whose name holds the sample text', async () => {
      await pact.verify(
        {
          given: FRESH,
          uponReceiving: 'a listSubCampaignStates call for Done sub-campaigns named like "reminders"',
          withRequest: request(
            'listSubCampaignStates',
            xml(
              `${orgArg(1)}<arg2><subCampaign><externalId>reminders</externalId></subCampaign><state>Done</state></arg2>`,
            ),
          ),
          willRespondWith: reply(
            'listSubCampaignStates',
            xml(subCampaignState('Completed Reminders', 'Done', ['fromDate', 'toDate']), matchers),
          ),
        },
        async (server) => {
          const states = await clientFor(server).listSubCampaignStates(account, {
            subCampaign: { externalId: 'reminders' },
            state: 'Done',
          });
          expect(states.map((s) => [s.subCampaign?.externalId, s.state])).toEqual([['Completed Reminders', 'Done']]);
        },
      );
    });

    it('changeSubCampaignState pauses a running sub-campaign and its passes', async () => {
      await pact.verify(
        {
          ...running('Pact Drive'),
          uponReceiving: 'a changeSubCampaignState call pausing a running sub-campaign',
          withRequest: request(
            'changeSubCampaignState',
            xml(`<arg1><subCampaign>${byName('Pact Drive')}</subCampaign><state>Paused</state></arg1>`),
          ),
          willRespondWith: reply('changeSubCampaignState', xml(subCampaignState('Pact Drive', 'Paused'), matchers)),
        },
        async (server) => {
          const paused = await clientFor(server).changeSubCampaignState({
            subCampaign: { externalId: 'Pact Drive', campaign: { internalId: CAMPAIGN } },
            state: 'Paused',
          });
          expect(paused.state).toBe('Paused');
          expect(paused.passStates?.map((p) => p.state)).toEqual(['Paused']);
        },
      );
    });

    it('previewPacing answers each pass’s contacts a minute at the intensity asked', async () => {
      await pact.verify(
        {
          ...running('Pact Drive'),
          uponReceiving: 'a previewPacing call for a running sub-campaign at half intensity',
          withRequest: request(
            'previewPacing',
            xml(`<arg1><internalId>${STATE_SUB_CAMPAIGN_ID}</internalId><intensity>50</intensity></arg1>`),
          ),
          willRespondWith: reply(
            'previewPacing',
            xml(
              `<data>${varying(['pendingCount', 'estimatedMinutes'])}
                <attributes><name>contactsPerMinuteExact</name><value>5</value></attributes>
                <subCampaign><internalId>{ID}</internalId><externalId>Pact Drive</externalId></subCampaign>
                <pass><name>Pass 1</name><channel>1</channel>${PASS}</pass>
                <contactsPerMinute>5</contactsPerMinute><pacing>100</pacing></data>`,
              matchers,
            ),
          ),
        },
        async (server) => {
          const [pacing] = await clientFor(server).previewPacing([
            { internalId: STATE_SUB_CAMPAIGN_ID, intensity: '50' },
          ]);
          // 10 a minute at 50 % intensity.
          expect(pacing).toMatchObject({ contactsPerMinute: '5', pass: { name: 'Pass 1' } });
        },
      );
    });
  });
}
