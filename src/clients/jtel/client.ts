import type { z } from 'zod';
import {
  type AcdEvent,
  AcdEventListSchema,
  AcdEventRecordsSchema,
  type AcdEventStatus,
  AcdEventStatusListSchema,
  type AcdEventType,
  AcdEventTypeListSchema,
  type AcdGroup,
  AcdGroupRecordsSchema,
  type CreateAcdEventRequest,
  type DiallerCampaign,
  DiallerCampaignListSchema,
  DiallerCampaignRecordsSchema,
  type DiallerContact,
  DiallerContactListSchema,
  DiallerContactRecordsSchema,
  type ResultCode,
  ResultCodeRecordsSchema,
  StatusResponseSchema,
} from '../../../contracts/jtel/schemas.ts';
import { checkContract, parseJsonOrUndefined } from '../core/contract.ts';
import { HttpClient, type HttpRequest, type TransportOptions, transportOptions } from '../core/http.ts';
import { JtelHttpError, JtelResponseError } from './errors.ts';

export interface JtelClientConfig extends TransportOptions {
  /** `http(s)://{host}:{port}/rest/v1.0/{ClientsID}` (in tests: `vendors.jtel.baseUrl`). */
  baseUrl: string;
  /** The client account's Bearer token. */
  token: string;
}

/** What the sandbox description's `vendors.jtel` section gives a client. */
export interface JtelSandboxSection {
  baseUrl: string;
  token: string;
}

export const jtelConfigFromSandbox = (
  section: JtelSandboxSection,
  transport: TransportOptions = {},
): JtelClientConfig => ({
  baseUrl: section.baseUrl,
  token: section.token,
  ...transport,
});

/** A create's answer: the event, and whether jtel returned an existing one updated instead (`Result_` UPDATED). */
export interface CreatedAcdEvent {
  event: AcdEvent;
  updated: boolean;
}

const segment = (value: number | string) => encodeURIComponent(String(value));

/**
 * Typed client of the jtel REST API (ACD events, ACD groups, dialler campaigns and contacts). Every call sends
 * `Authorization: Bearer {token}`; a non-2xx answer throws `JtelHttpError` (`code`: badRequest, unauthorized,
 * notFound, noSuchEndpoint, conflict), a 2xx body that breaks the contract `JtelResponseError`.
 */
export class JtelClient {
  private readonly http: HttpClient;

  constructor(readonly config: Readonly<JtelClientConfig>) {
    this.http = new HttpClient({
      baseUrl: config.baseUrl.replace(/\/$/, ''),
      headers: { authorization: `Bearer ${config.token}` },
      ...transportOptions(config),
    });
  }

  // ---- ACD events ---------------------------------------------------------------------------------------------

  /** All events of the client account, ordered by dtCreated. */
  async listAcdEvents(): Promise<AcdEvent[]> {
    return (await this.call('listAcdEvents', { method: 'GET', path: '/acd/events' }, AcdEventListSchema)).records;
  }

  async getAcdEvent(id: number): Promise<AcdEvent> {
    return this.one('getAcdEvent', `/acd/events/event/${segment(id)}`, AcdEventRecordsSchema);
  }

  async listAcdEventTypes(): Promise<AcdEventType[]> {
    return (await this.call('listAcdEventTypes', { method: 'GET', path: '/acd/events/types' }, AcdEventTypeListSchema))
      .records;
  }

  async listAcdEventStatuses(): Promise<AcdEventStatus[]> {
    const res = await this.call(
      'listAcdEventStatuses',
      { method: 'GET', path: '/acd/events/statuses' },
      AcdEventStatusListSchema,
    );
    return res.records;
  }

  /** Creates an event; `updated` when the group forbids duplicates and an open one was returned with a comment. */
  async createAcdEvent(event: CreateAcdEventRequest): Promise<CreatedAcdEvent> {
    const res = await this.call('createAcdEvent', this.json('/acd/events/create', event), AcdEventRecordsSchema);
    const created = this.first('createAcdEvent', res.records);
    return { event: created, updated: created.Result_ === 'UPDATED' };
  }

  // ---- ACD groups ---------------------------------------------------------------------------------------------

  async getAcdGroup(id: number): Promise<AcdGroup> {
    return this.one('getAcdGroup', `/acd/groups/group/${segment(id)}`, AcdGroupRecordsSchema);
  }

  /** Every group whose name contains `name` (partial match). */
  async findAcdGroups(name: string): Promise<AcdGroup[]> {
    const res = await this.call(
      'findAcdGroups',
      { method: 'GET', path: '/acd/groups/group', query: { name } },
      AcdGroupRecordsSchema,
    );
    return res.records;
  }

  // ---- Dialler campaigns --------------------------------------------------------------------------------------

  /** All campaigns, ordered by Name. */
  async listDiallerCampaigns(): Promise<DiallerCampaign[]> {
    const res = await this.call(
      'listDiallerCampaigns',
      { method: 'GET', path: '/dialler/campaigns' },
      DiallerCampaignListSchema,
    );
    return res.records;
  }

  async getDiallerCampaign(id: number): Promise<DiallerCampaign> {
    return this.one('getDiallerCampaign', `/dialler/campaigns/${segment(id)}`, DiallerCampaignRecordsSchema);
  }

  /** Every campaign whose name contains `name` (partial match). */
  async findDiallerCampaigns(name: string): Promise<DiallerCampaign[]> {
    const res = await this.call(
      'findDiallerCampaigns',
      { method: 'GET', path: '/dialler/campaigns/campaign', query: { name } },
      DiallerCampaignRecordsSchema,
    );
    return res.records;
  }

  /** The campaign's result codes with English (1) or German (2) names. */
  async getResultCodes(campaignId: number, languagesID: 1 | 2): Promise<ResultCode[]> {
    const res = await this.call(
      'getResultCodes',
      { method: 'GET', path: `/dialler/campaigns/campaign/${segment(campaignId)}/resultCodes`, query: { languagesID } },
      ResultCodeRecordsSchema,
    );
    return res.records;
  }

  /** Clones `source` as `destination` without its contacts; 404 unknown source, 409 existing destination. */
  async cloneDiallerCampaign(source: string, destination: string, userData?: string): Promise<DiallerCampaign> {
    const body = { source, destination, ...(userData === undefined ? {} : { userData }) };
    const res = await this.call(
      'cloneDiallerCampaign',
      this.json('/dialler/campaigns/clone', body),
      DiallerCampaignRecordsSchema,
    );
    return this.first('cloneDiallerCampaign', res.records);
  }

  /** Deletes a campaign with its result codes and contacts. */
  async deleteDiallerCampaign(id: number): Promise<void> {
    await this.call(
      'deleteDiallerCampaign',
      { method: 'DELETE', path: `/dialler/campaigns/${segment(id)}` },
      StatusResponseSchema,
    );
  }

  async deleteDiallerCampaignByName(name: string): Promise<void> {
    await this.call(
      'deleteDiallerCampaignByName',
      { method: 'DELETE', path: '/dialler/campaigns/campaign', query: { name } },
      StatusResponseSchema,
    );
  }

  // ---- Dialler contacts ---------------------------------------------------------------------------------------

  async listDiallerContacts(diallerCampaignsID?: number): Promise<DiallerContact[]> {
    const res = await this.call(
      'listDiallerContacts',
      { method: 'GET', path: '/dialler/contacts', query: { diallerCampaignsID } },
      DiallerContactListSchema,
    );
    return res.records;
  }

  async getDiallerContact(id: number): Promise<DiallerContact> {
    return this.one('getDiallerContact', `/dialler/contacts/${segment(id)}`, DiallerContactRecordsSchema);
  }

  // ---- Plumbing -----------------------------------------------------------------------------------------------

  private json(path: string, body: unknown): HttpRequest {
    return { method: 'POST', path, body: JSON.stringify(body), contentType: 'application/json' };
  }

  private async call<T extends z.ZodType>(operation: string, request: HttpRequest, schema: T): Promise<z.infer<T>> {
    const res = await this.http.send({ accept: 'application/json', ...request });
    if (res.status !== 200) throw new JtelHttpError(operation, res.status, res.text, res.headers, res.attempts);
    return checkContract(
      schema,
      parseJsonOrUndefined(res.text),
      (issues) => new JtelResponseError(operation, res.text, issues),
    );
  }

  private async one<R>(operation: string, path: string, schema: z.ZodType<{ records: R[] }>): Promise<R> {
    return this.first(operation, (await this.call(operation, { method: 'GET', path }, schema)).records);
  }

  private first<R>(operation: string, records: R[]): R {
    if (records.length !== 1)
      throw new JtelResponseError(operation, '', `${records.length} records where one was expected`);
    return records[0] as R;
  }
}
