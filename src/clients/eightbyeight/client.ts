import { XMLParser } from 'fast-xml-parser';
import type { z } from 'zod';
import {
  type AddCustomerOutcome,
  AddCustomersResponseSchema,
  type Campaign,
  type CampaignRecord,
  CampaignRecordSchema,
  CampaignResponseSchema,
  MESSAGES,
  MessageResponseSchema,
  RecordsResponseSchema,
  type StatusRequest,
} from '../../../contracts/eightbyeight/schemas.ts';
import { basicAuthorization, checkContract, parseJsonOrUndefined } from '../core/contract.ts';
import {
  HttpClient,
  type HttpRequest,
  type HttpResponse,
  TimeoutError,
  type TransportOptions,
  transportOptions,
} from '../core/http.ts';
import { EightByEightHttpError, EightByEightResponseError } from './errors.ts';

/** The vendor's real base URL: the platform is the host (`vcc-na12.8x8.com`). */
export function eightByEightBaseUrl(platform: string): string {
  return `https://vcc-${platform.toLowerCase()}.8x8.com`;
}

export interface EightByEightClientConfig extends TransportOptions {
  /** Everything before `/api`; defaults to the vendor URL of `platform`. In tests: `vendors.eightbyeight.baseUrl`. */
  baseUrl?: string;
  /** Contact Center platform, e.g. `na12` (needed when baseUrl is not given). */
  platform?: string;
  /** Basic username: generally the tenant name. */
  username: string;
  /** Password of the add (and, by default, of the status change: `statusToken`). */
  actionToken: string;
  /** Password of read calls (records, campaign) and, by default, of DELETE (`deleteToken`). */
  dataToken: string;
  /**
   * Which token DELETE sends. Default `data`, as 8x8's record page DELETE table says; 8x8's OpenAPI says `action`.
   */
  deleteToken?: 'action' | 'data';
  /**
   * Which token the status change sends. Default `action`, as 8x8's OpenAPI and the status page's prose say; the
   * status page's POST table says `data`.
   */
  statusToken?: 'action' | 'data';
  /** How the status change is sent: `POST` (8x8's status page, default) or `PATCH` (8x8's OpenAPI). */
  statusMethod?: 'POST' | 'PATCH';
  /** CRM field name for the `phone-list` filter (`*Contact Number|5551234567`). */
  phoneField?: string;
}

export interface RecordToAdd {
  /** ACCOUNTNUM of the customer in the CC CRM. */
  customerId: number | string;
  /** ISO 8601 text (sent as given) or a Date (sent as `toISOString()`); at most 7 days ahead. */
  scheduleDateTime?: string | Date;
}

/** What happened to one record of an add, by the vendor's documented message. */
export type AddOutcomeKind =
  | 'added'
  | 'duplicate'
  | 'invalidScheduleFormat'
  | 'invalidCustomerId'
  | 'customerNotFound'
  | 'scheduleInPast'
  | 'outsideCampaignSchedule'
  | 'scheduleTooFarAhead'
  | 'rejected';

export interface AddOutcome {
  kind: AddOutcomeKind;
  /** Position in the request (the 207 body keeps request order). */
  index: number;
  customerId: number | string | null;
  scheduleDateTime?: string;
  httpStatus: 200 | 400 | 404;
  message?: string;
}

export interface AddRecordsResult {
  /** One per record, in request order. */
  outcomes: AddOutcome[];
  added: AddOutcome[];
  refused: AddOutcome[];
}

export interface RecordsQuery {
  /** Only the records of this phone number (sent as `phone-list=*<phoneField>|<phone>`). */
  phone?: string;
}

const OUTCOME_KINDS: [(message: string) => boolean, AddOutcomeKind][] = [
  [(m) => m === MESSAGES.duplicateCustomer, 'duplicate'],
  [(m) => m === MESSAGES.invalidScheduleFormat, 'invalidScheduleFormat'],
  [(m) => m === MESSAGES.invalidCustomerId, 'invalidCustomerId'],
  [(m) => m === MESSAGES.customerIdNotFound, 'customerNotFound'],
  [(m) => m === MESSAGES.scheduleInPast, 'scheduleInPast'],
  [
    (m) => m.startsWith('The subject schedule-date-time is outside the campaign schedule from '),
    'outsideCampaignSchedule',
  ],
  [(m) => m === MESSAGES.scheduleTooFarAhead, 'scheduleTooFarAhead'],
];

function outcomeOf(entry: AddCustomerOutcome, index: number): AddOutcome {
  const message = entry.message;
  const kind =
    entry['http-status'] === 200
      ? 'added'
      : (OUTCOME_KINDS.find(([matches]) => message !== undefined && matches(message))?.[1] ?? 'rejected');
  return {
    kind,
    index,
    customerId: entry['customer-id'],
    ...(entry['schedule-date-time'] === undefined ? {} : { scheduleDateTime: entry['schedule-date-time'] }),
    httpStatus: entry['http-status'],
    ...(message === undefined ? {} : { message }),
  };
}

const xmlParser = new XMLParser({
  parseTagValue: false,
  isArray: (_name, jpath) => String(jpath) === 'records.record',
});
const NUMERIC_FIELDS = ['campaign-id', 'record-id', 'status', 'status-code', 'disposition-code'] as const;

/** One flat JSON object (scalar values only, as every record is), anchored where the previous one ended. */
const FLAT_OBJECT = /\s*,?\s*(\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\})/y;
const ARRAY_START = /"record"\s*:\s*\[/;
const ARRAY_END = /\s*\]/y;
/** A record larger than this without completing means the body is not a records list. */
const MAX_PENDING_CHARS = 1024 * 1024;

/**
 * Splits the streamed `{"records":{"record":[{…},{…}]}}` into batches of record objects as chunks arrive, without
 * holding the whole body (5,000,000 records are ~900 MB of JSON). Each record is matched where the previous one
 * ended, so braces inside string values are never mistaken for structure; each chunk's records are parsed with
 * one JSON.parse.
 */
export class RecordStreamParser {
  private pending = '';
  private inArray = false;
  private done = false;

  push(chunk: string): unknown[] {
    if (this.done) return [];
    const text = this.pending + chunk;
    let at = 0;
    if (!this.inArray) {
      const start = ARRAY_START.exec(text);
      if (!start) {
        this.pending = this.guard(text);
        return [];
      }
      this.inArray = true;
      at = start.index + start[0].length;
    }
    // Match record after record to find where the complete ones end, then parse them in one go.
    let first = -1;
    let end = at;
    for (;;) {
      FLAT_OBJECT.lastIndex = end;
      const match = FLAT_OBJECT.exec(text);
      if (!match) break;
      if (first < 0) first = FLAT_OBJECT.lastIndex - (match[1] as string).length;
      end = FLAT_OBJECT.lastIndex;
    }
    const records = first < 0 ? [] : (JSON.parse(`[${text.slice(first, end)}]`) as unknown[]);
    ARRAY_END.lastIndex = end;
    if (ARRAY_END.test(text)) {
      this.done = true;
      this.pending = '';
    } else {
      this.pending = this.guard(text.slice(end));
    }
    return records;
  }

  /** Call at the end of the body: a list that never closed is a broken answer. */
  finish(): void {
    if (!this.done) throw new Error('records list ended early');
  }

  private guard(rest: string): string {
    if (rest.length > MAX_PENDING_CHARS) throw new Error('records list is not a list of flat record objects');
    return rest;
  }
}

async function* textChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) yield decoder.decode(bytes, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Typed client of the 8x8 Contact Center Dynamic Campaigns API (HTTP Basic, username = tenant). Reads send the Data
 * Request Token, the add the Action Request Token; DELETE and the status change send the token the config names
 * (8x8's sources disagree there). An add resolves with one typed outcome per record (the
 * HTTP 207 body); every other non-2xx answer throws `EightByEightHttpError` (with `code` for documented messages),
 * a 2xx body that breaks the contract throws `EightByEightResponseError`.
 *
 * Retries (429/5xx, honouring Retry-After) apply to every call; a retried add may report "Duplicate customer" for
 * records the failed attempt had already added.
 */
export class EightByEightClient {
  readonly config: Readonly<EightByEightClientConfig>;
  private readonly http: HttpClient;

  constructor(config: EightByEightClientConfig) {
    if (!config.baseUrl && !config.platform) throw new Error('give baseUrl or platform');
    this.config = config;
    this.http = new HttpClient({
      baseUrl: config.baseUrl ?? eightByEightBaseUrl(config.platform as string),
      ...transportOptions(config),
    });
  }

  /** Adds CRM customers to a dynamic campaign; resolves with each record's outcome (HTTP 207). */
  async addRecords(campaignId: number | string, records: readonly RecordToAdd[]): Promise<AddRecordsResult> {
    const body = records.map((r) => ({
      'customer-id': r.customerId,
      ...(r.scheduleDateTime === undefined
        ? {}
        : {
            'schedule-date-time':
              r.scheduleDateTime instanceof Date ? r.scheduleDateTime.toISOString() : r.scheduleDateTime,
          }),
    }));
    const res = await this.send('action', {
      method: 'POST',
      path: `/api/tstats/campaigns/${encodeURIComponent(String(campaignId))}/customers`,
      body: JSON.stringify(body),
      contentType: 'application/json',
    });
    this.expect('addRecords', res, 207);
    const entries = this.parse('addRecords', res.text, AddCustomersResponseSchema);
    if (entries.length !== records.length) {
      throw new EightByEightResponseError(
        'addRecords',
        res.text,
        `${entries.length} outcomes for ${records.length} records`,
      );
    }
    const outcomes = entries.map(outcomeOf);
    return {
      outcomes,
      added: outcomes.filter((o) => o.kind === 'added'),
      refused: outcomes.filter((o) => o.kind !== 'added'),
    };
  }

  /**
   * Removes a New, Queued or Scheduled record from a campaign so it is not dialed again (HTTP 204). The key is the
   * customer's ACCOUNTNUM, which is also the record's `record-id`.
   */
  async deleteRecord(campaignId: number | string, customerId: number | string): Promise<void> {
    const res = await this.send(this.config.deleteToken ?? 'data', {
      method: 'DELETE',
      path: `/api/tstats/campaigns/${encodeURIComponent(String(campaignId))}/customers/${encodeURIComponent(String(customerId))}`,
    });
    this.expect('deleteRecord', res, 204);
  }

  /**
   * What a published 8x8 client does: looks the records of a phone number up on the XML list, then deletes each
   * by its `record-id`. Resolves with the record-ids removed.
   */
  async deleteRecordsByPhone(campaignId: number | string, phone: string): Promise<number[]> {
    const ids = (await this.listRecordsXml(campaignId, { phone })).map((record) => record['record-id']);
    for (const id of ids) await this.deleteRecord(campaignId, id);
    return ids;
  }

  /** The records of a campaign (records.json), parsed whole: for large campaigns use `streamRecords`. */
  async listRecords(campaignId: number | string, query: RecordsQuery = {}): Promise<CampaignRecord[]> {
    const res = await this.send('data', {
      method: 'GET',
      path: `/api/stats/campaigns/${encodeURIComponent(String(campaignId))}/records.json`,
      query: this.recordsQuery(query),
    });
    this.expect('listRecords', res, 200);
    return this.parse('listRecords', res.text, RecordsResponseSchema).records.record;
  }

  /** The records of a campaign from the XML endpoint (`/records`, no `.json`), with numbers as numbers. */
  async listRecordsXml(campaignId: number | string, query: RecordsQuery = {}): Promise<CampaignRecord[]> {
    const res = await this.send('data', {
      method: 'GET',
      path: `/api/stats/campaigns/${encodeURIComponent(String(campaignId))}/records`,
      query: this.recordsQuery(query),
      accept: 'application/xml',
    });
    this.expect('listRecordsXml', res, 200);
    let parsed: { records?: { record?: Record<string, string>[] } | '' };
    try {
      parsed = xmlParser.parse(res.text) as typeof parsed;
    } catch (err) {
      throw new EightByEightResponseError('listRecordsXml', res.text, (err as Error).message);
    }
    const items = typeof parsed.records === 'object' ? (parsed.records.record ?? []) : [];
    return items.map((item) => {
      const record: Record<string, unknown> = { ...item, 'ext-trans-data': item['ext-trans-data'] ?? '' };
      if (record['phone-list'] === undefined) record['phone-list'] = '';
      for (const field of NUMERIC_FIELDS) record[field] = Number(item[field]);
      return this.parse('listRecordsXml', JSON.stringify(record), CampaignRecordSchema);
    });
  }

  /**
   * The records of a campaign in batches (one per received chunk) while the answer streams in, for campaigns of
   * millions of records. No retries once the body has started; `validate: false` skips the per-record contract
   * check (faster).
   */
  async *streamRecordBatches(
    campaignId: number | string,
    query: RecordsQuery = {},
    options: { validate?: boolean } = {},
  ): AsyncGenerator<CampaignRecord[]> {
    const url = this.http.url(
      `/api/stats/campaigns/${encodeURIComponent(String(campaignId))}/records.json`,
      this.recordsQuery(query),
    );
    const fetchImpl = this.config.fetch ?? fetch;
    const controller = new AbortController();
    const timeoutMs = this.config.timeoutMs ?? 10_000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let res: Response;
    try {
      res = await fetchImpl(url, { headers: this.authHeaders('data'), signal: controller.signal });
    } catch (err) {
      throw controller.signal.aborted ? new TimeoutError(timeoutMs) : err;
    } finally {
      // The timeout covers the wait for the answer's head; a long stream may take longer than one request.
      clearTimeout(timer);
    }
    if (res.status !== 200 || !res.body) {
      throw new EightByEightHttpError('streamRecords', res.status, await res.text(), res.headers, 1);
    }
    const parser = new RecordStreamParser();
    const validate = options.validate ?? true;
    const check = (value: unknown) => this.parse('streamRecords', JSON.stringify(value), CampaignRecordSchema, value);
    try {
      for await (const chunk of textChunks(res.body)) {
        const values = parser.push(chunk);
        if (values.length > 0) yield validate ? values.map(check) : (values as CampaignRecord[]);
      }
      parser.finish();
    } catch (err) {
      if (err instanceof EightByEightResponseError) throw err;
      throw new EightByEightResponseError('streamRecords', '', (err as Error).message);
    }
  }

  /** `streamRecordBatches`, one record at a time. */
  async *streamRecords(
    campaignId: number | string,
    query: RecordsQuery = {},
    options: { validate?: boolean } = {},
  ): AsyncGenerator<CampaignRecord> {
    for await (const batch of this.streamRecordBatches(campaignId, query, options)) yield* batch;
  }

  /** The campaign object (status id 0–11, counts, schedule). */
  async getCampaign(campaignId: number | string): Promise<Campaign> {
    const res = await this.send('data', {
      method: 'GET',
      path: `/api/stats/campaigns/${encodeURIComponent(String(campaignId))}.json`,
    });
    this.expect('getCampaign', res, 200);
    return this.parse('getCampaign', res.text, CampaignResponseSchema).campaign;
  }

  /**
   * RUNNING, PAUSED, PURGED or STOPPED (final), along 8x8's state diagram; resolves with the vendor's message (''
   * when the answer has none: 8x8's OpenAPI declares no body for the PATCH's 200).
   */
  async setCampaignStatus(campaignId: number | string, status: StatusRequest): Promise<string> {
    const res = await this.send(this.config.statusToken ?? 'action', {
      method: this.config.statusMethod ?? 'POST',
      path: `/api/tstats/campaigns/${encodeURIComponent(String(campaignId))}`,
      body: JSON.stringify({ status }),
      contentType: 'application/json',
    });
    this.expect('setCampaignStatus', res, 200);
    if (res.text === '') return '';
    return this.parse('setCampaignStatus', res.text, MessageResponseSchema).message;
  }

  private recordsQuery(query: RecordsQuery): Record<string, string | undefined> {
    const field = this.config.phoneField ?? 'Contact Number';
    return { 'phone-list': query.phone === undefined ? undefined : `*${field}|${query.phone}` };
  }

  private authHeaders(token: 'action' | 'data'): Record<string, string> {
    const password = token === 'action' ? this.config.actionToken : this.config.dataToken;
    return { authorization: basicAuthorization(this.config.username, password) };
  }

  private send(token: 'action' | 'data', request: HttpRequest): Promise<HttpResponse> {
    return this.http.send({ ...request, headers: { ...this.authHeaders(token), ...request.headers } });
  }

  private expect(operation: string, res: HttpResponse, status: number): void {
    if (res.status !== status)
      throw new EightByEightHttpError(operation, res.status, res.text, res.headers, res.attempts);
  }

  private parse<T extends z.ZodType>(
    operation: string,
    text: string,
    schema: T,
    value: unknown = parseJsonOrUndefined(text),
  ): z.infer<T> {
    return checkContract(schema, value, (issues) => new EightByEightResponseError(operation, text, issues));
  }
}
