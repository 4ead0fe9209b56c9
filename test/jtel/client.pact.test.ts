import { MatchersV3, type V3MockServer } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { JtelClient, JtelHttpError } from '../../src/clients/jtel/index.ts';
import { FRESH_SANDBOX as FRESH, JSON_CONTENT_TYPE, consumerPact, rejectionOf } from '../helpers/pact.ts';

/**
 * Pact consumer tests of the jtel reference client. Requests use the default sandbox's fixed credentials (ClientsID
 * 1, token `jtel-demo-token`) so the provider test verifies them against a simulator's default sandbox, reset on a
 * frozen clock through the admin API (test/jtel/jtel.provider.test.ts).
 */
const { like, eachLike, integer, regex } = MatchersV3;

const BASE = '/jtel/rest/v1.0/1';
const AUTH = { Authorization: 'Bearer jtel-demo-token' };
const JSON_REQUEST = { ...AUTH, 'Content-Type': 'application/json' };
const LOCAL = regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/, '2024-03-01T10:00:00.000');

const pact = consumerPact('campaign-sim-jtel-client', 'jtel-simulator');
const clientFor = (server: V3MockServer, token = 'jtel-demo-token') =>
  new JtelClient({ baseUrl: `${server.url}${BASE}`, token, retry: { retries: 0 } });

const json = (body: unknown, status = 200) => ({ status, headers: JSON_CONTENT_TYPE, body });
const error = (status: number, message: string) => json({ status, error: message }, status);
const get = (path: string, query?: Record<string, string>) => ({
  method: 'GET',
  path: `${BASE}${path}`,
  headers: AUTH,
  ...(query ? { query } : {}),
});
const post = (path: string, body: unknown) => ({ method: 'POST', path: `${BASE}${path}`, headers: JSON_REQUEST, body });

/** A full campaign record as the client's contract parses it (every field; nulls where the fixtures have them). */
const campaign = (name: string, userData: string | null = null) => ({
  ID: integer(1000),
  ClientsID: 1,
  Name: name,
  Description: like('Sharable asynchronous intranet'),
  UserData: userData,
  LanguagesID: integer(2),
  ContactPreviewTime: integer(5),
  nMaxParallelLines: null,
  nMaxAttempts: integer(5),
  bCloseContactsOnIncomingCallsMatchCallerID: like(true),
  bCallerIDActive: like(false),
  CallerID: like('+4989461495100'),
  AcdGroupsID: integer(101),
  AbortOnNoTelNumberResultCodesID: integer(2496),
  IncomingCallResultCodesID: integer(2497),
  dtFrom: LOCAL,
  dtTo: null,
  dtCreated: LOCAL,
  dtLastModified: LOCAL,
});

const SKILLS = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`SupervisorAggregationSkill${n}ID`, null]));
const group = {
  ID: integer(101),
  ClientsID: 1,
  Name: regex(/^Service .*$/, 'Service Hotline'),
  ForeignSystemID: like('FS-101'),
  AcdConfigurationGroupsID: integer(11),
  AcdAgentGroupsID: integer(21),
  bAllowDuplicateEvents: like(true),
  DistributionAlgorithmID: integer(1),
  QueueMusicID4Sec: integer(-1),
  QueueOffhookAnnouncementID: null,
  TarifAnnouncementWavesID: null,
  bPositionAnnouncement3: false,
  bCallRedirectionAfterNumberAnnouncement: false,
  ...SKILLS,
  nMaxQueueTime: integer(600),
  nServiceLevelSeconds: integer(20),
};

describe('dialler campaigns', () => {
  it('lists campaigns ordered by Name in the list envelope', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a request for all dialler campaigns',
        withRequest: get('/dialler/campaigns'),
        willRespondWith: json({
          filter: '',
          limitStart: 0,
          limitPageSize: -1,
          records: eachLike(campaign('Campaign 1000')),
          count: integer(3),
          orderBy: 'Name',
          ascending: true,
          status: 200,
        }),
      },
      async (server) => {
        const campaigns = await clientFor(server).listDiallerCampaigns();
        expect(campaigns[0]?.Name).toBe('Campaign 1000');
      },
    );
  });

  it('clones a campaign', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a clone of Campaign 1000 to a new name',
        withRequest: post('/dialler/campaigns/clone', {
          source: 'Campaign 1000',
          destination: 'My New Campaign',
          userData: 'UserData Field Contents',
        }),
        willRespondWith: json({
          records: [like({ ...campaign('My New Campaign'), UserData: 'UserData Field Contents' })],
          count: 1,
          status: 200,
        }),
      },
      async (server) => {
        const clone = await clientFor(server).cloneDiallerCampaign(
          'Campaign 1000',
          'My New Campaign',
          'UserData Field Contents',
        );
        expect(clone.Name).toBe('My New Campaign');
      },
    );
  });

  it('refuses a clone to an existing name with 409', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a clone to the name of an existing campaign',
        withRequest: post('/dialler/campaigns/clone', { source: 'Campaign 1000', destination: 'Winback Q3' }),
        willRespondWith: error(409, 'Destination dialler campaign already exists'),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server).cloneDiallerCampaign('Campaign 1000', 'Winback Q3'));
        expect(err).toBeInstanceOf(JtelHttpError);
        expect(err).toMatchObject({ status: 409, code: 'conflict' });
      },
    );
  });

  it('refuses a clone of an unknown source with 404', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a clone of an unknown campaign',
        withRequest: post('/dialler/campaigns/clone', { source: 'No Such Campaign', destination: 'Anything' }),
        willRespondWith: error(404, 'Source dialler campaign not found'),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server).cloneDiallerCampaign('No Such Campaign', 'Anything'));
        expect(err).toMatchObject({ status: 404, code: 'notFound' });
      },
    );
  });

  it('deletes a campaign by id', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a delete of campaign 1001',
        withRequest: { method: 'DELETE', path: `${BASE}/dialler/campaigns/1001`, headers: AUTH },
        willRespondWith: json({ status: 200 }),
      },
      async (server) => {
        await clientFor(server).deleteDiallerCampaign(1001);
      },
    );
  });

  it('gets German result codes', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a request for the German result codes of campaign 1000',
        withRequest: get('/dialler/campaigns/campaign/1000/resultCodes', { languagesID: '2' }),
        willRespondWith: json({
          records: eachLike({
            ID: integer(2490),
            DiallerCampaignsID: 1000,
            LanguagesID: 2,
            Name: like('Erfolgreich'),
            ExportKey: like('SUCCESS'),
            ResultCodeType: regex(/^(DONE|ABORT|DELAY|APPOINTMENT)$/, 'DONE'),
            bAgentResultCode: like(true),
            nDelayMinutes: integer(0),
          }),
          count: integer(8),
          status: 200,
        }),
      },
      async (server) => {
        const codes = await clientFor(server).getResultCodes(1000, 2);
        expect(codes[0]?.LanguagesID).toBe(2);
      },
    );
  });
});

describe('ACD', () => {
  it('creates a callback event addressed by configuration and agent group', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a callback event for configuration group 12 and agent group 21',
        withRequest: post('/acd/events/create', {
          AcdEventTypesID: 3,
          AcdConfigurationGroupsID: 12,
          AcdAgentGroupsID: 21,
          Sender: '+4989123456',
          Subject: 'Please call back',
          Body: 'About my invoice',
        }),
        willRespondWith: json({
          records: [
            {
              AcdEventsID: integer(1001),
              ClientsID: 1,
              AcdEventTypesID: 3,
              AcdEventStatusID: 0,
              AcdGroupsID: 102,
              AcdConfigurationGroupsID: 12,
              AcdAgentGroupsID: 21,
              UsersID: null,
              Sender: '+4989123456',
              Receiver: null,
              Subject: 'Please call back',
              Body: 'About my invoice',
              CrmURL: null,
              UserData: null,
              nPriority: 50,
              dtAppointment: null,
              SkillsValue1: null,
              SkillsValue2: null,
              ChatConnectorsID: null,
              Comment: null,
              dtCreated: LOCAL,
              dtLastModified: LOCAL,
            },
          ],
          count: 1,
          status: 200,
        }),
      },
      async (server) => {
        const { event, updated } = await clientFor(server).createAcdEvent({
          AcdEventTypesID: 3,
          AcdConfigurationGroupsID: 12,
          AcdAgentGroupsID: 21,
          Sender: '+4989123456',
          Subject: 'Please call back',
          Body: 'About my invoice',
        });
        expect(updated).toBe(false);
        expect(event.AcdGroupsID).toBe(102);
      },
    );
  });

  it('refuses an event without Sender with 400', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'an event without Sender',
        withRequest: post('/acd/events/create', { AcdEventTypesID: 5, AcdGroupsID: 103, Subject: 'Mail' }),
        willRespondWith: error(400, 'Missing parameter: Sender'),
      },
      async (server) => {
        const err = await rejectionOf(
          clientFor(server).createAcdEvent({ AcdEventTypesID: 5, AcdGroupsID: 103, Subject: 'Mail' } as never),
        );
        expect(err).toMatchObject({ status: 400, code: 'badRequest', vendorMessage: 'Missing parameter: Sender' });
      },
    );
  });

  it('finds groups by partial name', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a search for ACD groups named like Service',
        withRequest: get('/acd/groups/group', { name: 'Service' }),
        willRespondWith: json({
          records: eachLike(group, 2),
          count: 2,
          status: 200,
        }),
      },
      async (server) => {
        expect(await clientFor(server).findAcdGroups('Service')).toHaveLength(2);
      },
    );
  });

  it('answers an unknown group with a JSON 404', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a request for an unknown ACD group',
        withRequest: get('/acd/groups/group/999'),
        willRespondWith: error(404, 'AcdGroup not found'),
      },
      async (server) => {
        expect(await rejectionOf(clientFor(server).getAcdGroup(999))).toMatchObject({ status: 404, code: 'notFound' });
      },
    );
  });

  it('refuses a wrong token with 401', async () => {
    await pact.verify(
      {
        given: FRESH,
        uponReceiving: 'a request with a wrong Bearer token',
        withRequest: {
          method: 'GET',
          path: `${BASE}/acd/events/statuses`,
          headers: { Authorization: 'Bearer wrong-token' },
        },
        willRespondWith: error(401, 'Unauthorized'),
      },
      async (server) => {
        const err = await rejectionOf(clientFor(server, 'wrong-token').listAcdEventStatuses());
        expect(err).toMatchObject({ status: 401, code: 'unauthorized' });
      },
    );
  });
});
