import { MatchersV3, type V3MockServer } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  InvalidClientIdError,
  InvalidRecordDataKeyError,
  NoRecordFoundError,
  SYMBEE_API_PATH,
  SymbeeClient,
  SymbeeFailedError,
  SymbeeHttpError,
} from '../../src/clients/symbee/index.ts';
import { FRESH_SANDBOX as FRESH, JSON_CONTENT_TYPE, consumerPact, rejectionOf } from '../helpers/pact.ts';

/**
 * Pact consumer tests of the reference client. Requests use the default sandbox's fixed credentials so the provider
 * test can verify them against a simulator's default sandbox; provider states are named here and set up there
 * through the admin API only (test/symbee/symbee.provider.test.ts).
 */
const { like, eachLike, integer, regex, uuid, fromProviderState } = MatchersV3;

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

/** The provider state besides FRESH (the provider test has a handler for each): record 1022 in CAMPAIGN. */
const recordExists = (params: Record<string, string> = {}) => ({
  given: 'a record exists',
  params: { campaignName: CAMPAIGN, clientId: '1022', ...params },
});
/** Routing fields of a status change or transfer. */
const ROUTING = { nextEarliestWorkTimeUTC: 1636121700000, preferredAgent: AGENT, timeZone: 'Europe/Berlin' };

const REQUEST_HEADERS = {
  'Content-Type': 'application/json',
  'X-sc-platform-code': 'AWS Connect',
  'X-sc-company-code': CREDENTIALS.companyCode,
  'X-sc-company-environment': CREDENTIALS.environment,
  'X-sc-secrets-region': CREDENTIALS.region,
  'X-sc-company-api-key': CREDENTIALS.apiKey,
};
const ENVELOPE = {
  platform: 'AWS Connect',
  companyCode: CREDENTIALS.companyCode,
  environment: CREDENTIALS.environment,
  region: CREDENTIALS.region,
  campaignName: CAMPAIGN,
};

/** One action as the client sends it: a POST of the envelope plus the action's fields, with the five headers. */
const action = (name: string, fields: object, headers: Record<string, string> = REQUEST_HEADERS) => ({
  method: 'POST',
  path: `/symbee${SYMBEE_API_PATH}/${name}`,
  headers,
  body: { ...ENVELOPE, ...fields },
});
/** Every answer is JSON; logical failures are HTTP 200 too (document). */
const answer = (body: unknown, status = 200) => ({ status, headers: JSON_CONTENT_TYPE, body });

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

const pact = consumerPact('campaign-sim-symbee-client', 'symbee-simulator');

const clientFor = (server: V3MockServer, apiKey = CREDENTIALS.apiKey) =>
  new SymbeeClient({
    ...CREDENTIALS,
    apiKey,
    baseUrl: `${server.url}/symbee${SYMBEE_API_PATH}`,
    retry: { retries: 0 },
  });

describe('addOrUpdateCampaignRecord', () => {
  it('adds a new record', async () => {
    const data = [
      { key: 'Name', value: 'Kate Delaney', displayOrder: 1 },
      { key: 'Home Phone', value: '+15552101257', displayOrder: 2 },
      { key: 'Highlight', value: 'Name' },
    ];
    const fields = {
      clientId: 'A2-12769-812',
      clientIdFieldName: 'KeyId',
      preferredAgent: AGENT,
      nextEarliestWorkTimeUTC: 1636121700000,
      previewRecordData: data,
    };
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'an add of a new record',
        withRequest: action('addOrUpdateCampaignRecord', fields),
        willRespondWith: answer(success),
      },
      async (server) => {
        const res = await clientFor(server).addOrUpdateCampaignRecord({
          ...fields,
          campaignName: CAMPAIGN,
          nextEarliestWorkTimeUTC: new Date(1636121700000),
        });
        expect(res.previewResult.previewResultStatus).toBe('SUCCESS');
      },
    );
  });

  it('updates an existing record located by previewRecordId', async () => {
    const data = [{ key: 'Name', value: 'Johnny Tester', displayOrder: 1 }];
    await pact.verify(
      {
        ...recordExists(),
        uponReceiving: 'an update of a record by previewRecordId',
        withRequest: action('addOrUpdateCampaignRecord', {
          previewRecordId: fromProviderState('${previewRecordId}', EXAMPLE_RECORD_ID),
          clientId: '1022',
          previewRecordData: data,
        }),
        willRespondWith: answer(success),
      },
      async (server) => {
        const res = await clientFor(server).addOrUpdateCampaignRecord({
          campaignName: CAMPAIGN,
          previewRecordId: EXAMPLE_RECORD_ID,
          clientId: '1022',
          previewRecordData: data,
        });
        expect(res.previewResult.error).toBeNull();
      },
    );
  });

  it('reports INVALIDCLIENTID when clientId is empty', async () => {
    const fields = { clientId: '', previewRecordData: [{ key: 'Name', value: 'Nobody' }] };
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'an add without a clientId value',
        withRequest: action('addOrUpdateCampaignRecord', fields),
        willRespondWith: answer(failure('INVALIDCLIENTID', 'clientId is required')),
      },
      async (server) => {
        const err = await rejectionOf(
          clientFor(server).addOrUpdateCampaignRecord({ campaignName: CAMPAIGN, ...fields }),
        );
        expect(err).toBeInstanceOf(InvalidClientIdError);
      },
    );
  });

  it('reports INVALIDRECORDDATAKEY when the data repeats the clientIdFieldName', async () => {
    const fields = { clientId: '2001', previewRecordData: [{ key: 'Id', value: '2001' }] };
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'an add whose data holds the clientIdFieldName key',
        withRequest: action('addOrUpdateCampaignRecord', fields),
        willRespondWith: answer(
          failure('INVALIDRECORDDATAKEY', "previewRecordData contains the key 'Id', which is the clientIdFieldName"),
        ),
      },
      async (server) => {
        const err = await rejectionOf(
          clientFor(server).addOrUpdateCampaignRecord({ campaignName: CAMPAIGN, ...fields }),
        );
        expect(err).toBeInstanceOf(InvalidRecordDataKeyError);
      },
    );
  });
});

describe('searchPreviewCampaign', () => {
  it('finds a record by previewRecordId', async () => {
    await pact.verify(
      {
        ...recordExists(),
        uponReceiving: 'a search by previewRecordId',
        withRequest: action('searchPreviewCampaign', {
          previewRecordId: fromProviderState('${previewRecordId}', EXAMPLE_RECORD_ID),
        }),
        willRespondWith: answer({ ...success, previewRecordClientData: [recordBody('1022')] }),
      },
      async (server) => {
        const [record] = await clientFor(server).search({ campaignName: CAMPAIGN, previewRecordId: EXAMPLE_RECORD_ID });
        expect(record?.clientId).toBe('1022');
      },
    );
  });

  it('finds a record by clientId', async () => {
    await pact.verify(
      {
        ...recordExists(),
        uponReceiving: 'a search by clientId',
        withRequest: action('searchPreviewCampaign', { clientId: '1022' }),
        willRespondWith: answer({ ...success, previewRecordClientData: [recordBody('1022')] }),
      },
      async (server) => {
        const record = await clientFor(server).findRecord({ campaignName: CAMPAIGN, clientId: '1022' });
        expect(record?.workedState).toBe('NOTWORKED');
        expect(record?.previewRecordData[0]).toEqual({ key: 'Id', value: '1022', displayOrder: 0 });
      },
    );
  });

  it('finds records matching criteria', async () => {
    const criteria = [
      { key: 'sys_worked_state', value: 'NOTWORKED', condition: 'EQUALS' as const },
      { key: 'name', value: 'Johnny Tester', condition: 'EQUALS' as const },
    ];
    await pact.verify(
      {
        ...recordExists({ name: 'Johnny Tester' }),
        uponReceiving: 'a search by criteria',
        withRequest: action('searchPreviewCampaign', { maxRecords: 50, previewRecordData: criteria }),
        willRespondWith: answer({ ...success, previewRecordClientData: eachLike(recordBody('1022')) }),
      },
      async (server) => {
        const records = await clientFor(server).search({
          campaignName: CAMPAIGN,
          maxRecords: 50,
          previewRecordData: criteria,
        });
        expect(records.length).toBeGreaterThan(0);
      },
    );
  });

  it('reports NORECORDFOUND for an unknown clientId', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a search by an unknown clientId',
        withRequest: action('searchPreviewCampaign', { clientId: 'no-such-client' }),
        willRespondWith: answer({
          ...failure(
            'NORECORDFOUND',
            "No record found for clientId 'no-such-client' in campaign 'WebsiteVisitReachouts'",
          ),
          previewRecordClientData: [],
        }),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server).search({ campaignName: CAMPAIGN, clientId: 'no-such-client' }));
        expect(err).toBeInstanceOf(NoRecordFoundError);
      },
    );
  });
});

describe('changeCampaignRecordStatus', () => {
  it('changes the status of a record located by clientId', async () => {
    const fields = {
      clientId: '1022',
      previewRecordStateEnum: 'NOTWORKED' as const,
      skillQueue: 'WebsiteVisits',
      ...ROUTING,
    };
    await pact.verify(
      {
        ...recordExists(),
        uponReceiving: 'a status change to NOTWORKED with routing fields',
        withRequest: action('changeCampaignRecordStatus', fields),
        willRespondWith: answer(success),
      },
      async (server) => {
        const res = await clientFor(server).changeCampaignRecordStatus({ campaignName: CAMPAIGN, ...fields });
        expect(res.previewResult.previewResultStatus).toBe('SUCCESS');
      },
    );
  });

  it('reports NORECORDFOUND for an unknown previewRecordId', async () => {
    const fields = { previewRecordId: EXAMPLE_RECORD_ID, previewRecordStateEnum: 'COMPLETED' as const };
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a status change of an unknown previewRecordId',
        withRequest: action('changeCampaignRecordStatus', fields),
        willRespondWith: answer(failure('NORECORDFOUND', `No record found for previewRecordId '${EXAMPLE_RECORD_ID}'`)),
      },
      async (server) => {
        const err = await rejectionOf(
          clientFor(server).changeCampaignRecordStatus({ campaignName: CAMPAIGN, ...fields }),
        );
        expect(err).toBeInstanceOf(NoRecordFoundError);
      },
    );
  });
});

describe('transferCampaignRecord', () => {
  it('moves a record to another campaign', async () => {
    const fields = {
      clientId: '1022',
      transferToCampaign: OTHER_CAMPAIGN,
      skillQueue: 'WebsiteFollowups',
      ...ROUTING,
    };
    await pact.verify(
      {
        ...recordExists(),
        uponReceiving: 'a transfer to another campaign',
        withRequest: action('transferCampaignRecord', fields),
        willRespondWith: answer(success),
      },
      async (server) => {
        const res = await clientFor(server).transferCampaignRecord({ campaignName: CAMPAIGN, ...fields });
        expect(res.previewResult.previewResultStatus).toBe('SUCCESS');
      },
    );
  });

  it('reports FAILED for an unknown target campaign', async () => {
    const fields = { clientId: '1022', transferToCampaign: 'NoSuchCampaign' };
    await pact.verify(
      {
        ...recordExists(),
        uponReceiving: 'a transfer to an unknown campaign',
        withRequest: action('transferCampaignRecord', fields),
        willRespondWith: answer(failure('FAILED', "Campaign 'NoSuchCampaign' not found")),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server).transferCampaignRecord({ campaignName: CAMPAIGN, ...fields }));
        expect(err).toBeInstanceOf(SymbeeFailedError);
      },
    );
  });
});

describe('deleteRecordFromCampaign', () => {
  it('removes a record located by clientId', async () => {
    await pact.verify(
      {
        ...recordExists(),
        uponReceiving: 'a delete of a record by clientId',
        withRequest: action('deleteRecordFromCampaign', { clientId: '1022' }),
        willRespondWith: answer(success),
      },
      async (server) => {
        const res = await clientFor(server).deleteRecordFromCampaign({ campaignName: CAMPAIGN, clientId: '1022' });
        expect(res.previewResult.previewResultStatus).toBe('SUCCESS');
      },
    );
  });

  it('is refused with HTTP 401 when the API key is not the current one', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a delete with a rotated-out API key',
        withRequest: action(
          'deleteRecordFromCampaign',
          { clientId: '1022' },
          { ...REQUEST_HEADERS, 'X-sc-company-api-key': 'rotated-out-key' },
        ),
        willRespondWith: answer(
          { previewResult: { previewResultStatus: 'FAILED', error: like('Invalid API key') } },
          401,
        ),
      },
      async (server) => {
        const err = await rejectionOf(
          clientFor(server, 'rotated-out-key').deleteRecordFromCampaign({ campaignName: CAMPAIGN, clientId: '1022' }),
        );
        expect(err).toBeInstanceOf(SymbeeHttpError);
        expect((err as SymbeeHttpError).status).toBe(401);
      },
    );
  });
});
