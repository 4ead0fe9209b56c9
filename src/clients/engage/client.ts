import { XMLParser } from 'fast-xml-parser';
import type {
  BaseEntity,
  Campaign,
  ComplianceRule,
  Contact,
  ContactAttempt,
  ContactBatch,
  ContactBatchState,
  Device,
  List,
  Org,
  OutreachStrategy,
  PacingInfo,
  Pass,
  Script,
  SubCampaign,
  SubCampaignState,
  User,
} from '../../../contracts/engage/entities.ts';
import { ENGAGE_NAMESPACE, ENGAGE_OPERATIONS } from '../../../contracts/engage/operations.ts';
import type { SoapBinding } from '../../../simulators/core/operations.ts';
import { PASSWORD_TEXT, SOAP_ENV_NS, WSSE_NS, WSU_NS, xmlElement } from '../../../simulators/core/serializers/soap.ts';
import { fromXml } from '../../../simulators/core/soap.ts';
import { escapeXml } from '../../../simulators/core/serializers/xml.ts';
import { describeIssues } from '../core/contract.ts';
import { HttpClient, type TransportOptions, transportOptions } from '../core/http.ts';
import { type EngageErrorCode, EngageFault, EngageHttpError, EngageResponseError } from './errors.ts';

/**
 * Typed client of the Engage SOAP API 110, one method per documented method (named as the document names them).
 *
 * Built on the kernel's envelope code and the contracts, not on the npm `soap` package: the operations' declarations
 * (argument order, schemas, result schemas) are already data here, so a call is "serialize argN, POST, read
 * `return/data`, check with the schema" — no WSDL download at start-up, no heavy runtime dependency for the package's
 * users, and the answers are parsed with the very schemas the simulator validates with. Requests are written as the
 * published iOS client writes them (no SOAPAction, prefixed namespace, unqualified argN, WS-Security PasswordText).
 * The `soap` package is what the tests use to prove the WSDL works with a standard toolkit.
 *
 * Faults (HTTP 500) are not retried: the shared transport's retries are off unless configured, as a SOAP fault is a
 * 500 (a 503 or a dropped connection is retried when `retry` is given).
 */
export interface EngageClientConfig extends TransportOptions {
  /** The CampaignManagementService110 URL (`vendors.engage.endpoint`); the other services are its siblings. */
  endpoint: string;
  username: string;
  password: string;
}

export interface EngageSandboxSection {
  endpoint: string;
  username: string;
  password: string;
}

export const engageConfigFromSandbox = (
  section: EngageSandboxSection,
  transport: TransportOptions = {},
): EngageClientConfig => ({
  endpoint: section.endpoint,
  username: section.username,
  password: section.password,
  ...transport,
});

/** A name/value pair of `showSystemInfo`. */
export interface NameValue {
  name?: string;
  value?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
});

const BINDINGS = new Map<string, SoapBinding>(ENGAGE_OPERATIONS.map((op) => [op.name, op.binding as SoapBinding]));

/** Bytes as base64 (`byte[]` arguments); text is sent as it is (already base64). */
const base64 = (content: Uint8Array | string) =>
  typeof content === 'string' ? content : Buffer.from(content).toString('base64');

export class EngageClient {
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(readonly config: Readonly<EngageClientConfig>) {
    this.base = config.endpoint.replace(/\/SOAPAPI2\/[^/]+\/?$/, '');
    this.http = new HttpClient({
      baseUrl: this.base,
      ...transportOptions(config),
      retry: { retries: 0, ...config.retry },
    });
  }

  // ---- Scripts --------------------------------------------------------------------------------------------------

  async createScript(
    scriptTemplate: Script,
    newName: string,
    elementNames: string[],
    elementContents: (Uint8Array | string)[],
    org: Org,
  ): Promise<Script> {
    return this.one('createScript', [scriptTemplate, newName, elementNames, elementContents.map(base64), org]);
  }

  async createScriptUsingContent(
    name: string,
    contentNames: string[],
    contentData: (Uint8Array | string)[],
    org: Org,
  ): Promise<Script> {
    return this.one('createScriptUsingContent', [name, contentNames, contentData.map(base64), org]);
  }

  async deleteScript(script: Script): Promise<void> {
    await this.invoke('deleteScript', [script]);
  }

  async listScripts(org: Org): Promise<Script[]> {
    return this.invoke('listScripts', [org]) as Promise<Script[]>;
  }

  // ---- Campaigns ------------------------------------------------------------------------------------------------

  async createCampaign(campaign: Campaign, org: Org): Promise<Campaign> {
    return this.one('createCampaign', [campaign, org]);
  }

  async showCampaign(campaign: Campaign): Promise<Campaign> {
    return this.one('showCampaign', [campaign]);
  }

  /** `fromDate`/`toDate` (xs:date, `yyyy-MM-dd`): null means no bound (documented). */
  async listCampaigns(org: Org, fromDate?: string | null, toDate?: string | null): Promise<Campaign[]> {
    return this.invoke('listCampaigns', [org, fromDate, toDate]) as Promise<Campaign[]>;
  }

  async listCampaignsUsingCampaign(org: Org, sample?: Campaign | null): Promise<Campaign[]> {
    return this.invoke('listCampaignsUsingCampaign', [org, sample]) as Promise<Campaign[]>;
  }

  async changeCampaign(campaign: Campaign): Promise<Campaign> {
    return this.one('changeCampaign', [campaign]);
  }

  // ---- Outreach strategies --------------------------------------------------------------------------------------

  async createOutreachStrategy(outreachStrategy: OutreachStrategy, org: Org): Promise<OutreachStrategy> {
    return this.one('createOutreachStrategy', [outreachStrategy, org]);
  }

  async deleteOutreachStrategy(outreachStrategy: OutreachStrategy): Promise<void> {
    await this.invoke('deleteOutreachStrategy', [outreachStrategy]);
  }

  async showOutreachStrategy(outreachStrategy: OutreachStrategy): Promise<OutreachStrategy> {
    return this.one('showOutreachStrategy', [outreachStrategy]);
  }

  async listOutreachStrategy(org: Org, sample?: OutreachStrategy | null): Promise<OutreachStrategy[]> {
    return this.invoke('listOutreachStrategy', [org, sample]) as Promise<OutreachStrategy[]>;
  }

  async changeOutreachStrategy(outreachStrategy: OutreachStrategy): Promise<OutreachStrategy> {
    return this.one('changeOutreachStrategy', [outreachStrategy]);
  }

  // ---- Compliance rules -----------------------------------------------------------------------------------------

  async createComplianceRule(complianceRule: ComplianceRule, org: Org): Promise<ComplianceRule> {
    return this.one('createComplianceRule', [complianceRule, org]);
  }

  async deleteComplianceRule(complianceRule: ComplianceRule): Promise<void> {
    await this.invoke('deleteComplianceRule', [complianceRule]);
  }

  async showComplianceRule(complianceRule: ComplianceRule): Promise<ComplianceRule> {
    return this.one('showComplianceRule', [complianceRule]);
  }

  async listComplianceRules(org: Org): Promise<ComplianceRule[]> {
    return this.invoke('listComplianceRules', [org]) as Promise<ComplianceRule[]>;
  }

  async changeComplianceRule(complianceRule: ComplianceRule): Promise<ComplianceRule> {
    return this.one('changeComplianceRule', [complianceRule]);
  }

  // ---- Sub-campaigns (part 2) ----------------------------------------------------------------------------------

  async createSubCampaign(subCampaign: SubCampaign, list: List, script: Script | null, org: Org): Promise<SubCampaign> {
    return this.one('createSubCampaign', [subCampaign, list, script, org]);
  }

  async createSubCampaignUsingInboundDevice(
    subCampaign: SubCampaign,
    script: Script | null,
    org: Org,
    device: Device,
  ): Promise<SubCampaign> {
    return this.one('createSubCampaignUsingInboundDevice', [subCampaign, script, org, device]);
  }

  /** `fromTime`/`toTime` (xs:dateTime): null → the earliest / now (documented). */
  async listSubCampaigns(
    campaign: Campaign,
    includeDeleted?: boolean | null,
    fromTime?: string | null,
    toTime?: string | null,
  ): Promise<SubCampaign[]> {
    const deleted = includeDeleted === undefined || includeDeleted === null ? null : String(includeDeleted);
    return this.invoke('listSubCampaigns', [campaign, deleted, fromTime, toTime]) as Promise<SubCampaign[]>;
  }

  async changeSubCampaign(subCampaign: SubCampaign): Promise<SubCampaign> {
    return this.one('changeSubCampaign', [subCampaign]);
  }

  async showSubCampaignState(subCampaign: SubCampaign): Promise<SubCampaignState> {
    return this.one('showSubCampaignState', [subCampaign]);
  }

  async listSubCampaignStates(
    org: Org,
    sample?: SubCampaignState | null,
    fromTime?: string | null,
    toTime?: string | null,
  ): Promise<SubCampaignState[]> {
    return this.invoke('listSubCampaignStates', [org, sample, fromTime, toTime]) as Promise<SubCampaignState[]>;
  }

  /** `Running`, `Paused`, or `Done` / `Stopping` (documented). */
  async changeSubCampaignState(subCampaignState: SubCampaignState): Promise<SubCampaignState> {
    return this.one('changeSubCampaignState', [subCampaignState]);
  }

  async showSubCampaignStateUsingContactAttempt(contactAttempt: ContactAttempt): Promise<SubCampaignState> {
    return this.one('showSubCampaignStateUsingContactAttempt', [contactAttempt]);
  }

  async previewPacing(entities: BaseEntity[]): Promise<PacingInfo[]> {
    return this.invoke('previewPacing', [entities]) as Promise<PacingInfo[]>;
  }

  // ---- Contact batches and attempts (part 2) --------------------------------------------------------------------

  /** @deprecated as of Engage 10.0 (documented): use createContactBatch. */
  async createContactAttempts(
    campaign: Campaign | null,
    pass: Pass,
    contacts: Contact[],
    script: Script | null,
    org: Org,
  ): Promise<ContactAttempt[]> {
    return this.invoke('createContactAttempts', [campaign, pass, contacts, script, org]) as Promise<ContactAttempt[]>;
  }

  async createContactBatch(contactBatch: ContactBatch, contacts: Contact[]): Promise<ContactBatch> {
    return this.one('createContactBatch', [contactBatch, contacts, null]);
  }

  async createContactBatchAsync(contactBatch: ContactBatch, contacts: Contact[]): Promise<ContactBatch> {
    return this.one('createContactBatchAsync', [contactBatch, contacts, null]);
  }

  async showContactBatchState(contactBatch: ContactBatch): Promise<ContactBatchState> {
    return this.one('showContactBatchState', [contactBatch]);
  }

  async listContactBatchStates(
    sample?: ContactBatch | null,
    fromTime?: string | null,
    toTime?: string | null,
  ): Promise<ContactBatchState[]> {
    return this.invoke('listContactBatchStates', [sample, fromTime, toTime]) as Promise<ContactBatchState[]>;
  }

  /** Only `Cancelled` (documented). */
  async changeContactBatchState(contactBatchState: ContactBatchState): Promise<ContactBatchState> {
    return this.one('changeContactBatchState', [contactBatchState]);
  }

  async showContactAttempts(contactAttempts: ContactAttempt[]): Promise<ContactAttempt[]> {
    return this.invoke('showContactAttempts', [contactAttempts]) as Promise<ContactAttempt[]>;
  }

  async listContactAttempts(
    org: Org,
    sample?: ContactAttempt | null,
    fromTime?: string | null,
    toTime?: string | null,
  ): Promise<ContactAttempt[]> {
    return this.invoke('listContactAttempts', [org, sample, fromTime, toTime]) as Promise<ContactAttempt[]>;
  }

  async listContactAttemptsUsingUser(
    user: User,
    sample?: ContactAttempt | null,
    fromTime?: string | null,
    toTime?: string | null,
  ): Promise<ContactAttempt[]> {
    return this.invoke('listContactAttemptsUsingUser', [user, sample, fromTime, toTime]) as Promise<ContactAttempt[]>;
  }

  async listContactAttemptsUsingContactBatch(
    contactBatch: ContactBatch,
    fromTime?: string | null,
    toTime?: string | null,
  ): Promise<ContactAttempt[]> {
    return this.invoke('listContactAttemptsUsingContactBatch', [contactBatch, fromTime, toTime]) as Promise<
      ContactAttempt[]
    >;
  }

  /** Only adding the archive tag to `tags` (documented). */
  async changeContactAttempt(contactAttempt: ContactAttempt): Promise<ContactAttempt> {
    return this.one('changeContactAttempt', [contactAttempt]);
  }

  // ---- Platform and contact services (not in the document: assumed) ---------------------------------------------

  async showSystemInfo(): Promise<NameValue[]> {
    return this.invoke('showSystemInfo', []) as Promise<NameValue[]>;
  }

  async showCurrentSession(): Promise<Record<string, unknown>> {
    return this.one('showCurrentSession', []);
  }

  async listLists(org: Org): Promise<List[]> {
    return this.invoke('listLists', [org]) as Promise<List[]>;
  }

  async showList(list: List): Promise<List> {
    return this.one('showList', [list]);
  }

  // ---- The envelope ---------------------------------------------------------------------------------------------

  private async one<T>(operation: string, args: unknown[]): Promise<T> {
    const [item] = await this.invoke(operation, args);
    if (item === undefined) throw new EngageResponseError(operation, '', 'return holds no data');
    return item as T;
  }

  /**
   * Any declared method by name, its arguments in the documented order (null/undefined: omitted): the `data` items
   * of its answer, checked with its result schema (none for a method with no response).
   */
  async invoke(operation: string, args: readonly unknown[]): Promise<unknown[]> {
    const binding = BINDINGS.get(operation);
    if (!binding) throw new Error(`${operation} is not an Engage method`);
    const body = this.envelope(operation, args);
    const res = await this.http.send({
      method: 'POST',
      path: binding.path,
      body,
      contentType: 'text/xml; charset=utf-8',
    });
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = (parser.parse(res.text) as { Envelope?: { Body?: Record<string, unknown> } }).Envelope?.Body;
    } catch {
      parsed = undefined;
    }
    const fault = parsed?.Fault as
      { faultcode?: string; faultstring?: string; detail?: { ApiFault?: { errorCode?: string } } } | undefined;
    if (fault) {
      const code = fault.detail?.ApiFault?.errorCode as EngageErrorCode | undefined;
      throw new EngageFault(
        operation,
        res.status,
        res.text,
        res.headers,
        String(fault.faultcode),
        String(fault.faultstring ?? ''),
        code,
      );
    }
    if (res.status !== 200 || !parsed)
      throw new EngageHttpError(res.status, res.text, res.headers, `${operation}: HTTP ${res.status}`);
    const response = parsed[`${operation}Response`];
    if (response === undefined)
      throw new EngageResponseError(operation, res.text, `no ${operation}Response in the Body`);
    if (!binding.result) return [];
    // An empty `return` (no items) parses as ''.
    const data =
      typeof response === 'object' && response ? (response as { return?: { data?: unknown } }).return?.data : undefined;
    const items = data === undefined ? [] : Array.isArray(data) ? data : [data];
    return items.map((item) => {
      const checked = binding.result!.schema.safeParse(fromXml(item, binding.result!.schema));
      if (!checked.success) throw new EngageResponseError(operation, res.text, describeIssues(checked.error));
      return checked.data;
    });
  }

  private envelope(operation: string, args: readonly unknown[]): string {
    const declared = BINDINGS.get(operation)?.args ?? [];
    let parts = '';
    declared.forEach((_, i) => {
      const value = args[i];
      if (value === undefined || value === null) return;
      for (const item of Array.isArray(value) ? value : [value]) parts += xmlElement(`arg${i + 1}`, item);
    });
    const { username, password } = this.config;
    const security =
      `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}"><wsse:UsernameToken wsu:Id="UsernameToken-1">` +
      `<wsse:Username>${escapeXml(username)}</wsse:Username><wsse:Password Type="${PASSWORD_TEXT}">${escapeXml(password)}</wsse:Password>` +
      '</wsse:UsernameToken></wsse:Security>';
    return (
      `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:ns="${ENGAGE_NAMESPACE}"><soapenv:Header>${security}</soapenv:Header>` +
      `<soapenv:Body><ns:${operation}>${parts}</ns:${operation}></soapenv:Body></soapenv:Envelope>`
    );
  }
}
