import type { z } from 'zod';
import {
  type Action,
  type ActionResponse,
  type Condition,
  HEADER_NAMES,
  PLATFORM_CODE,
  type PreviewRecord,
  REQUEST_SCHEMAS,
  RESPONSE_SCHEMAS,
  type ResponseOf,
  type SearchResponse,
  TransportErrorSchema,
  type WorkedState,
} from '../../../contracts/symbee/schemas.ts';
import { checkContract, parseJsonOrUndefined } from '../core/contract.ts';
import { HttpClient, type HttpResponse, type TransportOptions, transportOptions } from '../core/http.ts';
import { type ApiKeyProvider, type ApiKeySource, apiKeyProvider } from './apiKey.ts';
import { NoRecordFoundError, SymbeeHttpError, SymbeeResponseError, resultError } from './errors.ts';

/** The API URL prefix (document: "Preview Campaign Realtime API Endpoint"); actions are appended to it. */
export const SYMBEE_API_PATH = '/symbee-previewcontact-service/svc/rs/PreviewContactServiceExternal';

/** The vendor's real base URL for a region: no `[global-region.]` prefix means us-east-1. */
export function symbeeBaseUrl(region = 'us-east-1'): string {
  const prefix = region === 'us-east-1' ? '' : `${region}.`;
  return `https://${prefix}symbeeconnect.com:9443${SYMBEE_API_PATH}`;
}

export interface SymbeeClientConfig extends TransportOptions {
  /** Defaults to the vendor's URL for `region`; point it at the simulator's `vendors.symbee.baseUrl` in tests. */
  baseUrl?: string;
  /** Symbee Connect Company Alias. */
  companyCode: string;
  /** Symbee Connect Environment name. */
  environment: string;
  /** AWS region where the campaigns reside (request `region`). */
  region: string;
  /** AWS Secrets Manager region of the API key (`X-sc-secrets-region`); defaults to `region`. */
  secretsRegion?: string;
  /** A static key, an async fetcher (cached at most an hour), or a provider. */
  apiKey: ApiKeySource;
  /** Cache lifetime of a fetched key; at most (and by default) one hour. */
  apiKeyMaxAgeMs?: number;
  /** Clock of the key cache, in epoch ms (injected in tests). */
  now?: () => number;
}

/** A time as epoch milliseconds (the wire's UTC Unix epoch) or a Date. */
export type EpochTime = number | Date;

/** Which task/record to act on: previewRecordId wins when both are given (document). */
export type RecordLocator =
  { previewRecordId: string; clientId?: string } | { clientId: string; previewRecordId?: string };

export interface RecordDataInput {
  key: string;
  value: string;
  /** Must be greater than zero when given. */
  displayOrder?: number;
}

export interface SearchCriterionInput {
  /** A custom record data key or a `sys_*` system field. */
  key: string;
  value: string;
  condition: Condition;
}

export interface AddOrUpdateInput {
  campaignName: string;
  clientId: string;
  /** Locates an existing record for an update; ignored when no record has it (then the record is added). */
  previewRecordId?: string;
  /** Key under which clientId is added to the record data (service default: `Id`). */
  clientIdFieldName?: string;
  /** An update replaces it: left out, the record has no preferred agent afterwards. */
  preferredAgent?: string;
  /** An update replaces it: left out, the record is deliverable at once. */
  nextEarliestWorkTimeUTC?: EpochTime;
  /** Replaces all the record's data on update. */
  previewRecordData: RecordDataInput[];
}

export type SearchInput = { campaignName: string } & (
  | RecordLocator
  | {
      previewRecordData: SearchCriterionInput[];
      maxRecords?: number;
      previewRecordId?: undefined;
      clientId?: undefined;
    }
);

interface RoutingChange {
  skillQueue?: string;
  /** An empty string clears the preferred agent. */
  preferredAgent?: string;
  nextEarliestWorkTimeUTC?: EpochTime;
  /** IANA time zone. */
  timeZone?: string;
}

/** nextEarliestWorkTimeUTC is required when the new state is WORKED (document). */
export type ChangeStatusInput = { campaignName: string } & RecordLocator &
  Omit<RoutingChange, 'nextEarliestWorkTimeUTC'> &
  (
    | { previewRecordStateEnum: 'WORKED'; nextEarliestWorkTimeUTC: EpochTime }
    | { previewRecordStateEnum: Exclude<WorkedState, 'WORKED'>; nextEarliestWorkTimeUTC?: EpochTime }
  );

export type TransferInput = { campaignName: string; transferToCampaign: string } & RecordLocator & RoutingChange;

export type DeleteInput = { campaignName: string } & RecordLocator;

/** Omits undefined values and turns Dates into epoch ms, so the body holds only what the caller set. */
function wireFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = value instanceof Date ? value.getTime() : value;
  }
  return out;
}

/**
 * Typed client of the Symbee Connect Preview Campaign Realtime API. Each method sends one action with the envelope
 * (platform, companyCode, environment, region) filled from the configuration and the five `X-sc-*` headers, and
 * resolves with the parsed response when `previewResultStatus` is SUCCESS. Otherwise it throws:
 * - a `SymbeeResultError` subclass per status (FAILED, INVALIDCLIENTID, INVALIDRECORDDATAKEY, NORECORDFOUND);
 * - `SymbeeHttpError` for HTTP 4xx/5xx (after retries on 429/5xx, and after one key refresh on 401);
 * - `TimeoutError` / `NetworkError` from the transport; `SymbeeResponseError` when a 2xx body breaks the contract.
 */
export class SymbeeClient {
  readonly config: Readonly<SymbeeClientConfig>;
  private readonly http: HttpClient;
  private readonly keys: ApiKeyProvider;

  constructor(config: SymbeeClientConfig) {
    this.config = config;
    this.keys = apiKeyProvider(config.apiKey, { maxAgeMs: config.apiKeyMaxAgeMs, now: config.now });
    this.http = new HttpClient({
      baseUrl: config.baseUrl ?? symbeeBaseUrl(config.region),
      ...transportOptions(config),
    });
  }

  /** Adds a task/record, or updates (replaces) the one with the same previewRecordId or clientId. */
  addOrUpdateCampaignRecord(input: AddOrUpdateInput): Promise<ActionResponse> {
    return this.call('addOrUpdateCampaignRecord', input);
  }

  /** Searches by previewRecordId, by clientId (at most one record), or by criteria in `previewRecordData`. */
  searchPreviewCampaign(input: SearchInput): Promise<SearchResponse> {
    return this.call('searchPreviewCampaign', input);
  }

  changeCampaignRecordStatus(input: ChangeStatusInput): Promise<ActionResponse> {
    return this.call('changeCampaignRecordStatus', input);
  }

  transferCampaignRecord(input: TransferInput): Promise<ActionResponse> {
    return this.call('transferCampaignRecord', input);
  }

  deleteRecordFromCampaign(input: DeleteInput): Promise<ActionResponse> {
    return this.call('deleteRecordFromCampaign', input);
  }

  /** The matched records of a search (NORECORDFOUND for a locator search throws NoRecordFoundError). */
  async search(input: SearchInput): Promise<PreviewRecord[]> {
    return (await this.searchPreviewCampaign(input)).previewRecordClientData;
  }

  /** One record by previewRecordId or clientId, or undefined when the campaign has none. */
  async findRecord(input: { campaignName: string } & RecordLocator): Promise<PreviewRecord | undefined> {
    try {
      return (await this.search(input))[0];
    } catch (err) {
      if (err instanceof NoRecordFoundError) return undefined;
      throw err;
    }
  }

  private envelope() {
    return {
      platform: PLATFORM_CODE,
      companyCode: this.config.companyCode,
      environment: this.config.environment,
      region: this.config.region,
    };
  }

  private buildBody<A extends Action>(action: A, input: object): string {
    const body = { ...this.envelope(), ...wireFields(input as Record<string, unknown>) };
    // The contract schemas are strict: an unknown or mistyped field is a caller bug, caught before sending.
    checkContract(REQUEST_SCHEMAS[action], body, (issues) => new TypeError(`${action}: invalid request: ${issues}`));
    return JSON.stringify(body);
  }

  private async call<A extends Action>(action: A, input: object): Promise<ResponseOf<A>> {
    const body = this.buildBody(action, input);
    let key = await this.keys.get();
    let res = await this.post(action, body, key);
    let attempts = res.attempts;
    // A rotated key answers 401: fetch the current one once and try again.
    if (res.status === 401) {
      const fresh = await this.keys.refresh(key);
      if (fresh !== key) {
        key = fresh;
        res = await this.post(action, body, key);
        attempts += res.attempts;
      }
    }
    if (res.status < 200 || res.status > 299) {
      const error = TransportErrorSchema.safeParse(parseJsonOrUndefined(res.text));
      throw new SymbeeHttpError(
        action,
        res.status,
        res.text,
        res.headers,
        error.success ? error.data.previewResult : undefined,
        attempts,
      );
    }
    const schema = RESPONSE_SCHEMAS[action] as unknown as z.ZodType<ResponseOf<A>>;
    const parsed = checkContract(
      schema,
      parseJsonOrUndefined(res.text),
      (issues) => new SymbeeResponseError(action, res.text, issues),
    );
    if (parsed.previewResult.previewResultStatus !== 'SUCCESS') throw resultError(action, parsed);
    return parsed;
  }

  private post(action: Action, body: string, apiKey: string): Promise<HttpResponse> {
    const { companyCode, environment, region, secretsRegion } = this.config;
    return this.http.send({
      method: 'POST',
      path: `/${action}`,
      body,
      contentType: 'application/json',
      accept: 'application/json',
      headers: {
        [HEADER_NAMES.platform]: PLATFORM_CODE,
        [HEADER_NAMES.companyCode]: companyCode,
        [HEADER_NAMES.environment]: environment,
        [HEADER_NAMES.secretsRegion]: secretsRegion ?? region,
        [HEADER_NAMES.apiKey]: apiKey,
      },
    });
  }
}

/** The `vendors.symbee` section of a simulator sandbox description (`POST /__admin/sandboxes`). */
export interface SymbeeSandboxSection {
  baseUrl: string;
  companyCode: string;
  environment: string;
  region: string;
  headers: Record<string, string>;
}

/** The whole `vendors.symbee` section: what the client needs plus the fixtures it names (for tests and benches). */
export interface SymbeeSandboxDescription extends SymbeeSandboxSection {
  platform: string;
  campaigns: string[];
  skillQueues: string[];
  agents: string[];
  /** Up to 20 clientIds per campaign. */
  clientIds: Record<string, string[]>;
  apiKeyRotation: { generation: number; rotatedAt: string; intervalMinutes: number };
}

/** Client configuration for a simulator sandbox, with its current key as a static key unless one is given. */
export function symbeeConfigFromSandbox(
  section: SymbeeSandboxSection,
  overrides: Partial<SymbeeClientConfig> = {},
): SymbeeClientConfig {
  return {
    baseUrl: section.baseUrl,
    companyCode: section.companyCode,
    environment: section.environment,
    region: section.region,
    secretsRegion: section.headers[HEADER_NAMES.secretsRegion],
    apiKey: section.headers[HEADER_NAMES.apiKey] ?? '',
    ...overrides,
  };
}
