import type { OpenAPIV3_1 } from 'openapi-types';
import { buildOpenApi } from '../../simulators/core/openapi.ts';
import { type HttpMethod, type OperationSpec, declareOperations } from '../../simulators/core/operations.ts';
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

const pathParam = (name: string, description: string, example: string): OpenAPIV3_1.ParameterObject => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
  example,
});

const PLATFORM = pathParam(
  'ccPlatform',
  'Contact Center platform (NA…, EU…, CA…, AP…, AU…, BC…, SB…): the `vcc-{ccPlatform}.8x8.com` host of the real API',
  'na12',
);
const CAMPAIGN = pathParam('campaignId', 'The id of the campaign (Configuration Manager → Campaigns)', '125');
const CUSTOMER = pathParam('customerId', 'ACCOUNTNUM of the customer in the CC CRM', '10003629');

const error = (description: string) => ({ description, schema: ErrorResponseSchema });
const CAMPAIGN_NOT_FOUND = error('documented: The campaign cannot be found.');
const JSON_REQUIRED = error('assumed: Content-Type is not application/json');

type Token = 'Action' | 'Data';
type Responses = OperationSpec['responses'];

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
    security: [{ [token === 'Action' ? 'actionToken' : 'dataToken']: [] }],
    responses: {
      '401': error(
        `assumed: no or wrong Basic credentials, or not the ${token} Request Token (the body is not documented)`,
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

/** The document's endpoints plus the campaign status calls of the same API family (README). */
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
        'documented messages: Not a dynamic campaign / The campaign is not enabled. / The campaign has stopped. No additional customers can be added. / The operation is invalid for a campaign that has not started. / The provided customer list is invalid. (also for more than 5,000,000 entries or 20,000,000 structure tokens, assumed)',
      ),
      '413': error(
        'assumed: body over the simulator limit of 500 MiB (one upload of 5,000,000 entries with schedule-date-time fits)',
      ),
      '415': JSON_REQUIRED,
    },
  }),
  recordsOperation('JSON', 'viewCampaignRecordsJson'),
  recordsOperation('XML', 'viewCampaignRecordsXml'),
  // The document's DELETE header table names the Data Request Token (not the README's general write rule).
  campaignOperation('Data', {
    name: 'deleteCampaignRecord',
    method: 'DELETE',
    path: '/tstats/campaigns/{campaignId}/customers/{customerId}',
    summary: 'Remove a record from a campaign so it is not dialed again',
    tags: ['Campaign records'],
    parameters: [CUSTOMER],
    responses: {
      '204': { description: 'documented: removed' },
      '400': error('documented messages: Not a dynamic campaign / The campaign is not enabled.'),
      '401': error(
        "assumed: no or wrong Basic credentials, or not the Data Request Token (the body is not documented). The token is documented: the document's DELETE table names the Data Request Token (the sandbox option deleteToken can ask for action/either)",
      ),
      '404': error('documented: The campaign cannot be found. / The customer has not been located.'),
    },
  }),
  campaignOperation('Data', {
    name: 'getCampaign',
    method: 'GET',
    path: '/stats/campaigns/{campaignId}.json',
    summary: 'Campaign properties and status id (0–11)',
    tags: ['Campaign status'],
    responses: { '200': { description: 'README: the campaign object', schema: CampaignResponseSchema } },
  }),
  campaignOperation('Action', {
    name: 'changeCampaignStatus',
    method: 'POST',
    path: '/tstats/campaigns/{campaignId}',
    summary: 'Run, pause, purge or stop a campaign (STOPPED is final)',
    tags: ['Campaign status'],
    requestBody: { schema: StatusChangeRequestSchema },
    responses: {
      '200': { description: 'README: {"message": "Campaign status changed."}', schema: MessageResponseSchema },
      '400': error(
        'documented messages: Invalid state transition / The operation is invalid for a campaign that has not started. / The campaign is not enabled.',
      ),
      '415': JSON_REQUIRED,
    },
  }),
]);

export function eightByEightOpenApi(): OpenAPIV3_1.Document {
  return buildOpenApi({
    title: '8x8 Contact Center — Dynamic Campaigns API (campaign-sim)',
    version: '1.0.0',
    description:
      'Generated from contracts/eightbyeight/schemas.ts. HTTP Basic: username = tenant, password = the Data Request Token for reads, the Action Request Token for writes (DELETE: Data, per the document). The real host `vcc-{ccPlatform}.8x8.com` is the first path segment here.',
    serverUrl: '/eightbyeight',
    operations: EIGHT_BY_EIGHT_OPERATIONS,
    securitySchemes: {
      dataToken: { type: 'http', scheme: 'basic', description: 'username = tenant, password = Data Request Token' },
      actionToken: { type: 'http', scheme: 'basic', description: 'username = tenant, password = Action Request Token' },
    },
  });
}
