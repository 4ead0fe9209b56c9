import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV3, type V3MockServer } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidClientIdError,
  InvalidRecordDataKeyError,
  NoRecordFoundError,
  SYMBEE_API_PATH,
  SymbeeClient,
  SymbeeFailedError,
  SymbeeHttpError,
} from '../../src/clients/symbee/index.ts';

/**
 * Pact consumer tests of the reference client. Requests use the default sandbox's fixed credentials so the provider
 * test can verify them against a simulator's default sandbox; provider states are named here and set up there
 * through the admin API only (test/symbee/symbee.provider.test.ts).
 */
const { like, eachLike, integer, regex, uuid, fromProviderState } = MatchersV3;

const PACT_DIR = fileURLToPath(new URL('../../contracts/pacts/', import.meta.url));
const CONSUMER = 'campaign-sim-symbee-client';
const PROVIDER = 'symbee-simulator';

const CREDENTIALS = {
  companyCode: 'abc-gadgets',
  environment: 'prod',
  region: 'us-east-1',
  apiKey: 'symbee-default-api-key',
};
const CAMPAIGN = 'WebsiteVisitReachouts';
const OTHER_CAMPAIGN = 'WebsitVisitFollowups';
const AGENT = 'jtester@abc-gadgets.com';
const EXAMPLE_RECORD_ID = '9e108fff-f369-4921-87fe-7d1656006dd4';

/** Provider states (the provider test has a handler for each). */
const FRESH = 'the default sandbox is fresh';
const RECORD_EXISTS = 'a record exists';
const recordState = { campaignName: CAMPAIGN, clientId: '1022' };

const REQUEST_HEADERS = {
  'Content-Type': 'application/json',
  'X-sc-platform-code': 'AWS Connect',
  'X-sc-company-code': CREDENTIALS.companyCode,
  'X-sc-company-environment': CREDENTIALS.environment,
  'X-sc-secrets-region': CREDENTIALS.region,
  'X-sc-company-api-key': CREDENTIALS.apiKey,
};
const JSON_RESPONSE = { 'Content-Type': regex(/^application\/json(;.*)?$/, 'application/json; charset=utf-8') };
const ENVELOPE = {
  platform: 'AWS Connect',
  companyCode: CREDENTIALS.companyCode,
  environment: CREDENTIALS.environment,
  region: CREDENTIALS.region,
  campaignName: CAMPAIGN,
};

const path = (action: string) => `/symbee${SYMBEE_API_PATH}/${action}`;
const success = { ...ENVELOPE, previewResult: { previewResultStatus: 'SUCCESS', error: null } };
const failure = (status: string, example: string) => ({
  ...ENVELOPE,
  previewResult: { previewResultStatus: status, error: like(example) },
});

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;
/** A seeded, never-worked record as the search actions return it. */
const recordBody = (clientId: string) => ({
  previewRecordID: uuid(EXAMPLE_RECORD_ID),
  clientId,
  preferredAgent: like(''),
  skillQueue: like('WebsiteVisits'),
  createdTime: regex(TIMESTAMP, '2021-11-03 05:00:00.000'),
  lastUpdatedTime: regex(TIMESTAMP, '2021-11-03 05:00:00.000'),
  nextEarliestWorkTime: null,
  workedState: 'NOTWORKED',
  workAttempts: integer(0),
  lastAttemptAgent: null,
  lastAttemptTime: null,
  workCodes: [],
  previewRecordData: eachLike({ key: like('Id'), value: like(clientId), displayOrder: integer(0) }),
});

const pact = new PactV3({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'warn' });

const clientFor = (server: V3MockServer, apiKey = CREDENTIALS.apiKey) =>
  new SymbeeClient({
    ...CREDENTIALS,
    apiKey,
    baseUrl: `${server.url}/symbee${SYMBEE_API_PATH}`,
    retry: { retries: 0 },
  });

beforeAll(() => {
  // Interactions merge into an existing file: start from nothing so a removed interaction leaves the contract.
  rmSync(`${PACT_DIR}/${CONSUMER}-${PROVIDER}.json`, { force: true });
});

describe('addOrUpdateCampaignRecord', () => {
  it('adds a new record', async () => {
    pact
      .given(FRESH)
      .uponReceiving('an add of a new record')
      .withRequest({
        method: 'POST',
        path: path('addOrUpdateCampaignRecord'),
        headers: REQUEST_HEADERS,
        body: {
          ...ENVELOPE,
          clientId: 'A2-12769-812',
          clientIdFieldName: 'KeyId',
          preferredAgent: AGENT,
          nextEarliestWorkTimeUTC: 1636121700000,
          previewRecordData: [
            { key: 'Name', value: 'Kate Delaney', displayOrder: 1 },
            { key: 'Home Phone', value: '+15552101257', displayOrder: 2 },
            { key: 'Highlight', value: 'Name' },
          ],
        },
      })
      .willRespondWith({ status: 200, headers: JSON_RESPONSE, body: success });
    await pact.executeTest(async (server) => {
      const res = await clientFor(server).addOrUpdateCampaignRecord({
        campaignName: CAMPAIGN,
        clientId: 'A2-12769-812',
        clientIdFieldName: 'KeyId',
        preferredAgent: AGENT,
        nextEarliestWorkTimeUTC: new Date(1636121700000),
        previewRecordData: [
          { key: 'Name', value: 'Kate Delaney', displayOrder: 1 },
          { key: 'Home Phone', value: '+15552101257', displayOrder: 2 },
          { key: 'Highlight', value: 'Name' },
        ],
      });
      expect(res.previewResult.previewResultStatus).toBe('SUCCESS');
    });
  });

  it('updates an existing record located by previewRecordId', async () => {
    pact
      .given(RECORD_EXISTS, recordState)
      .uponReceiving('an update of a record by previewRecordId')
      .withRequest({
        method: 'POST',
        path: path('addOrUpdateCampaignRecord'),
        headers: REQUEST_HEADERS,
        body: {
          ...ENVELOPE,
          previewRecordId: fromProviderState('${previewRecordId}', EXAMPLE_RECORD_ID),
          clientId: '1022',
          previewRecordData: [{ key: 'Name', value: 'Johnny Tester', displayOrder: 1 }],
        },
      })
      .willRespondWith({ status: 200, headers: JSON_RESPONSE, body: success });
    await pact.executeTest(async (server) => {
      const res = await clientFor(server).addOrUpdateCampaignRecord({
        campaignName: CAMPAIGN,
        previewRecordId: EXAMPLE_RECORD_ID,
        clientId: '1022',
        previewRecordData: [{ key: 'Name', value: 'Johnny Tester', displayOrder: 1 }],
      });
      expect(res.previewResult.error).toBeNull();
    });
  });

  it('reports INVALIDCLIENTID when clientId is empty', async () => {
    pact
      .given(FRESH)
      .uponReceiving('an add without a clientId value')
      .withRequest({
        method: 'POST',
        path: path('addOrUpdateCampaignRecord'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, clientId: '', previewRecordData: [{ key: 'Name', value: 'Nobody' }] },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: failure('INVALIDCLIENTID', 'clientId is required'),
      });
    await pact.executeTest(async (server) => {
      const err = await clientFor(server)
        .addOrUpdateCampaignRecord({
          campaignName: CAMPAIGN,
          clientId: '',
          previewRecordData: [{ key: 'Name', value: 'Nobody' }],
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidClientIdError);
    });
  });

  it('reports INVALIDRECORDDATAKEY when the data repeats the clientIdFieldName', async () => {
    pact
      .given(FRESH)
      .uponReceiving('an add whose data holds the clientIdFieldName key')
      .withRequest({
        method: 'POST',
        path: path('addOrUpdateCampaignRecord'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, clientId: '2001', previewRecordData: [{ key: 'Id', value: '2001' }] },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: failure(
          'INVALIDRECORDDATAKEY',
          "previewRecordData contains the key 'Id', which is the clientIdFieldName",
        ),
      });
    await pact.executeTest(async (server) => {
      const err = await clientFor(server)
        .addOrUpdateCampaignRecord({
          campaignName: CAMPAIGN,
          clientId: '2001',
          previewRecordData: [{ key: 'Id', value: '2001' }],
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidRecordDataKeyError);
    });
  });
});

describe('searchPreviewCampaign', () => {
  it('finds a record by previewRecordId', async () => {
    pact
      .given(RECORD_EXISTS, recordState)
      .uponReceiving('a search by previewRecordId')
      .withRequest({
        method: 'POST',
        path: path('searchPreviewCampaign'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, previewRecordId: fromProviderState('${previewRecordId}', EXAMPLE_RECORD_ID) },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: { ...success, previewRecordClientData: [recordBody('1022')] },
      });
    await pact.executeTest(async (server) => {
      const [record] = await clientFor(server).search({ campaignName: CAMPAIGN, previewRecordId: EXAMPLE_RECORD_ID });
      expect(record?.clientId).toBe('1022');
    });
  });

  it('finds a record by clientId', async () => {
    pact
      .given(RECORD_EXISTS, recordState)
      .uponReceiving('a search by clientId')
      .withRequest({
        method: 'POST',
        path: path('searchPreviewCampaign'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, clientId: '1022' },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: { ...success, previewRecordClientData: [recordBody('1022')] },
      });
    await pact.executeTest(async (server) => {
      const record = await clientFor(server).findRecord({ campaignName: CAMPAIGN, clientId: '1022' });
      expect(record?.workedState).toBe('NOTWORKED');
      expect(record?.previewRecordData[0]).toEqual({ key: 'Id', value: '1022', displayOrder: 0 });
    });
  });

  it('finds records matching criteria', async () => {
    const criteria = [
      { key: 'sys_worked_state', value: 'NOTWORKED', condition: 'EQUALS' as const },
      { key: 'name', value: 'Johnny Tester', condition: 'EQUALS' as const },
    ];
    pact
      .given(RECORD_EXISTS, { ...recordState, name: 'Johnny Tester' })
      .uponReceiving('a search by criteria')
      .withRequest({
        method: 'POST',
        path: path('searchPreviewCampaign'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, maxRecords: 50, previewRecordData: criteria },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: { ...success, previewRecordClientData: eachLike(recordBody('1022')) },
      });
    await pact.executeTest(async (server) => {
      const records = await clientFor(server).search({
        campaignName: CAMPAIGN,
        maxRecords: 50,
        previewRecordData: criteria,
      });
      expect(records.length).toBeGreaterThan(0);
    });
  });

  it('reports NORECORDFOUND for an unknown clientId', async () => {
    pact
      .given(FRESH)
      .uponReceiving('a search by an unknown clientId')
      .withRequest({
        method: 'POST',
        path: path('searchPreviewCampaign'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, clientId: 'no-such-client' },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: {
          ...failure(
            'NORECORDFOUND',
            "No record found for clientId 'no-such-client' in campaign 'WebsiteVisitReachouts'",
          ),
          previewRecordClientData: [],
        },
      });
    await pact.executeTest(async (server) => {
      const client = clientFor(server);
      const err = await client.search({ campaignName: CAMPAIGN, clientId: 'no-such-client' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoRecordFoundError);
    });
  });
});

describe('changeCampaignRecordStatus', () => {
  it('changes the status of a record located by clientId', async () => {
    pact
      .given(RECORD_EXISTS, recordState)
      .uponReceiving('a status change to NOTWORKED with routing fields')
      .withRequest({
        method: 'POST',
        path: path('changeCampaignRecordStatus'),
        headers: REQUEST_HEADERS,
        body: {
          ...ENVELOPE,
          clientId: '1022',
          previewRecordStateEnum: 'NOTWORKED',
          skillQueue: 'WebsiteVisits',
          nextEarliestWorkTimeUTC: 1636121700000,
          preferredAgent: AGENT,
          timeZone: 'Europe/Berlin',
        },
      })
      .willRespondWith({ status: 200, headers: JSON_RESPONSE, body: success });
    await pact.executeTest(async (server) => {
      const res = await clientFor(server).changeCampaignRecordStatus({
        campaignName: CAMPAIGN,
        clientId: '1022',
        previewRecordStateEnum: 'NOTWORKED',
        skillQueue: 'WebsiteVisits',
        nextEarliestWorkTimeUTC: 1636121700000,
        preferredAgent: AGENT,
        timeZone: 'Europe/Berlin',
      });
      expect(res.previewResult.previewResultStatus).toBe('SUCCESS');
    });
  });

  it('reports NORECORDFOUND for an unknown previewRecordId', async () => {
    pact
      .given(FRESH)
      .uponReceiving('a status change of an unknown previewRecordId')
      .withRequest({
        method: 'POST',
        path: path('changeCampaignRecordStatus'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, previewRecordId: EXAMPLE_RECORD_ID, previewRecordStateEnum: 'COMPLETED' },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: failure('NORECORDFOUND', `No record found for previewRecordId '${EXAMPLE_RECORD_ID}'`),
      });
    await pact.executeTest(async (server) => {
      const err = await clientFor(server)
        .changeCampaignRecordStatus({
          campaignName: CAMPAIGN,
          previewRecordId: EXAMPLE_RECORD_ID,
          previewRecordStateEnum: 'COMPLETED',
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoRecordFoundError);
    });
  });
});

describe('transferCampaignRecord', () => {
  it('moves a record to another campaign', async () => {
    pact
      .given(RECORD_EXISTS, recordState)
      .uponReceiving('a transfer to another campaign')
      .withRequest({
        method: 'POST',
        path: path('transferCampaignRecord'),
        headers: REQUEST_HEADERS,
        body: {
          ...ENVELOPE,
          clientId: '1022',
          transferToCampaign: OTHER_CAMPAIGN,
          skillQueue: 'WebsiteFollowups',
          nextEarliestWorkTimeUTC: 1636121700000,
          preferredAgent: AGENT,
          timeZone: 'Europe/Berlin',
        },
      })
      .willRespondWith({ status: 200, headers: JSON_RESPONSE, body: success });
    await pact.executeTest(async (server) => {
      const res = await clientFor(server).transferCampaignRecord({
        campaignName: CAMPAIGN,
        clientId: '1022',
        transferToCampaign: OTHER_CAMPAIGN,
        skillQueue: 'WebsiteFollowups',
        nextEarliestWorkTimeUTC: 1636121700000,
        preferredAgent: AGENT,
        timeZone: 'Europe/Berlin',
      });
      expect(res.previewResult.previewResultStatus).toBe('SUCCESS');
    });
  });

  it('reports FAILED for an unknown target campaign', async () => {
    pact
      .given(RECORD_EXISTS, recordState)
      .uponReceiving('a transfer to an unknown campaign')
      .withRequest({
        method: 'POST',
        path: path('transferCampaignRecord'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, clientId: '1022', transferToCampaign: 'NoSuchCampaign' },
      })
      .willRespondWith({
        status: 200,
        headers: JSON_RESPONSE,
        body: failure('FAILED', "Campaign 'NoSuchCampaign' not found"),
      });
    await pact.executeTest(async (server) => {
      const err = await clientFor(server)
        .transferCampaignRecord({ campaignName: CAMPAIGN, clientId: '1022', transferToCampaign: 'NoSuchCampaign' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SymbeeFailedError);
    });
  });
});

describe('deleteRecordFromCampaign', () => {
  it('removes a record located by clientId', async () => {
    pact
      .given(RECORD_EXISTS, recordState)
      .uponReceiving('a delete of a record by clientId')
      .withRequest({
        method: 'POST',
        path: path('deleteRecordFromCampaign'),
        headers: REQUEST_HEADERS,
        body: { ...ENVELOPE, clientId: '1022' },
      })
      .willRespondWith({ status: 200, headers: JSON_RESPONSE, body: success });
    await pact.executeTest(async (server) => {
      const res = await clientFor(server).deleteRecordFromCampaign({ campaignName: CAMPAIGN, clientId: '1022' });
      expect(res.previewResult.previewResultStatus).toBe('SUCCESS');
    });
  });

  it('is refused with HTTP 401 when the API key is not the current one', async () => {
    pact
      .given(FRESH)
      .uponReceiving('a delete with a rotated-out API key')
      .withRequest({
        method: 'POST',
        path: path('deleteRecordFromCampaign'),
        headers: { ...REQUEST_HEADERS, 'X-sc-company-api-key': 'rotated-out-key' },
        body: { ...ENVELOPE, clientId: '1022' },
      })
      .willRespondWith({
        status: 401,
        headers: JSON_RESPONSE,
        body: { previewResult: { previewResultStatus: 'FAILED', error: like('Invalid API key') } },
      });
    await pact.executeTest(async (server) => {
      const err = await clientFor(server, 'rotated-out-key')
        .deleteRecordFromCampaign({ campaignName: CAMPAIGN, clientId: '1022' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SymbeeHttpError);
      expect((err as SymbeeHttpError).status).toBe(401);
    });
  });
});
