import type { z } from 'zod';
import {
  type BulkItemResult,
  BulkResultSchema,
  type Campaign,
  CampaignListSchema,
  CampaignSchema,
  type CampaignUpdate,
  CampaignUpdateSchema,
  type Customer,
  CustomerListSchema,
  type CustomerResultStatistic,
  CustomerResultStatisticsSchema,
  CustomerSchema,
  ErrorSchema,
  type NewCustomerInput,
  NewCustomerSchema,
  type SettableStatus,
  type StatisticsEntry,
  StatisticsEntrySchema,
} from '../../../contracts/sinch/schemas.ts';
import { basicAuthorization, checkContract, parseJsonOrUndefined } from '../core/contract.ts';
import {
  HttpClient,
  type HttpRequest,
  type HttpResponse,
  type TransportOptions,
  transportOptions,
} from '../core/http.ts';
import {
  SinchHttpError,
  SinchNotFoundError,
  type SinchOperation,
  SinchResponseError,
  SinchUnauthorizedError,
} from './errors.ts';
import { coerceToSchema, parseXmlDocument, toXml, xmlCollection, xmlEntity } from './xml.ts';

export type WireFormat = 'json' | 'xml';

export interface SinchClientConfig extends TransportOptions {
  /** `http(s)://host:port/RI/obi` (the simulator's `vendors.sinch.baseUrl`). */
  baseUrl: string;
  /** HTTP Basic: a Contact Center user with rights to the objects. */
  username: string;
  password: string;
  /** Wire format of every call unless a call says otherwise (default JSON). */
  format?: WireFormat;
}

export interface CallOptions {
  format?: WireFormat;
}

/** A query date: an ISO string or a Date. */
export type QueryDate = string | Date;

/** Search values take `*` and `?` patterns; ID fields (dialerId, queueId) take an id32/id36 GUID. */
export interface CampaignQuery {
  name?: string;
  dialerId?: string;
  dialerName?: string;
  dialingMode?: string;
  /** One status or several (comma-separated on the wire). */
  status?: string | string[];
  dialerStatus?: string;
  queueId?: string;
  queueName?: string;
  customIvrNumber?: string;
  total?: string | number;
  handled?: string | number;
  maxCalls?: string | number;
  filtered?: string | number;
  timeZone?: string;
  startDate?: QueryDate;
  startDateEnd?: QueryDate;
  endDate?: QueryDate;
  endDateEnd?: QueryDate;
  registered?: QueryDate;
  registeredEnd?: QueryDate;
}

export interface StatisticsOptions {
  /** Adds `stats` (total and today's daily statistics). */
  statistics?: boolean;
  /** Daily statistics of that UTC day instead (needs statistics). */
  statisticsDate?: QueryDate;
  /** Statistics of these agents only; campaigns without any are left out. */
  agentId?: string | string[];
}

export interface CustomerQuery {
  includeScript?: boolean;
  agentId?: string | string[];
  externalId?: string;
  numbers?: string;
  result?: string;
  callResult?: string;
  classifier?: string;
  callCount?: string | number;
  lastBNumber?: string | number;
  dialingMode?: string;
  previewTime?: string | number;
  priority?: string | number;
  timeZone?: string;
  date?: QueryDate;
  dateEnd?: QueryDate;
  modificationDate?: QueryDate;
  modificationDateEnd?: QueryDate;
  attributeName?: string;
  /** Needs attributeName (the service answers 400 otherwise). */
  attributeValue?: string;
  offset?: number;
  limit?: number;
}

export interface StatisticsQuery {
  startDate?: QueryDate;
  endDate?: QueryDate;
  campaignId?: string;
  agentId?: string;
}

export interface CreatedCustomer {
  id: string;
  /** The `Location` header. */
  location: string | undefined;
}

type QueryValue = string | number | boolean | Date | string[] | undefined;

/** Query parameters on the wire: lists comma-joined, dates ISO, undefined left out. */
function wireQuery(query: Record<string, QueryValue>): HttpRequest['query'] {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[key] = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

const ID32 = /^[0-9A-F]{32}$/;

const MEDIA: Record<WireFormat, string> = { json: 'application/json', xml: 'application/xml' };

/** How a response body of each operation reads (XML root and item element for collections). */
interface Shape {
  schema: z.ZodType;
  root: string;
  item?: string;
}

/**
 * Typed client of the Sinch Contact Center Restful Outbound Campaign Interface (OBI) v1. JSON by default, XML per
 * client or per call; HTTP Basic authentication. Failures throw:
 * - `SinchHttpError` (with `SinchNotFoundError` / `SinchUnauthorizedError`) for HTTP 4xx/5xx, after retries on
 *   429/5xx honouring Retry-After;
 * - `TimeoutError` / `NetworkError` from the transport; `SinchResponseError` when a 2xx body breaks the contract;
 * - `TypeError` before sending when a request body breaks the contract.
 */
export class SinchClient {
  readonly config: Readonly<SinchClientConfig>;
  private readonly http: HttpClient;

  constructor(config: SinchClientConfig) {
    this.config = config;
    this.http = new HttpClient({
      baseUrl: config.baseUrl,
      headers: { authorization: basicAuthorization(config.username, config.password) },
      ...transportOptions(config),
    });
  }

  listCampaigns(query: CampaignQuery & StatisticsOptions = {}, options?: CallOptions): Promise<Campaign[]> {
    return this.read('listCampaigns', '/campaigns', wireQuery({ ...query }), options, {
      schema: CampaignListSchema,
      root: 'campaigns',
      item: 'campaign',
    });
  }

  getCampaign(campaignId: string, stats: StatisticsOptions = {}, options?: CallOptions): Promise<Campaign> {
    return this.read('getCampaign', `/campaigns/${enc(campaignId)}`, wireQuery({ ...stats }), options, {
      schema: CampaignSchema,
      root: 'campaign',
    });
  }

  /** Full replace: every property not given is cleared (document). */
  async updateCampaign(campaignId: string, update: CampaignUpdate, options?: CallOptions): Promise<void> {
    const body = this.body('updateCampaign', CampaignUpdateSchema, update, 'campaign', options);
    await this.write('updateCampaign', { method: 'PUT', path: `/campaigns/${enc(campaignId)}`, ...body });
  }

  async setCampaignStatus(campaignId: string, status: SettableStatus): Promise<void> {
    await this.write('setCampaignStatus', {
      method: 'PUT',
      path: `/campaigns/${enc(campaignId)}/status`,
      body: status,
      contentType: 'text/plain',
    });
  }

  getCustomerResultStatistics(campaignId: string, options?: CallOptions): Promise<CustomerResultStatistic[]> {
    return this.read(
      'getCustomerResultStatistics',
      `/campaigns/${enc(campaignId)}/customerResultStatistics`,
      {},
      options,
      {
        schema: CustomerResultStatisticsSchema,
        root: 'customerResultStatistics',
        item: 'customerResultStatistic',
      },
    );
  }

  listCustomers(campaignId: string, query: CustomerQuery = {}, options?: CallOptions): Promise<Customer[]> {
    return this.read('listCustomers', `/campaigns/${enc(campaignId)}/customers`, wireQuery({ ...query }), options, {
      schema: CustomerListSchema,
      root: 'customers',
      item: 'customer',
    });
  }

  /** Every matching customer, page by page (`limit` per request, default 100). */
  async *allCustomers(campaignId: string, query: Omit<CustomerQuery, 'offset'> = {}, options?: CallOptions) {
    const limit = query.limit ?? 100;
    for (let offset = 0; ; offset += limit) {
      const page = await this.listCustomers(campaignId, { ...query, offset, limit }, options);
      yield* page;
      if (page.length < limit) return;
    }
  }

  getCustomer(campaignId: string, customerId: string, query: { includeScript?: boolean } = {}, options?: CallOptions) {
    return this.read<Customer>(
      'getCustomer',
      `/campaigns/${enc(campaignId)}/customers/${enc(customerId)}`,
      wireQuery(query),
      options,
      { schema: CustomerSchema, root: 'customer' },
    );
  }

  /** `POST /customers`: 201 with the new id (text/html) and `Location`. */
  async createCustomer(
    campaignId: string,
    customer: NewCustomerInput,
    options?: CallOptions,
  ): Promise<CreatedCustomer> {
    const body = this.body('createCustomer', NewCustomerSchema, customer, 'customer', options);
    const res = await this.write('createCustomer', {
      method: 'POST',
      path: `/campaigns/${enc(campaignId)}/customers`,
      accept: 'text/html',
      ...body,
    });
    // The id is the body; the Location header carries it too (document), which covers an empty body.
    const location = res.headers.get('location') ?? undefined;
    const id = [res.text.trim(), location?.split('/').pop() ?? ''].find((candidate) => ID32.test(candidate));
    if (!id) throw new SinchResponseError('createCustomer', res.text, 'neither the body nor Location holds an id32');
    return { id, location };
  }

  /**
   * `POST /customers/list`: one `{statusCode, id?, error?}` per customer, in order (201 created, 400 refused, 200
   * validated only when `stopProcessIfInvalidEntriesFound` stopped the batch).
   */
  async createCustomers(
    campaignId: string,
    customers: NewCustomerInput[],
    query: { stopProcessIfInvalidEntriesFound?: boolean } = {},
    options?: CallOptions,
  ): Promise<BulkItemResult[]> {
    const format = options?.format ?? this.config.format ?? 'json';
    customers.forEach((c, i) => this.check('createCustomerList', NewCustomerSchema, c, `customers.${i}`));
    const body =
      format === 'xml' ? toXml('customers', { customer: customers.map(xmlCustomer) }) : JSON.stringify(customers);
    const res = await this.write('createCustomerList', {
      method: 'POST',
      path: `/campaigns/${enc(campaignId)}/customers/list`,
      query: wireQuery(query),
      body,
      contentType: MEDIA[format],
      accept: MEDIA[format],
    });
    return this.parse('createCustomerList', res, format, { schema: BulkResultSchema, root: 'items', item: 'item' });
  }

  async deleteCustomer(campaignId: string, customerId: string): Promise<void> {
    await this.write('deleteCustomer', {
      method: 'DELETE',
      path: `/campaigns/${enc(campaignId)}/customers/${enc(customerId)}`,
    });
  }

  listStatistics(query: StatisticsQuery = {}, options?: CallOptions): Promise<StatisticsEntry[]> {
    return this.read('listStatistics', '/statistics', wireQuery({ ...query }), options, {
      schema: StatisticsEntrySchema.array(),
      root: 'statistics',
      item: 'statistic',
    });
  }

  // ---- plumbing --------------------------------------------------------------------------------------------------

  private check(operation: SinchOperation, schema: z.ZodType, value: unknown, what: string): void {
    checkContract(schema, value, (issues) => new TypeError(`${operation}: invalid ${what}: ${issues}`));
  }

  /** A request body in the call's format, checked against the contract first. */
  private body(operation: SinchOperation, schema: z.ZodType, value: object, root: string, options?: CallOptions) {
    this.check(operation, schema, value, 'request');
    const format = options?.format ?? this.config.format ?? 'json';
    const text =
      format === 'xml' ? toXml(root, root === 'customer' ? xmlCustomer(value) : value) : JSON.stringify(value);
    return { body: text, contentType: MEDIA[format] };
  }

  private async read<T>(
    operation: SinchOperation,
    path: string,
    query: HttpRequest['query'],
    options: CallOptions | undefined,
    shape: Shape,
  ): Promise<T> {
    const format = options?.format ?? this.config.format ?? 'json';
    const res = await this.write(operation, { method: 'GET', path, query, accept: MEDIA[format] });
    return this.parse(operation, res, format, shape) as T;
  }

  /** Sends; any non-2xx answer becomes a SinchHttpError. */
  private async write(operation: SinchOperation, request: HttpRequest): Promise<HttpResponse> {
    const res = await this.http.send({ accept: MEDIA.json, ...request });
    if (res.status >= 200 && res.status <= 299) return res;
    const isXml = res.headers.get('content-type')?.includes('xml') ?? false;
    const raw = isXml ? safeXmlEntity(res.text) : parseJsonOrUndefined(res.text);
    const error = ErrorSchema.safeParse(raw);
    const ErrorClass =
      res.status === 404 ? SinchNotFoundError : res.status === 401 ? SinchUnauthorizedError : SinchHttpError;
    throw new ErrorClass(
      operation,
      res.status,
      res.text,
      res.headers,
      error.success ? error.data.error : undefined,
      res.attempts,
    );
  }

  private parse<T>(operation: SinchOperation, res: HttpResponse, format: WireFormat, shape: Shape): T {
    let value: unknown;
    try {
      if (format === 'json') value = parseJsonOrUndefined(res.text);
      else if (shape.item) value = xmlCollection(res.text, shape.root, shape.item, shape.schema);
      else value = xmlEntity(res.text, shape.root, shape.schema);
    } catch (err) {
      throw new SinchResponseError(operation, res.text, (err as Error).message);
    }
    return checkContract(shape.schema, value, (issues) => new SinchResponseError(operation, res.text, issues)) as T;
  }
}

const enc = encodeURIComponent;

/** XML has no bare arrays: attributes always travel in their `<attributes><attribute>` wrapper. */
function xmlCustomer(customer: object): object {
  const { attributes, ...rest } = customer as NewCustomerInput;
  if (attributes === undefined) return rest;
  return { ...rest, attributes: Array.isArray(attributes) ? { attribute: attributes } : attributes };
}

function safeXmlEntity(text: string): unknown {
  try {
    return coerceToSchema(ErrorSchema, parseXmlDocument(text).error);
  } catch {
    return undefined;
  }
}

/** The `vendors.sinch` section of a simulator sandbox description (`POST /__admin/sandboxes`). */
export interface SinchSandboxSection {
  baseUrl: string;
  username: string;
  password: string;
}

/** Client configuration for a simulator sandbox. */
export function sinchConfigFromSandbox(
  section: SinchSandboxSection,
  overrides: Partial<SinchClientConfig> = {},
): SinchClientConfig {
  return { baseUrl: section.baseUrl, username: section.username, password: section.password, ...overrides };
}
