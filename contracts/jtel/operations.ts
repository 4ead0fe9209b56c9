import type { OpenAPIV3_1 } from 'openapi-types';
import type { z } from 'zod';
import { buildOpenApi } from '../../simulators/core/openapi.ts';
import {
  type HttpMethod,
  type OperationSpec,
  declareOperations,
  pathParameter,
} from '../../simulators/core/operations.ts';
import {
  AcdEventListSchema,
  AcdEventRecordsSchema,
  AcdEventStatusListSchema,
  AcdEventTypeListSchema,
  AcdGroupRecordsSchema,
  CloneCampaignRequestSchema,
  ContactsQuerySchema,
  CreateAcdEventRequestSchema,
  DiallerCampaignListSchema,
  DiallerCampaignRecordsSchema,
  DiallerContactListSchema,
  DiallerContactRecordsSchema,
  ErrorResponseSchema,
  NameQuerySchema,
  ResultCodeRecordsSchema,
  ResultCodesQuerySchema,
  StatusResponseSchema,
} from './schemas.ts';

/** Every call is below `{baseURL}` = `/rest/v1.0/{ClientsID}` (README). */
export const BASE_PATH = '/rest/v1.0/:ClientsID';

const CLIENT = pathParameter('ClientsID', 'The client account (the Bearer token must belong to it)', '1');
const error = (description: string) => ({ description, schema: ErrorResponseSchema });
const ok = (description: string, schema: z.ZodType) => ({ '200': { description, schema } });
const BAD_ID = 'assumed: the id is not a positive integer';

/**
 * One jtel call below `{baseURL}`: the ClientsID parameter, Bearer security and the 401 every call answers (README:
 * "bad Bearer token or a ClientsID the token does not belong to"); `responses` adds to those.
 */
function jtelOperation<const N extends string>(
  op: Omit<OperationSpec, 'name' | 'binding' | 'readOnly' | 'parameters' | 'security'> & {
    name: N;
    method: HttpMethod;
    /** Below `{baseURL}`, `{param}` style. */
    path: string;
    parameters?: OpenAPIV3_1.ParameterObject[];
  },
): OperationSpec & { name: N } {
  const { method, path, ...rest } = op;
  return {
    ...rest,
    binding: { protocol: 'rest', method, path: `${BASE_PATH}${path.replace(/\{(\w+)\}/g, ':$1')}` },
    readOnly: method === 'GET',
    parameters: [CLIENT, ...(op.parameters ?? [])],
    security: [{ bearer: [] }],
    responses: {
      '401': error('documented: bad Bearer token or a ClientsID the token does not belong to'),
      ...op.responses,
      ...(op.requestBody
        ? { '415': error('assumed (the README says POST bodies need it): Content-Type is not application/json') }
        : {}),
    },
  };
}

const EVENT_ID = pathParameter('AcdEventsID', 'The id of the ACD event', '1001');
const GROUP_ID = pathParameter('AcdGroupsID', 'The id of the ACD group', '101');
const CAMPAIGN_ID = pathParameter('DiallerCampaignsID', 'The id of the dialler campaign', '1000');
const CONTACT_ID = pathParameter('DiallerContactsID', 'The id of the dialler contact', '500001');

/** The document's calls (and the README's restored URLs), in routing order: fixed segments before parameters. */
export const JTEL_OPERATIONS = declareOperations([
  jtelOperation({
    name: 'listAcdEvents',
    method: 'GET',
    path: '/acd/events',
    summary: 'All ACD events of the client account, ordered by dtCreated',
    tags: ['ACD events'],
    responses: ok('documented: the list envelope of AcdEvents', AcdEventListSchema),
  }),
  jtelOperation({
    name: 'listAcdEventTypes',
    method: 'GET',
    path: '/acd/events/types',
    summary: 'All AcdEventTypes (VoiceMail 1, Fax 2, Callback 3, SMS 4, Email 5)',
    tags: ['ACD events'],
    responses: ok('documented ids; the record shape {ShortText, ID} is assumed', AcdEventTypeListSchema),
  }),
  jtelOperation({
    name: 'listAcdEventStatuses',
    method: 'GET',
    path: '/acd/events/statuses',
    summary: 'All AcdEventStatus, ordered by ID (URL assumed, README)',
    tags: ['ACD events'],
    responses: ok('documented: the 11 statuses of the example', AcdEventStatusListSchema),
  }),
  jtelOperation({
    name: 'getAcdEvent',
    method: 'GET',
    path: '/acd/events/event/{AcdEventsID}',
    summary: 'One AcdEvent by ID',
    tags: ['ACD events'],
    parameters: [EVENT_ID],
    responses: {
      ...ok('documented: {records: [AcdEvent], count: 1, status: 200}', AcdEventRecordsSchema),
      '400': error(BAD_ID),
      '404': error('documented: no such object (JSON body)'),
    },
  }),
  jtelOperation({
    name: 'createAcdEvent',
    method: 'POST',
    path: '/acd/events/create',
    summary: 'Create an AcdEvent (or, when the group forbids duplicates, update the open one: Result_ UPDATED)',
    tags: ['ACD events'],
    requestBody: { schema: CreateAcdEventRequestSchema },
    responses: {
      ...ok(
        'documented: {records: [the created AcdEvent], count: 1, status: 200}; Result_ "UPDATED" when an existing event was returned',
        AcdEventRecordsSchema,
      ),
      '400': error(
        'documented: a missing parameter; assumed: every other broken rule (unknown type, group, user; not E.164; malformed URL, date or time; both group forms)',
      ),
    },
  }),
  jtelOperation({
    name: 'getAcdGroupsByName',
    method: 'GET',
    path: '/acd/groups/group',
    summary: 'ACD groups whose name contains `name` (partial match, all matches)',
    tags: ['ACD groups'],
    query: NameQuerySchema,
    responses: {
      ...ok('documented: every matching group (count 0 when none: assumed)', AcdGroupRecordsSchema),
      '400': error('documented: missing parameter name'),
    },
  }),
  jtelOperation({
    name: 'getAcdGroup',
    method: 'GET',
    path: '/acd/groups/group/{AcdGroupsID}',
    summary: 'One ACD group by ID',
    tags: ['ACD groups'],
    parameters: [GROUP_ID],
    responses: {
      ...ok('documented: {records: [AcdGroup], count: 1, status: 200}', AcdGroupRecordsSchema),
      '400': error(BAD_ID),
      '404': error('documented: no such object (JSON body)'),
    },
  }),
  jtelOperation({
    name: 'listDiallerCampaigns',
    method: 'GET',
    path: '/dialler/campaigns',
    summary: 'All dialler campaigns, ordered by Name',
    tags: ['Dialler campaigns'],
    responses: ok('documented: the list envelope, orderBy Name', DiallerCampaignListSchema),
  }),
  jtelOperation({
    name: 'getDiallerCampaignsByName',
    method: 'GET',
    path: '/dialler/campaigns/campaign',
    summary: 'Dialler campaigns whose name contains `name` (partial match, all matches)',
    tags: ['Dialler campaigns'],
    query: NameQuerySchema,
    responses: {
      ...ok('documented: every matching campaign (count 0 when none: assumed)', DiallerCampaignRecordsSchema),
      '400': error('documented: missing parameter name'),
    },
  }),
  jtelOperation({
    name: 'deleteDiallerCampaignByName',
    method: 'DELETE',
    path: '/dialler/campaigns/campaign',
    summary: 'Delete the dialler campaign of this exact name, with its result codes and contacts',
    tags: ['Dialler campaigns'],
    query: NameQuerySchema,
    responses: {
      ...ok('documented: {status: 200}', StatusResponseSchema),
      '400': error('documented: missing parameter name'),
      '404': error('documented: the campaign does not exist'),
    },
  }),
  jtelOperation({
    name: 'getDiallerCampaignResultCodes',
    method: 'GET',
    path: '/dialler/campaigns/campaign/{DiallerCampaignsID}/resultCodes',
    summary: 'The result codes of a campaign in English (languagesID=1) or German (2)',
    tags: ['Dialler campaigns'],
    parameters: [CAMPAIGN_ID],
    query: ResultCodesQuerySchema,
    responses: {
      ...ok('documented: the campaign result codes', ResultCodeRecordsSchema),
      '400': error('documented: missing languagesID; assumed: a value other than 1 or 2, or a bad id'),
      '404': error('documented: Dialler campaign not found'),
    },
  }),
  jtelOperation({
    name: 'cloneDiallerCampaign',
    method: 'POST',
    path: '/dialler/campaigns/clone',
    summary: 'Clone a campaign with all related data except its contacts',
    tags: ['Dialler campaigns'],
    requestBody: { schema: CloneCampaignRequestSchema },
    responses: {
      ...ok('documented: {records: [the clone], count: 1, status: 200}', DiallerCampaignRecordsSchema),
      '400': error('documented: a missing parameter (source, destination)'),
      '404': error('documented: the source campaign does not exist'),
      '409': error('documented: the destination campaign already exists'),
    },
  }),
  jtelOperation({
    name: 'getDiallerCampaign',
    method: 'GET',
    path: '/dialler/campaigns/{DiallerCampaignsID}',
    summary: 'One dialler campaign by ID',
    tags: ['Dialler campaigns'],
    parameters: [CAMPAIGN_ID],
    responses: {
      ...ok('documented: {records: [DiallerCampaign], count: 1, status: 200}', DiallerCampaignRecordsSchema),
      '400': error(BAD_ID),
      '404': error('documented: Dialler campaign not found'),
    },
  }),
  jtelOperation({
    name: 'deleteDiallerCampaign',
    method: 'DELETE',
    path: '/dialler/campaigns/{DiallerCampaignsID}',
    summary: 'Delete a dialler campaign by ID, with its result codes and contacts',
    tags: ['Dialler campaigns'],
    parameters: [CAMPAIGN_ID],
    responses: {
      ...ok('documented: {status: 200}', StatusResponseSchema),
      '400': error(BAD_ID),
      '404': error('documented: the campaign does not exist'),
    },
  }),
  jtelOperation({
    name: 'listDiallerContacts',
    method: 'GET',
    path: '/dialler/contacts',
    summary: 'All dialler contacts, or those of one campaign (ordered by ID: assumed)',
    tags: ['Dialler contacts'],
    query: ContactsQuerySchema,
    responses: {
      ...ok('README: the list envelope of contacts', DiallerContactListSchema),
      '400': error('assumed: diallerCampaignsID is not a positive integer'),
    },
  }),
  jtelOperation({
    name: 'getDiallerContact',
    method: 'GET',
    path: '/dialler/contacts/{DiallerContactsID}',
    summary: 'One dialler contact by ID',
    tags: ['Dialler contacts'],
    parameters: [CONTACT_ID],
    responses: {
      ...ok('README: {records: [DiallerContact], count: 1, status: 200}', DiallerContactRecordsSchema),
      '400': error(BAD_ID),
      '404': error('documented: no such object (JSON body)'),
    },
  }),
]);

export function jtelOpenApi(): OpenAPIV3_1.Document {
  return buildOpenApi({
    title: 'jtel Contact Center — REST API: ACD events, ACD groups, dialler campaigns (campaign-sim)',
    version: '1.0.0',
    description:
      'Generated from contracts/jtel/schemas.ts. `Authorization: Bearer {token}`; every call is below `{baseURL}` = `/rest/v1.0/{ClientsID}`. Errors are `{status, error}` with status = the HTTP code; an unknown endpoint is 404 with an empty body.',
    serverUrl: '/jtel',
    operations: JTEL_OPERATIONS,
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the client account token' } },
  });
}
