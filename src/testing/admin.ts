import { adminAuthorization } from '../clients/core/admin-token.ts';
import type { FaultRule, FaultRuleInput } from '../../simulators/core/faults.ts';
import type { JournalEntry, JournalFilter, JournalSettings } from '../../simulators/core/journal.ts';
import type { VendorId } from '../../simulators/core/vendor.ts';

/**
 * The `/__admin` control plane over HTTP: what the test helpers and `campaign-sim verify` use, in-process or against
 * a running simulator alike (the admin API is the one public way to drive a sandbox).
 */

/** The `vendors.symbee` section of a sandbox description. */
export interface SymbeeSection {
  baseUrl: string;
  headers: Record<string, string>;
  platform: string;
  companyCode: string;
  environment: string;
  region: string;
  campaigns: string[];
  skillQueues: string[];
  agents: string[];
  clientIds: Record<string, string[]>;
  apiKeyRotation: { generation: number; rotatedAt: string; intervalMinutes: number };
}

/** The `vendors.sinch` section of a sandbox description. */
export interface SinchSection {
  baseUrl: string;
  username: string;
  password: string;
  campaigns: string[];
  queues: string[];
  agents: string[];
}

/** A campaign of the `vendors.eightbyeight` section. */
export interface EightByEightCampaignFixture {
  id: number;
  name: string;
  dynamic: boolean;
  status: number;
  scheduleFrom: string;
  scheduleTo: string;
}

/** The `vendors.eightbyeight` section of a sandbox description. */
export interface EightByEightSection {
  baseUrl: string;
  username: string;
  actionToken: string;
  dataToken: string;
  platform: string;
  campaigns: EightByEightCampaignFixture[];
  crmCustomers: number[];
}

export interface VendorSections {
  symbee: SymbeeSection;
  sinch: SinchSection;
  eightbyeight: EightByEightSection;
}

/** What `POST /__admin/sandboxes` answers. A section is present for each vendor the simulator serves. */
export interface SandboxDescription {
  id: string;
  seed: number;
  default: boolean;
  clock: { now: string; frozen: boolean };
  journal: JournalSettings;
  vendors: Partial<VendorSections> & Record<string, unknown>;
}

export interface CreateSandboxOptions {
  id?: string;
  seed?: number;
  clock?: { now?: string; frozen?: boolean };
  journal?: Partial<JournalSettings>;
  /** `options.<vendorId>` (see each vendor's documentation). */
  options?: Partial<Record<VendorId, Record<string, unknown>>>;
}

export interface Clock {
  now: string;
  frozen: boolean;
}

export type { FaultRule, FaultRuleInput, JournalEntry, JournalFilter, JournalSettings };

/** An admin call that did not answer 2xx: the admin API's `{"error": {...}}` message is in `message`. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: string,
  ) {
    super(`${method} /__admin${path} answered HTTP ${status}: ${AdminApiError.messageOf(body)}`);
    this.name = 'AdminApiError';
  }

  private static messageOf(body: string): string {
    try {
      return (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
    } catch {
      return body;
    }
  }
}

export class AdminClient {
  /** `origin` of the simulator, e.g. `http://127.0.0.1:4010` (no trailing `/__admin`). */
  constructor(
    readonly origin: string,
    /** The simulator's admin token; default `$SIM_ADMIN_TOKEN` (none: an open admin plane). */
    private readonly token?: string,
  ) {
    this.origin = origin.replace(/\/+$/, '');
  }

  /** `method /__admin{path}` with a JSON body; resolves with the parsed answer, throws AdminApiError otherwise. */
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.origin}/__admin${path}`, {
      method,
      headers: {
        ...adminAuthorization(this.token),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new AdminApiError(res.status, method, path, text);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  health(): Promise<{ status: string; vendors: string[]; sandboxes: number }> {
    return this.call('GET', '/health');
  }

  createSandbox(options: CreateSandboxOptions = {}): Promise<SandboxDescription> {
    return this.call('POST', '/sandboxes', options);
  }

  describeSandbox(id: string): Promise<SandboxDescription> {
    return this.call('GET', `/sandboxes/${encodeURIComponent(id)}`);
  }

  async deleteSandbox(id: string): Promise<void> {
    await this.call('DELETE', `/sandboxes/${encodeURIComponent(id)}`);
  }

  resetSandbox(id: string, clock?: { now?: string; frozen?: boolean }): Promise<SandboxDescription> {
    return this.call('POST', `/sandboxes/${encodeURIComponent(id)}/reset`, clock ? { clock } : {});
  }
}
