import type { OpenAPIV3_1 } from 'openapi-types';
import { buildOpenApi } from '../../simulators/core/openapi.ts';
import {
  type HttpMethod,
  type OperationSpec,
  declareOperations,
  pathParameter,
} from '../../simulators/core/operations.ts';
import {
  AddCustomersRequestSchema,
  AddCustomersResponseSchema,
  CampaignResponseSchema,
  ErrorResponseSchema,
  MessageResponseSchema,
  RecordsQuerySchema,
  RecordsResponseSchema,
  StatusChangeRequestSchema,
} from './schemas.ts';

const PLATFORM = pathParameter(
  'ccPlatform',
  'Contact Center platform (NA…, EU…, CA…, AP…, AU…, BC…, SB…): the `vcc-{ccPlatform}.8x8.com` host of the real API',
  'na12',
);
const CAMPAIGN = pathParameter('campaignId', 'The id of the campaign (Configuration Manager → Campaigns)', '125');
const CUSTOMER = pathParameter(
  'customerId',
  "ACCOUNTNUM of the customer in the CC CRM, which is also the record's record-id",
  '10003629',
);

const error = (description: string) => ({ description, schema: ErrorResponseSchema });
const CAMPAIGN_NOT_FOUND = error('documented: The campaign cannot be found.');
const JSON_REQUIRED = error('assumed: Content-Type is not application/json');

/**
 * The token a call takes. `Either`: 8x8's sources disagree (record page DELETE table and status page POST table:
 * Data; 8x8's OpenAPI: Action), so either is accepted by default (sandbox options deleteToken / statusToken).
 */
type Token = 'Action' | 'Data' | 'Either';
type Responses = OperationSpec['responses'];

const SECURITY: Record<Token, OpenAPIV3_1.SecurityRequirementObject[]> = {
  Action: [{ actionToken: [] }],
  Data: [{ dataToken: [] }],
  Either: [{ actionToken: [] }, { dataToken: [] }],
};
const INTERNAL_ERROR = error(
  "documented (8x8's OpenAPI): Internal server error — answered here only when a fault rule injects it",
);

/**
 * The platform is the `vcc-{ccPlatform}.8x8.com` host of the real API; the simulator serves one host for every
 * platform, so it becomes the first path segment: `https://vcc-na12.8x8.com/api/...` →
 * `{origin}/eightbyeight/vcc-na12/api/...`.
 */
export const PLATFORM_SEGMENT = '/vcc-:ccPlatform';

/**
 * An operation on one campaign below `/vcc-{ccPlatform}/api`: the platform and campaign path parameters, the
 * token it needs, and the 401 and 404 (unknown campaign) every one of them answers; `responses` adds to or
 * overrides those.
 */
function campaignOperation<const N extends string>(
  token: Token,
  op: Omit<OperationSpec, 'name' | 'binding' | 'readOnly' | 'parameters' | 'security' | 'responses'> & {
    name: N;
    method: HttpMethod;
    /** Below `/api`, `{param}` style. */
    path: string;
    parameters?: OperationSpec['parameters'];
    responses: Responses;
  },
): OperationSpec & { name: N } {
  const { method, path, ...rest } = op;
  return {
    ...rest,
    binding: {
      protocol: 'rest',
      method,
      path: `${PLATFORM_SEGMENT}/api${path.replace(/\{(\w+)\}/g, ':$1')}`,
    },
    readOnly: method === 'GET',
    parameters: [PLATFORM, CAMPAIGN, ...(op.parameters ?? [])],
    security: SECURITY[token],
    responses: {
      '401': error(
        token === 'Either'
          ? 'assumed: no or wrong Basic credentials (the body is not documented); with the sandbox option that demands one token, the other one'
          : `assumed: no or wrong Basic credentials, or not the ${token} Request Token (the body is not documented)`,
      ),
      '404': CAMPAIGN_NOT_FOUND,
      ...op.responses,
    },
  };
}

/** The two record lists: records.json (JSON) and records (XML, README), the same records and filter. */
const recordsOperation = <const N extends string>(format: 'JSON' | 'XML', name: N) =>
  campaignOperation('Data', {
    name,
    method: 'GET',
    path: format === 'JSON' ? '/stats/campaigns/{campaignId}/records.json' : '/stats/campaigns/{campaignId}/records',
    summary:
      format === 'JSON'
        ? 'View the records of a campaign (JSON)'
        : 'View the records of a campaign (XML: <records><record><record-id>…)',
    tags: ['Campaign records'],
    query: RecordsQuerySchema,
    responses: {
      '200':
        format === 'JSON'
          ? {
              description: 'documented: every record with its status, status-code and disposition-code',
              schema: RecordsResponseSchema,
            }
          : {
              description:
                'README: the same records as XML, root <records>, one <record> element each, <record-id> first',
              schema: RecordsResponseSchema.shape.records,
              contentTypes: ['application/xml'],
            },
    },
  });

/** Status change: POST (8x8's status page) and PATCH (8x8's OpenAPI), the same call under two names. */
const statusChange = <const N extends string>(method: 'POST' | 'PATCH', name: N) =>
  campaignOperation('Either', {
    name,
    method,
    path: '/tstats/campaigns/{campaignId}',
    summary:
      method === 'POST'
        ? 'Run, pause, purge or stop a campaign (status page: POST; STOPPED is final)'
        : "Run, pause, purge or stop a campaign (8x8's OpenAPI: PATCH; STOPPED is final)",
    description:
      "Moves along 8x8's state diagram: New → Running; Running ⇄ Paused; Running → Stop; Paused → Purged; Paused → Stop; Purged → Running; Purged → Stop. Stop is final and means Pause + Purge.",
    tags: ['Campaign status'],
    requestBody: { schema: StatusChangeRequestSchema },
    responses: {
      '200': {
        description:
          'documented: {"message": "Campaign status changed."} (status page; 8x8\'s OpenAPI: The campaign status has changed.)',
        schema: MessageResponseSchema,
      },
      '400': error(
        "documented messages (8x8's OpenAPI): Invalid state transition / Not a dynamic campaign / The campaign is not enabled.",
      ),
      '415': JSON_REQUIRED,
      '500': INTERNAL_ERROR,
    },
  });

/**
 * Every operation of 8x8's OpenAPI (add, delete, status change by PATCH) plus what 8x8's pages add: records.json
 * (record page), records as XML (README), {id}.json and the status change by POST (status page).
 */
export const EIGHT_BY_EIGHT_OPERATIONS = declareOperations([
  campaignOperation('Action', {
    name: 'addCampaignRecords',
    method: 'POST',
    path: '/tstats/campaigns/{campaignId}/customers',
    summary: 'Add records (CRM customers) to a dynamic campaign',
    tags: ['Campaign records'],
    requestBody: { schema: AddCustomersRequestSchema },
    responses: {
      '207': {
        description:
          'documented: one entry per record, in request order, each with its own http-status (200 added, 400/404 with the documented message)',
        schema: AddCustomersResponseSchema,
      },
      '400': error(
        "documented messages (8x8's OpenAPI): This is not a dynamic campaign. / The campaign is not enabled. / The campaign has stopped. No additional customers can be added. / The operation is invalid for a campaign that has not started. / The provided customer list is invalid. (also for more than 5,000,000 entries or 20,000,000 structure tokens, assumed)",
      ),
      '413': error(
        'assumed: body over the simulator limit of 500 MiB (one upload of 5,000,000 entries with schedule-date-time fits)',
      ),
      '415': JSON_REQUIRED,
      '500': INTERNAL_ERROR,
    },
  }),
  recordsOperation('JSON', 'viewCampaignRecordsJson'),
  recordsOperation('XML', 'viewCampaignRecordsXml'),
  campaignOperation('Either', {
    name: 'deleteCampaignRecord',
    method: 'DELETE',
    path: '/tstats/campaigns/{campaignId}/customers/{customerId}',
    summary: 'Remove a New, Queued or Scheduled record from a campaign so it is not dialed again',
    tags: ['Campaign records'],
    parameters: [CUSTOMER],
    responses: {
      '204': { description: "documented: removed (8x8's OpenAPI: the customer has been deleted.)" },
      '400': error(
        "documented messages (8x8's OpenAPI): The customer is not available for deletion. (already offered or dialed: Accepted, Completed) / The campaign has stopped. No customers can be deleted. / This is not a dynamic campaign. / This campaign is not enabled.",
      ),
      '404': error('documented: The campaign cannot be found. / The customer has not been located.'),
      '500': INTERNAL_ERROR,
    },
  }),
  campaignOperation('Data', {
    name: 'getCampaign',
    method: 'GET',
    path: '/stats/campaigns/{campaignId}.json',
    summary: 'Campaign properties and status id (0–11)',
    tags: ['Campaign status'],
    responses: {
      '200': { description: 'documented (status page): the campaign object', schema: CampaignResponseSchema },
    },
  }),
  statusChange('POST', 'changeCampaignStatus'),
  statusChange('PATCH', 'patchCampaignStatus'),
]);

export function eightByEightOpenApi(): OpenAPIV3_1.Document {
  return buildOpenApi({
    title: '8x8 Contact Center — Dynamic Campaigns API (campaign-sim)',
    version: '1.0.0',
    description:
      "Generated from contracts/eightbyeight/schemas.ts. Declares every operation of 8x8's official OpenAPI (add, delete, PATCH status change) plus what 8x8's pages add (records.json, records as XML, {id}.json, POST status change). HTTP Basic: username = tenant, password = the Data Request Token for reads, the Action Request Token for adds; DELETE and the status change take either (8x8's sources disagree). The real host `vcc-{ccPlatform}.8x8.com` is the first path segment here.",
    serverUrl: '/eightbyeight',
    operations: EIGHT_BY_EIGHT_OPERATIONS,
    securitySchemes: {
      dataToken: { type: 'http', scheme: 'basic', description: 'username = tenant, password = Data Request Token' },
      actionToken: { type: 'http', scheme: 'basic', description: 'username = tenant, password = Action Request Token' },
    },
  });
}
