import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV3, type V3MockServer, XmlBuilder } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { EightByEightClient, EightByEightHttpError } from '../../src/clients/eightbyeight/index.ts';

/**
 * Pact consumer tests of the reference client. Requests use the default sandbox's fixed credentials (tenant
 * `bocdemo` on `na12`) so the provider test can verify them against a simulator's default sandbox; provider states
 * are named here and set up there through the admin API only (test/eightbyeight/eightbyeight.provider.test.ts).
 */
const { like, eachLike, integer, regex } = MatchersV3;

const PACT_DIR = fileURLToPath(new URL('../../contracts/pacts/', import.meta.url));
const CONSUMER = 'campaign-sim-eightbyeight-client';
const PROVIDER = 'eightbyeight-simulator';

const USERNAME = 'bocdemo';
const ACTION_TOKEN = 'demo-action-request-token';
const DATA_TOKEN = 'demo-data-request-token';
const BASE = '/eightbyeight/vcc-na12';
const basic = (token: string) => `Basic ${Buffer.from(`${USERNAME}:${token}`).toString('base64')}`;
const ACTION = { Authorization: basic(ACTION_TOKEN) };
const DATA = { Authorization: basic(DATA_TOKEN) };
const JSON_REQUEST = { ...ACTION, 'Content-Type': 'application/json' };
const JSON_RESPONSE = { 'Content-Type': regex(/^application\/json(;.*)?$/, 'application/json; charset=utf-8') };
const XML_RESPONSE = { 'Content-Type': regex(/^application\/xml(;.*)?$/, 'application/xml; charset=utf-8') };

const RUNNING = 125;
const STOPPED = 127;
/** A CRM customer with a known phone, and one that a provider state puts into the running campaign. */
const FRESH_CUSTOMER = 10_000_100;
const EXISTING = { customerId: 70_000_001, phone: '5551234567', campaignId: RUNNING };

/** Provider states (the provider test has a handler for each). */
const FRESH = 'the default sandbox is fresh';
const IN_CAMPAIGN = 'a customer with a known phone is in a campaign';

const pact = new PactV3({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'warn' });

const clientFor = (server: V3MockServer) =>
  new EightByEightClient({
    baseUrl: `${server.url}${BASE}`,
    username: USERNAME,
    actionToken: ACTION_TOKEN,
    dataToken: DATA_TOKEN,
    retry: { retries: 0 },
  });

const error = (status: number, message: string) => ({ 'http-status': status, message });

beforeAll(() => {
  // Interactions merge into an existing file: start from nothing so a removed interaction leaves the contract.
  rmSync(`${PACT_DIR}/${CONSUMER}-${PROVIDER}.json`, { force: true });
});

describe('add records (HTTP 207)', () => {
  it('returns a per-record outcome for a mixed batch, in request order', async () => {
    pact
      .given(IN_CAMPAIGN, EXISTING)
      .uponReceiving('a mixed batch of records for a running dynamic campaign')
      .withRequest({
        method: 'POST',
        path: `${BASE}/api/tstats/campaigns/${RUNNING}/customers`,
        headers: JSON_REQUEST,
        body: [
          { 'customer-id': FRESH_CUSTOMER, 'schedule-date-time': '2024-03-02T09:00:00.000Z' },
          { 'customer-id': EXISTING.customerId },
          { 'customer-id': 9 },
          { 'customer-id': null },
          { 'customer-id': FRESH_CUSTOMER + 1, 'schedule-date-time': '2016-08-29T 09:00:00.000Z' },
          { 'customer-id': FRESH_CUSTOMER + 2, 'schedule-date-time': '2016-08-29T09:00:00.000Z' },
        ],
      })
      .willRespondWith({
        status: 207,
        headers: JSON_RESPONSE,
        body: [
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
      });
    await pact.executeTest(async (server) => {
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
    });
  });

  it('refuses a stopped campaign as a whole', async () => {
    pact
      .given(FRESH)
      .uponReceiving('records for a stopped campaign')
      .withRequest({
        method: 'POST',
        path: `${BASE}/api/tstats/campaigns/${STOPPED}/customers`,
        headers: JSON_REQUEST,
        body: [{ 'customer-id': FRESH_CUSTOMER }],
      })
      .willRespondWith({
        status: 400,
        headers: JSON_RESPONSE,
        body: error(400, 'The campaign has stopped. No additional customers can be added.'),
      });
    await pact.executeTest(async (server) => {
      const err = await clientFor(server)
        .addRecords(STOPPED, [{ customerId: FRESH_CUSTOMER }])
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EightByEightHttpError);
      expect(err).toMatchObject({ status: 400, code: 'campaignStopped' });
    });
  });

  it('refuses an unknown campaign with 404', async () => {
    pact
      .given(FRESH)
      .uponReceiving('records for an unknown campaign')
      .withRequest({
        method: 'POST',
        path: `${BASE}/api/tstats/campaigns/4242/customers`,
        headers: JSON_REQUEST,
        body: [{ 'customer-id': FRESH_CUSTOMER }],
      })
      .willRespondWith({ status: 404, headers: JSON_RESPONSE, body: error(404, 'The campaign cannot be found.') });
    await pact.executeTest(async (server) => {
      await expect(clientFor(server).addRecords(4242, [{ customerId: FRESH_CUSTOMER }])).rejects.toMatchObject({
        code: 'campaignNotFound',
      });
    });
  });
});

describe('view records', () => {
  it('lists records as JSON (records.json)', async () => {
    pact
      .given(IN_CAMPAIGN, EXISTING)
      .uponReceiving('a request for the records of a campaign as JSON')
      .withRequest({ method: 'GET', path: `${BASE}/api/stats/campaigns/${RUNNING}/records.json`, headers: DATA })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: {
          records: {
            record: eachLike({
              'campaign-name': like('BOC Admin Demo'),
              'campaign-id': RUNNING,
              'record-id': integer(10000007),
              'phone-list': `*Phone Number|${EXISTING.phone}`,
              status: integer(1),
              'status-code': integer(0),
              'ext-trans-data': like(''),
              'disposition-code': integer(1000),
            }),
          },
        },
      });
    await pact.executeTest(async (server) => {
      const records = await clientFor(server).listRecords(RUNNING);
      expect(records[0]!['phone-list']).toBe(`*Phone Number|${EXISTING.phone}`);
    });
  });

  it('lists records as XML (/records) filtered by phone-list', async () => {
    const xml = new XmlBuilder('1.0', 'UTF-8', 'records').build((records) => {
      records.eachLike('record', new Map(), (record) => {
        record.appendElement('campaign-name', new Map(), like('BOC Admin Demo'));
        record.appendElement('campaign-id', new Map(), String(RUNNING));
        record.appendElement('record-id', new Map(), regex(/^\d+$/, '10000007'));
        record.appendElement('phone-list', new Map(), `*Phone Number|${EXISTING.phone}`);
        record.appendElement('status', new Map(), regex(/^[0-4]$/, '1'));
        record.appendElement('status-code', new Map(), regex(/^[0-4]$/, '0'));
        record.appendElement('ext-trans-data', new Map(), like(''));
        record.appendElement('disposition-code', new Map(), regex(/^100[0-2]$/, '1000'));
      });
    });
    pact
      .given(IN_CAMPAIGN, EXISTING)
      .uponReceiving('a request for the records of one phone number as XML')
      .withRequest({
        method: 'GET',
        path: `${BASE}/api/stats/campaigns/${RUNNING}/records`,
        query: { 'phone-list': `*Contact Number|${EXISTING.phone}` },
        headers: DATA,
      })
      .willRespondWith({ status: 200, headers: XML_RESPONSE, body: xml });
    await pact.executeTest(async (server) => {
      const records = await clientFor(server).listRecordsXml(RUNNING, { phone: EXISTING.phone });
      expect(records).toHaveLength(1);
      expect(records[0]!['campaign-id']).toBe(RUNNING);
    });
  });
});

describe('delete a record', () => {
  it('removes a customer from a campaign (204)', async () => {
    pact
      .given(IN_CAMPAIGN, EXISTING)
      .uponReceiving('a delete of a customer in the campaign')
      .withRequest({
        method: 'DELETE',
        path: `${BASE}/api/tstats/campaigns/${RUNNING}/customers/${EXISTING.customerId}`,
        headers: ACTION,
      })
      .willRespondWith({ status: 204 });
    await pact.executeTest(async (server) => {
      await clientFor(server).deleteRecord(RUNNING, EXISTING.customerId);
    });
  });

  it('reports a customer that is not in the campaign (404)', async () => {
    pact
      .given(FRESH)
      .uponReceiving('a delete of a customer not in the campaign')
      .withRequest({
        method: 'DELETE',
        path: `${BASE}/api/tstats/campaigns/${RUNNING}/customers/10000999`,
        headers: ACTION,
      })
      .willRespondWith({ status: 404, headers: JSON_RESPONSE, body: error(404, 'The customer has not been located.') });
    await pact.executeTest(async (server) => {
      await expect(clientFor(server).deleteRecord(RUNNING, 10000999)).rejects.toMatchObject({
        code: 'customerNotLocated',
      });
    });
  });
});

describe('campaign status', () => {
  it('reads the campaign object', async () => {
    pact
      .given(FRESH)
      .uponReceiving('a request for a campaign')
      .withRequest({ method: 'GET', path: `${BASE}/api/stats/campaigns/${RUNNING}.json`, headers: DATA })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: {
          campaign: {
            'campaign-name': like('BOC Admin Demo'),
            'campaign-id': RUNNING,
            enabled: 'Y',
            status: 3,
            'no-of-records': integer(0),
            'caller-id': like('5550100125'),
            'queue-id': integer(100),
            'start-time': like('2024-02-29T00:00:00.000Z'),
            'end-time': like('2024-03-06T00:00:00.000Z'),
            'actual-run-time': like('2024-02-29T00:00:00.000Z'),
            'actual-stop-time': like(''),
            'daily-start-time': like('08:00'),
            'daily-end-time': like('20:00'),
            'retry-interval': integer(60),
            'max-retry': integer(3),
            'abandon-max-retry': integer(1),
            'max-ring-time': integer(30),
            'integration-type': like('Dynamic'),
            'calling-window': like('Campaign'),
            'schedule-name': like('Always'),
            timezone: like('America/New_York'),
            'dynamic-campaign': 'Y',
            sequential: like('N'),
          },
        },
      });
    await pact.executeTest(async (server) => {
      const campaign = await clientFor(server).getCampaign(RUNNING);
      expect(campaign.status).toBe(3);
    });
  });

  it('pauses a running campaign', async () => {
    pact
      .given(FRESH)
      .uponReceiving('a request to pause a running campaign')
      .withRequest({
        method: 'POST',
        path: `${BASE}/api/tstats/campaigns/${RUNNING}`,
        headers: JSON_REQUEST,
        body: { status: 'PAUSED' },
      })
      .willRespondWith({ status: 200, headers: JSON_RESPONSE, body: { message: 'Campaign status changed.' } });
    await pact.executeTest(async (server) => {
      expect(await clientFor(server).setCampaignStatus(RUNNING, 'PAUSED')).toBe('Campaign status changed.');
    });
  });

  it('refuses to restart a stopped campaign', async () => {
    pact
      .given(FRESH)
      .uponReceiving('a request to run a stopped campaign')
      .withRequest({
        method: 'POST',
        path: `${BASE}/api/tstats/campaigns/${STOPPED}`,
        headers: JSON_REQUEST,
        body: { status: 'RUNNING' },
      })
      .willRespondWith({ status: 400, headers: JSON_RESPONSE, body: error(400, 'Invalid state transition') });
    await pact.executeTest(async (server) => {
      await expect(clientFor(server).setCampaignStatus(STOPPED, 'RUNNING')).rejects.toMatchObject({
        code: 'invalidStateTransition',
      });
    });
  });

  it('refuses a read with the Action Request Token (401)', async () => {
    pact
      .given(FRESH)
      .uponReceiving('a campaign read with the action token')
      .withRequest({ method: 'GET', path: `${BASE}/api/stats/campaigns/${RUNNING}.json`, headers: ACTION })
      .willRespondWith({
        status: 401,
        headers: { ...JSON_RESPONSE, 'WWW-Authenticate': like('Basic realm="8x8 Contact Center"') },
        body: error(401, 'This call requires the Data Request Token.'),
      });
    await pact.executeTest(async (server) => {
      const misconfigured = new EightByEightClient({
        baseUrl: `${server.url}${BASE}`,
        username: USERNAME,
        actionToken: ACTION_TOKEN,
        dataToken: ACTION_TOKEN,
        retry: { retries: 0 },
      });
      await expect(misconfigured.getCampaign(RUNNING)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    });
  });
});
