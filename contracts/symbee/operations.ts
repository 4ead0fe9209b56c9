import { buildOpenApi } from '../../simulators/core/openapi.ts';
import { type OperationSpec, declareOperations } from '../../simulators/core/operations.ts';
import {
  ACTIONS,
  type Action,
  AuthHeadersSchema,
  REQUEST_SCHEMAS,
  RESPONSE_SCHEMAS,
  TransportErrorSchema,
} from './schemas.ts';

/** The API's URL prefix (document: "Preview Campaign Realtime API Endpoint"); each action is appended to it. */
export const API_PREFIX = '/symbee-previewcontact-service/svc/rs/PreviewContactServiceExternal';

const SUMMARIES: Record<Action, string> = {
  addOrUpdateCampaignRecord: 'Add a new task/record, or update (replace) an existing one',
  searchPreviewCampaign: "Query a campaign's current tasks/records by id or by criteria",
  changeCampaignRecordStatus: 'Update the work status and related system fields of a task/record',
  transferCampaignRecord: 'Move a task/record to another campaign and/or skill queue',
  deleteRecordFromCampaign: 'Remove a task/record from a campaign',
};

const transportError = (description: string) => ({ description, schema: TransportErrorSchema });

/**
 * The five actions, each an HTTP POST of a JSON payload to `<prefix>/<action>` (document). Only the search reads;
 * logical failures are answered inside HTTP 200, so 200 is the only documented status.
 */
export const SYMBEE_OPERATIONS = declareOperations(
  ACTIONS.map((action): OperationSpec & { name: Action } => ({
    name: action,
    binding: { protocol: 'rest', method: 'POST', path: `${API_PREFIX}/${action}` },
    readOnly: action === 'searchPreviewCampaign',
    summary: SUMMARIES[action],
    tags: ['Preview Campaign Realtime API'],
    headers: AuthHeadersSchema,
    requestBody: { schema: REQUEST_SCHEMAS[action] },
    responses: {
      '200': {
        description:
          'documented: the outcome is in previewResult.previewResultStatus (SUCCESS, FAILED, INVALIDCLIENTID, INVALIDRECORDDATAKEY, NORECORDFOUND)',
        schema: RESPONSE_SCHEMAS[action],
      },
      '400': transportError(
        'assumed: malformed JSON, values Jackson cannot bind (an object for a string, "1.5" for an integer…) or unknown fields; null reads as absent',
      ),
      '401': transportError('assumed: a missing or wrong X-sc-* header, unknown company, or a rotated-out API key'),
      '403': transportError('assumed: the body names another platform/company/environment than the headers'),
      '413': transportError('assumed: body larger than 1 MiB'),
      '415': transportError('assumed: Content-Type is not application/json'),
    },
  })),
);

export function symbeeOpenApi() {
  return buildOpenApi({
    title: 'Symbee Connect — Preview Campaign Realtime API (campaign-sim)',
    version: '1.0.0',
    description:
      'Generated from contracts/symbee/schemas.ts. Every request is an HTTP POST of a JSON payload; logical failures are reported inside HTTP 200. Bodies are bound as Jackson binds them by default (assumed: the service is Java): null reads as absent, a number or boolean is taken for a string, numeric text for a number, a fraction is truncated for an integer.',
    serverUrl: `/symbee${API_PREFIX}`,
    basePath: API_PREFIX,
    operations: SYMBEE_OPERATIONS,
  });
}
