import { describe, expect, it } from 'vitest';
import { FIRST_ID } from '../../simulators/engage/fixtures.ts';
import { COUNTER_NAMES } from '../../simulators/engage/outreach/model.ts';
import { type ConsumerPact, FRESH_SANDBOX as FRESH } from '../helpers/pact.ts';
import {
  ACCOUNT,
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
 * The happy paths of contact batches and their attempts through the reference client: a batch created with the
 * documented defaults (the account's first campaign and outreach strategy, start now), one from the provider state
 * "contact batch {externalId} exists" shown and cancelled, and the attempt of a contact after the clock advanced
 * ("contact {externalId} has been attempted").
 */
const STRATEGY = `<outreachStrategy><internalId>${FIRST_ID + 8}</internalId><externalId>Voice then Text</externalId></outreachStrategy>`;
const exists = (externalId: string) => ({ given: 'contact batch {externalId} exists', params: { externalId } });
/** A ContactBatch as answered: defaults filled in, `maxDuration` as given (the provider state's: 12 hours). */
const contactBatch = (name: string, maxDuration: string) =>
  `<internalId>{ID}</internalId><externalId>${name}</externalId>${campaignRef}${STRATEGY}${ownerRef}
   <requestedStartTime>{DATE}</requestedStartTime><maxDuration>${maxDuration}</maxDuration>`;
const batchState = (state: string) =>
  `<data>${varying(COUNTER_NAMES)}<contactBatch>${contactBatch('Pact batch', '720')}</contactBatch><state>${state}</state></data>`;

export function contactBatchInteractions(pact: ConsumerPact): void {
  describe('contact batches and attempts (part 2)', () => {
    it('createContactBatch answers the batch with its documented defaults', async () => {
      await pact.verify(
        {
          given: FRESH,
          uponReceiving: 'a createContactBatch call with one contact and no campaign',
          withRequest: request(
            'createContactBatch',
            xml(`<arg1><externalId>Pact batch</externalId><owner><internalId>${ACCOUNT}</internalId><type>Account</type></owner>
              <maxDuration>60</maxDuration></arg1>
              <arg2><externalId>PB-1</externalId><devices><externalId>+13035550101</externalId></devices></arg2>`),
          ),
          willRespondWith: reply(
            'createContactBatch',
            xml(`<data>${contactBatch('Pact batch', '60')}</data>`, matchers),
          ),
        },
        async (server) => {
          const batch = await clientFor(server).createContactBatch(
            { externalId: 'Pact batch', owner: account, maxDuration: '60' },
            [{ externalId: 'PB-1', devices: [{ externalId: '+13035550101' }] }],
          );
          expect(batch).toMatchObject({ externalId: 'Pact batch', campaign: { externalId: 'Collections Q1' } });
        },
      );
    });

    it('showContactBatchState answers the batch, its state and its counters', async () => {
      await pact.verify(
        {
          ...exists('Pact batch'),
          uponReceiving: 'a showContactBatchState call for a running batch',
          withRequest: request('showContactBatchState', xml('<arg1><externalId>Pact batch</externalId></arg1>')),
          willRespondWith: reply('showContactBatchState', xml(batchState('Running'), matchers)),
        },
        async (server) => {
          const state = await clientFor(server).showContactBatchState({ externalId: 'Pact batch' });
          expect(state.state).toBe('Running');
          expect(state.attributes?.map((a) => a.name)).toEqual([...COUNTER_NAMES]);
        },
      );
    });

    it('changeContactBatchState cancels a running batch', async () => {
      await pact.verify(
        {
          ...exists('Pact batch'),
          uponReceiving: 'a changeContactBatchState call cancelling a running batch',
          withRequest: request(
            'changeContactBatchState',
            xml(
              '<arg1><contactBatch><externalId>Pact batch</externalId></contactBatch><state>Cancelled</state></arg1>',
            ),
          ),
          willRespondWith: reply('changeContactBatchState', xml(batchState('Cancelled'), matchers)),
        },
        async (server) => {
          const cancelled = await clientFor(server).changeContactBatchState({
            contactBatch: { externalId: 'Pact batch' },
            state: 'Cancelled',
          });
          expect(cancelled.state).toBe('Cancelled');
        },
      );
    });

    it('listContactAttempts answers the attempts of a contact once the clock moved past them', async () => {
      const attempts = 'Attempts of PACT-1';
      await pact.verify(
        {
          given: 'contact {externalId} has been attempted',
          params: { externalId: 'PACT-1' },
          uponReceiving: 'a listContactAttempts call for an attempted contact',
          withRequest: request(
            'listContactAttempts',
            xml(`${orgArg(1)}<arg2><contact><externalId>PACT-1</externalId></contact></arg2>`),
          ),
          willRespondWith: reply(
            'listContactAttempts',
            xml(
              `<data><internalId>{ID}</internalId><attributes><name>pass</name><value>1</value></attributes>
                <contact><internalId>{ID}</internalId><externalId>PACT-1</externalId>
                  <devices><externalId>+15550100001</externalId><createdDate>{DATE}</createdDate><updatedDate>{DATE}</updatedDate></devices>
                </contact>
                <device><externalId>+15550100001</externalId></device>
                <subCampaign><internalId>{ID}</internalId><externalId>${attempts}</externalId></subCampaign>
                <contactBatch><internalId>{ID}</internalId><externalId>${attempts}</externalId></contactBatch>
                <outcome>Delivered</outcome><startTime>{DATE}</startTime></data>`,
              matchers,
            ),
          ),
        },
        async (server) => {
          const [attempt, ...more] = await clientFor(server).listContactAttempts(account, {
            contact: { externalId: 'PACT-1' },
          });
          expect(more).toEqual([]);
          expect(attempt).toMatchObject({ contact: { externalId: 'PACT-1' }, outcome: 'Delivered' });
        },
      );
    });
  });
}
