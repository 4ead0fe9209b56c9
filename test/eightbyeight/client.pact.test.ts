import { MatchersV3, type V3MockServer, XmlBuilder } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { EightByEightClient, EightByEightHttpError } from '../../src/clients/eightbyeight/index.ts';
import {
  FRESH_SANDBOX as FRESH,
  JSON_CONTENT_TYPE,
  XML_CONTENT_TYPE,
  basicAuth,
  consumerPact,
  rejectionOf,
} from '../helpers/pact.ts';

/**
 * Pact consumer tests of the reference client. Requests use the default sandbox's fixed credentials (tenant
 * `bocdemo` on `na12`) so the provider test can verify them against a simulator's default sandbox; provider states
 * are named here and set up there through the admin API only (test/eightbyeight/eightbyeight.provider.test.ts).
 */
const { like, eachLike, integer, regex } = MatchersV3;
/** A campaign time as 8x8's status page shows it (`2022-10-17T22:31:02+01:00`). */
const CAMPAIGN_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

const USERNAME = 'bocdemo';
const ACTION_TOKEN = 'demo-action-request-token';
const DATA_TOKEN = 'demo-data-request-token';
const BASE = '/eightbyeight/vcc-na12';
const ACTION = { Authorization: basicAuth(USERNAME, ACTION_TOKEN) };
const DATA = { Authorization: basicAuth(USERNAME, DATA_TOKEN) };
const JSON_REQUEST = { ...ACTION, 'Content-Type': 'application/json' };

const RUNNING = 125;
const STOPPED = 127;
/** A CRM customer with a known phone, and one that a provider state puts into the running campaign. */
const FRESH_CUSTOMER = 10_000_100;
const EXISTING = { customerId: 70_000_001, phone: '5551234567', campaignId: RUNNING };

/** Provider states besides FRESH (the provider test has a handler for each). */
const IN_CAMPAIGN = 'a customer with a known phone is in a campaign';

const pact = consumerPact('campaign-sim-eightbyeight-client', 'eightbyeight-simulator');

const clientFor = (
  server: V3MockServer,
  dataToken = DATA_TOKEN,
  options: Partial<ConstructorParameters<typeof EightByEightClient>[0]> = {},
) =>
  new EightByEightClient({
    baseUrl: `${server.url}${BASE}`,
    username: USERNAME,
    actionToken: ACTION_TOKEN,
    dataToken,
    retry: { retries: 0 },
    ...options,
  });

/** A request below the platform's base path; the headers carry the token the call needs. */
const api = (
  method: string,
  path: string,
  headers: Record<string, string>,
  extra: { query?: Record<string, string>; body?: unknown } = {},
) => ({ method, path: `${BASE}${path}`, headers, ...extra });
/** A write (add, status change): JSON with the Action Request Token. */
const write = (path: string, body: unknown) => api('POST', path, JSON_REQUEST, { body });
const json = (body: unknown, status = 200) => ({ status, headers: JSON_CONTENT_TYPE, body });
const error = (status: number, message: string) => json({ 'http-status': status, message }, status);

describe('add records (HTTP 207)', () => {
  it('returns a per-record outcome for a mixed batch, in request order', async () => {
    await pact.verify(
      {
        given: IN_CAMPAIGN,
        params: EXISTING,
        uponReceiving: 'a mixed batch of records for a running dynamic campaign',
        withRequest: write(`/api/tstats/campaigns/${RUNNING}/customers`, [
          { 'customer-id': FRESH_CUSTOMER, 'schedule-date-time': '2024-03-02T09:00:00.000Z' },
          { 'customer-id': EXISTING.customerId },
          { 'customer-id': 9 },
          { 'customer-id': null },
          { 'customer-id': FRESH_CUSTOMER + 1, 'schedule-date-time': '2016-08-29T 09:00:00.000Z' },
          { 'customer-id': FRESH_CUSTOMER + 2, 'schedule-date-time': '2016-08-29T09:00:00.000Z' },
        ]),
        willRespondWith: json(
          [
            { 'customer-id': FRESH_CUSTOMER, 'schedule-date-time': '2024-03-02T09:00:00.000Z', 'http-status': 200 },
            { 'customer-id': EXISTING.customerId, 'http-status': 400, message: 'Duplicate customer' },
            { 'customer-id': 9, 'http-status': 404, message: 'The customer-id has not been found.' },
            { 'customer-id': null, 'http-status': 400, message: 'Invalid customer-id' },
            {
              'customer-id': FRESH_CUSTOMER + 1,
              'schedule-date-time': '2016-08-29T 09:00:00.000Z',
              'http-status': 400,
              message: 'Invalid schedule-date-time format - please use ISO 8601 format',
            },
            {
              'customer-id': FRESH_CUSTOMER + 2,
              'schedule-date-time': '2016-08-29T09:00:00.000Z',
              'http-status': 400,
              message: 'The subject schedule-date-time is in the past.',
            },
          ],
          207,
        ),
      },
      async (server) => {
        const result = await clientFor(server).addRecords(RUNNING, [
          { customerId: FRESH_CUSTOMER, scheduleDateTime: new Date('2024-03-02T09:00:00.000Z') },
          { customerId: EXISTING.customerId },
          { customerId: 9 },
          { customerId: null as unknown as number },
          { customerId: FRESH_CUSTOMER + 1, scheduleDateTime: '2016-08-29T 09:00:00.000Z' },
          { customerId: FRESH_CUSTOMER + 2, scheduleDateTime: '2016-08-29T09:00:00.000Z' },
        ]);
        expect(result.outcomes.map((o) => o.kind)).toEqual([
          'added',
          'duplicate',
          'customerNotFound',
          'invalidCustomerId',
          'invalidScheduleFormat',
          'scheduleInPast',
        ]);
      },
    );
  });

  it('refuses a stopped campaign as a whole', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'records for a stopped campaign',
        withRequest: write(`/api/tstats/campaigns/${STOPPED}/customers`, [{ 'customer-id': FRESH_CUSTOMER }]),
        willRespondWith: error(400, 'The campaign has stopped. No additional customers can be added.'),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server).addRecords(STOPPED, [{ customerId: FRESH_CUSTOMER }]));
        expect(err).toBeInstanceOf(EightByEightHttpError);
        expect(err).toMatchObject({ status: 400, code: 'campaignStopped' });
      },
    );
  });

  it('refuses an unknown campaign with 404', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'records for an unknown campaign',
        withRequest: write('/api/tstats/campaigns/4242/customers', [{ 'customer-id': FRESH_CUSTOMER }]),
        willRespondWith: error(404, 'The campaign cannot be found.'),
      },
      async (server) => {
        await expect(clientFor(server).addRecords(4242, [{ customerId: FRESH_CUSTOMER }])).rejects.toMatchObject({
          code: 'campaignNotFound',
        });
      },
    );
  });
});

describe('view records', () => {
  it('lists records as JSON (records.json)', async () => {
    await pact.verify(
      {
        given: IN_CAMPAIGN,
        params: EXISTING,
        uponReceiving: 'a request for the records of a campaign as JSON',
        withRequest: api('GET', `/api/stats/campaigns/${RUNNING}/records.json`, DATA),
        willRespondWith: json({
          records: {
            record: eachLike({
              'campaign-name': like('BOC Admin Demo'),
              'campaign-id': RUNNING,
              'record-id': EXISTING.customerId, // the customer's ACCOUNTNUM
              'phone-list': `*Phone Number|${EXISTING.phone}`,
              status: integer(1),
              'status-code': integer(0),
              'ext-trans-data': like(''),
              'disposition-code': integer(1000),
            }),
          },
        }),
      },
      async (server) => {
        const records = await clientFor(server).listRecords(RUNNING);
        expect(records[0]!['phone-list']).toBe(`*Phone Number|${EXISTING.phone}`);
      },
    );
  });

  it('lists records as XML (/records) filtered by phone-list', async () => {
    const xml = new XmlBuilder('1.0', 'UTF-8', 'records').build((records) => {
      records.eachLike('record', new Map(), (record) => {
        record.appendElement('campaign-name', new Map(), like('BOC Admin Demo'));
        record.appendElement('campaign-id', new Map(), String(RUNNING));
        record.appendElement('record-id', new Map(), String(EXISTING.customerId)); // the ACCOUNTNUM
        record.appendElement('phone-list', new Map(), `*Phone Number|${EXISTING.phone}`);
        record.appendElement('status', new Map(), regex(/^[0-4]$/, '1'));
        record.appendElement('status-code', new Map(), regex(/^[0-4]$/, '0'));
        record.appendElement('ext-trans-data', new Map(), like(''));
        record.appendElement('disposition-code', new Map(), regex(/^100[0-2]$/, '1000'));
      });
    });
    await pact.verify(
      {
        given: IN_CAMPAIGN,
        params: EXISTING,
        uponReceiving: 'a request for the records of one phone number as XML',
        withRequest: api('GET', `/api/stats/campaigns/${RUNNING}/records`, DATA, {
          query: { 'phone-list': `*Contact Number|${EXISTING.phone}` },
        }),
        willRespondWith: { status: 200, headers: XML_CONTENT_TYPE, body: xml },
      },
      async (server) => {
        const records = await clientFor(server).listRecordsXml(RUNNING, { phone: EXISTING.phone });
        expect(records).toHaveLength(1);
        expect(records[0]!['campaign-id']).toBe(RUNNING);
        expect(records[0]!['record-id']).toBe(EXISTING.customerId);
      },
    );
  });
});

describe('delete a record', () => {
  it('removes a customer from a campaign (204)', async () => {
    await pact.verify(
      {
        given: IN_CAMPAIGN,
        params: EXISTING,
        uponReceiving: 'a delete of a customer in the campaign',
        withRequest: api('DELETE', `/api/tstats/campaigns/${RUNNING}/customers/${EXISTING.customerId}`, DATA),
        willRespondWith: { status: 204 },
      },
      async (server) => {
        await clientFor(server).deleteRecord(RUNNING, EXISTING.customerId);
      },
    );
  });

  it("removes it with the Action Request Token as 8x8's OpenAPI says (either token is accepted)", async () => {
    await pact.verify(
      {
        given: IN_CAMPAIGN,
        params: EXISTING,
        uponReceiving: 'a delete of a customer in the campaign with the action token',
        withRequest: api('DELETE', `/api/tstats/campaigns/${RUNNING}/customers/${EXISTING.customerId}`, ACTION),
        willRespondWith: { status: 204 },
      },
      async (server) => {
        await clientFor(server, DATA_TOKEN, { deleteToken: 'action' }).deleteRecord(RUNNING, EXISTING.customerId);
      },
    );
  });

  it('refuses a delete in a stopped campaign (400)', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a delete of a customer in a stopped campaign',
        withRequest: api('DELETE', `/api/tstats/campaigns/${STOPPED}/customers/10000000`, DATA),
        willRespondWith: error(400, 'The campaign has stopped. No customers can be deleted.'),
      },
      async (server) => {
        await expect(clientFor(server).deleteRecord(STOPPED, 10000000)).rejects.toMatchObject({
          status: 400,
          code: 'campaignStopped',
        });
      },
    );
  });

  it('reports a customer that is not in the campaign (404)', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a delete of a customer not in the campaign',
        withRequest: api('DELETE', `/api/tstats/campaigns/${RUNNING}/customers/10000999`, DATA),
        willRespondWith: error(404, 'The customer has not been located.'),
      },
      async (server) => {
        await expect(clientFor(server).deleteRecord(RUNNING, 10000999)).rejects.toMatchObject({
          code: 'customerNotLocated',
        });
      },
    );
  });
});

describe('campaign status', () => {
  it('reads the campaign object', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a request for a campaign',
        withRequest: api('GET', `/api/stats/campaigns/${RUNNING}.json`, DATA),
        willRespondWith: json({
          campaign: {
            'campaign-name': like('BOC Admin Demo'),
            'campaign-id': RUNNING,
            enabled: 'Y',
            status: 3,
            'no-of-records': integer(0),
            'caller-id': integer(5550100125),
            'queue-id': integer(100),
            'start-time': regex(CAMPAIGN_TIME, '2024-02-28T19:00:00-05:00'),
            'end-time': regex(CAMPAIGN_TIME, '2024-03-05T19:00:00-05:00'),
            'actual-run-time': regex(CAMPAIGN_TIME, '2024-02-28T19:00:00-05:00'),
            'actual-stop-time': like(''),
            'daily-start-time': like('08:00'),
            'daily-end-time': like('20:00'),
            'retry-interval': integer(60),
            'max-retry': integer(3),
            'abandon-max-retry': '',
            'max-ring-time': integer(30),
            'integration-type': like('Dynamic'),
            'calling-window': integer(2),
            'schedule-name': like('Always'),
            timezone: like('EST5EST'),
            'dynamic-campaign': 'Y',
            sequential: like('N'),
          },
        }),
      },
      async (server) => {
        const campaign = await clientFor(server).getCampaign(RUNNING);
        expect(campaign.status).toBe(3);
      },
    );
  });

  it('pauses a running campaign', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a request to pause a running campaign',
        withRequest: write(`/api/tstats/campaigns/${RUNNING}`, { status: 'PAUSED' }),
        willRespondWith: json({ message: 'Campaign status changed.' }),
      },
      async (server) => {
        expect(await clientFor(server).setCampaignStatus(RUNNING, 'PAUSED')).toBe('Campaign status changed.');
      },
    );
  });

  it("pauses a running campaign by PATCH with the Data Request Token (8x8's OpenAPI method, status page token)", async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a PATCH to pause a running campaign with the data token',
        withRequest: api(
          'PATCH',
          `/api/tstats/campaigns/${RUNNING}`,
          { ...DATA, 'Content-Type': 'application/json' },
          {
            body: { status: 'PAUSED' },
          },
        ),
        willRespondWith: json({ message: 'Campaign status changed.' }),
      },
      async (server) => {
        const client = clientFor(server, DATA_TOKEN, { statusMethod: 'PATCH', statusToken: 'data' });
        expect(await client.setCampaignStatus(RUNNING, 'PAUSED')).toBe('Campaign status changed.');
      },
    );
  });

  it.each([
    ['a move the state diagram lacks (Running → Purged)', 'a request to purge a running campaign', RUNNING, 'PURGED'],
    ['to restart a stopped campaign', 'a request to run a stopped campaign', STOPPED, 'RUNNING'],
  ] as const)('refuses %s', async (_name, uponReceiving, campaignId, status) => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving,
        withRequest: write(`/api/tstats/campaigns/${campaignId}`, { status }),
        willRespondWith: error(400, 'Invalid state transition'),
      },
      async (server) => {
        await expect(clientFor(server).setCampaignStatus(campaignId, status)).rejects.toMatchObject({
          code: 'invalidStateTransition',
        });
      },
    );
  });

  it('refuses a read with the Action Request Token (401)', async () => {
    const refused = error(401, 'This call requires the Data Request Token.');
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a campaign read with the action token',
        withRequest: api('GET', `/api/stats/campaigns/${RUNNING}.json`, ACTION),
        willRespondWith: {
          ...refused,
          headers: { ...refused.headers, 'WWW-Authenticate': like('Basic realm="8x8 Contact Center"') },
        },
      },
      async (server) => {
        // A misconfigured client: the Action Request Token where the Data Request Token belongs.
        const misconfigured = clientFor(server, ACTION_TOKEN);
        await expect(misconfigured.getCampaign(RUNNING)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
      },
    );
  });
});
