import { z } from 'zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { buildOpenApi } from '../../simulators/core/openapi.ts';
import { type HttpMethod, declareOperations, pathParameter } from '../../simulators/core/operations.ts';
import {
  API_PREFIX,
  BulkQuerySchema,
  BulkResultSchema,
  CampaignListSchema,
  CampaignSchema,
  CampaignUpdateSchema,
  CampaignsQuerySchema,
  CustomerListSchema,
  CustomerResultStatisticsSchema,
  CustomerSchema,
  CustomersQuerySchema,
  ErrorSchema,
  NewCustomerSchema,
  SettableStatusSchema,
  StatisticsEntrySchema,
  StatisticsQuerySchema,
} from './schemas.ts';

const JSON_XML = ['application/json', 'application/xml'];
/** What a negotiated GET answers (JSON unless the client prefers XML). */
const PRODUCES = ['application/json', 'application/xml'] as const;

const campaignId = pathParameter('campaignId', 'Campaign id (id32 or id36)');
const customerId = pathParameter('customerId', 'Customer id (id32 or id36)');

/** A binding below the OBI prefix; `{param}` in the document's style, `:param` for the router. */
const rest = (method: HttpMethod, path: string) =>
  ({ protocol: 'rest', method, path: `${API_PREFIX}${path.replace(/\{(\w+)\}/g, ':$1')}` }) as const;

const error = (description: string) => ({ description, schema: ErrorSchema, contentTypes: JSON_XML });

/** Failures every endpoint can answer (statuses and bodies assumed: the document shows none). */
const COMMON = {
  '401': {
    ...error('assumed body: missing or wrong HTTP Basic credentials'),
    headers: { 'WWW-Authenticate': 'Basic realm="OBI"' },
  },
};
const ENTITY = {
  '400': error('assumed: an id that is not id32/id36'),
  '404': error('assumed: no such campaign/customer'),
};
const BODY = {
  '400': error(
    'assumed: malformed body, values Jackson cannot bind (null reads as absent; numbers, numeric text coerced as Jackson does), unknown fields or a rule of the document broken',
  ),
  '404': error('assumed: no such campaign'),
  '415': error('assumed: Content-Type other than the documented ones'),
};
const NEGOTIATED = { '406': error('assumed: Accept names no type the endpoint produces') };

/** Every endpoint of the document, below the vendor mount (`/sinch`); GETs only read. */
export const SINCH_OPERATIONS = declareOperations([
  {
    name: 'listCampaigns',
    binding: rest('GET', '/campaigns'),
    readOnly: true,
    produces: PRODUCES,
    summary: 'Get a list of campaigns.',
    description: 'Search fields take * and ? patterns, except ID fields (id32/id36); date fields come in x/xEnd pairs.',
    tags: ['campaigns'],
    query: CampaignsQuerySchema,
    responses: {
      '200': { description: 'documented', schema: CampaignListSchema, contentTypes: JSON_XML },
      '400': error('assumed: unknown search field, ID field not a GUID, or a malformed date'),
      ...COMMON,
      ...NEGOTIATED,
    },
  },
  {
    name: 'getCampaign',
    binding: rest('GET', '/campaigns/{campaignId}'),
    readOnly: true,
    produces: PRODUCES,
    summary: 'Get the campaign with campaignId = {campaignId}.',
    tags: ['campaigns'],
    parameters: [campaignId],
    query: CampaignsQuerySchema.pick({ statistics: true, statisticsDate: true, agentId: true }),
    responses: {
      '200': { description: 'documented', schema: CampaignSchema, contentTypes: JSON_XML },
      ...ENTITY,
      ...COMMON,
      ...NEGOTIATED,
    },
  },
  {
    name: 'updateCampaign',
    binding: rest('PUT', '/campaigns/{campaignId}'),
    readOnly: false,
    summary: 'Update the campaign with campaignId = {campaignId}. Provide all properties since all fields are updated.',
    tags: ['campaigns'],
    parameters: [campaignId],
    requestBody: { schema: CampaignUpdateSchema, contentTypes: JSON_XML },
    responses: { '204': { description: 'documented: no content' }, ...BODY, ...COMMON },
  },
  {
    name: 'setCampaignStatus',
    binding: rest('PUT', '/campaigns/{campaignId}/status'),
    readOnly: false,
    summary: 'Value can be one of Passive, Active.',
    tags: ['campaigns'],
    parameters: [campaignId],
    requestBody: { schema: SettableStatusSchema, contentTypes: ['text/plain'] },
    responses: {
      '204': { description: 'documented: no content' },
      ...BODY,
      '400': error('assumed: a value other than Active/Passive, or a change the campaign status does not allow'),
      ...COMMON,
    },
  },
  {
    name: 'getCustomerResultStatistics',
    binding: rest('GET', '/campaigns/{campaignId}/customerResultStatistics'),
    readOnly: true,
    produces: PRODUCES,
    summary: "Get a list of statistics on customers' results in the campaign.",
    tags: ['campaigns'],
    parameters: [campaignId],
    responses: {
      '200': { description: 'documented', schema: CustomerResultStatisticsSchema, contentTypes: JSON_XML },
      ...ENTITY,
      ...COMMON,
      ...NEGOTIATED,
    },
  },
  {
    name: 'listCustomers',
    binding: rest('GET', '/campaigns/{campaignId}/customers'),
    readOnly: true,
    produces: PRODUCES,
    summary: 'Get a list of customers.',
    tags: ['customers'],
    parameters: [campaignId],
    query: CustomersQuerySchema,
    responses: {
      '200': { description: 'documented', schema: CustomerListSchema, contentTypes: JSON_XML },
      ...ENTITY,
      '400': error('assumed: unknown search field, bad GUID/date/offset/limit, attributeValue without attributeName'),
      ...COMMON,
      ...NEGOTIATED,
    },
  },
  {
    name: 'createCustomer',
    binding: rest('POST', '/campaigns/{campaignId}/customers'),
    readOnly: false,
    produces: ['text/html'],
    summary: 'Add a new customer.',
    tags: ['customers'],
    parameters: [campaignId],
    requestBody: { schema: NewCustomerSchema, contentTypes: JSON_XML },
    responses: {
      '201': {
        description: 'documented: the created id as text/html, and in Location',
        schema: z.string().regex(/^[0-9A-F]{32}$/),
        contentTypes: ['text/html'],
        headers: { Location: 'URL of the created customer' },
      },
      ...BODY,
      ...COMMON,
      ...NEGOTIATED,
    },
  },
  {
    name: 'createCustomerList',
    binding: rest('POST', '/campaigns/{campaignId}/customers/list'),
    readOnly: false,
    // A client following the document's rule "POST should also have Accept = text/html" gets the JSON answer.
    produces: [...PRODUCES, 'text/html'],
    summary: 'Add array of new customers (recommended maximum 100 per request; not enforced).',
    tags: ['customers'],
    parameters: [campaignId],
    query: BulkQuerySchema,
    requestBody: { schema: z.array(NewCustomerSchema), contentTypes: JSON_XML },
    responses: {
      '200': {
        description: 'documented: one {statusCode, id?, error?} per item (201 created, 200 validated only, else error)',
        schema: BulkResultSchema,
        contentTypes: JSON_XML,
      },
      ...BODY,
      ...COMMON,
      ...NEGOTIATED,
    },
  },
  {
    name: 'getCustomer',
    binding: rest('GET', '/campaigns/{campaignId}/customers/{customerId}'),
    readOnly: true,
    produces: PRODUCES,
    summary: 'Get the customer with customerId = {customerId}.',
    description: "The document's example carries the script with no parameter: includeScript defaults to true here.",
    tags: ['customers'],
    parameters: [campaignId, customerId],
    query: CustomersQuerySchema.pick({ includeScript: true }),
    responses: {
      '200': { description: 'documented', schema: CustomerSchema, contentTypes: JSON_XML },
      ...ENTITY,
      ...COMMON,
      ...NEGOTIATED,
    },
  },
  {
    name: 'deleteCustomer',
    binding: rest('DELETE', '/campaigns/{campaignId}/customers/{customerId}'),
    readOnly: false,
    summary: 'Delete the customer.',
    tags: ['customers'],
    parameters: [campaignId, customerId],
    responses: { '204': { description: 'documented: no content' }, ...ENTITY, ...COMMON },
  },
  {
    name: 'listStatistics',
    binding: rest('GET', '/statistics'),
    readOnly: true,
    produces: PRODUCES,
    summary: 'Get a list of outbound campaign statistics, grouped by campaignId and agentId.',
    tags: ['statistics'],
    query: StatisticsQuerySchema,
    responses: {
      '200': { description: 'documented', schema: z.array(StatisticsEntrySchema), contentTypes: JSON_XML },
      '400': error('assumed: unknown field, a campaignId/agentId that is not a GUID, or a malformed date'),
      ...COMMON,
      ...NEGOTIATED,
    },
  },
]);

export function sinchOpenApi(): OpenAPIV3_1.Document {
  return buildOpenApi({
    title: 'Sinch Contact Center — Restful Outbound Campaign Interface (OBI) v1 (campaign-sim)',
    version: '1.0.0',
    description:
      'Generated from contracts/sinch/schemas.ts. JSON and XML by content negotiation (Accept / Content-Type); ' +
      'HTTP Basic authentication with the sandbox user and password.',
    serverUrl: `/sinch${API_PREFIX}`,
    basePath: API_PREFIX,
    operations: SINCH_OPERATIONS,
    securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
    security: [{ basic: [] }],
  });
}
