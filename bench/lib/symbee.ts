import type { SymbeeSandboxDescription } from '../../src/clients/symbee/index.ts';
import { expectJson } from './http.ts';

/** What the bench needs from a sandbox's `vendors.symbee` section. */
export interface SymbeeTarget {
  sandboxId: string;
  baseUrl: string;
  headers: Record<string, string>;
  envelope: { platform: string; companyCode: string; environment: string; region: string };
  campaigns: string[];
}

/** Reads the default sandbox's Symbee credentials and switches its journal off (load tests) unless told otherwise. */
export async function symbeeTarget(origin: string, sandboxId = 'default', journal = false): Promise<SymbeeTarget> {
  const admin = `${origin}/__admin/sandboxes/${sandboxId}`;
  await expectJson(200, `${admin}/journal`, { enabled: journal });
  const described = (await expectJson(200, admin)) as { vendors: { symbee: SymbeeSandboxDescription } };
  const s = described.vendors.symbee;
  return {
    sandboxId,
    baseUrl: s.baseUrl,
    headers: { ...s.headers, 'content-type': 'application/json' },
    envelope: { platform: s.platform, companyCode: s.companyCode, environment: s.environment, region: s.region },
    campaigns: s.campaigns,
  };
}

export function actionUrl(target: SymbeeTarget, action: string): string {
  return `${target.baseUrl}/${action}`;
}

/** Generates `total` records into one campaign through the admin backdoor, in batches (each call blocks the server). */
export async function seedGenerated(
  origin: string,
  target: SymbeeTarget,
  campaignName: string,
  total: number,
  batch = 250_000,
): Promise<number> {
  const url = `${origin}/__admin/sandboxes/${target.sandboxId}/vendors/symbee/records`;
  let reached = 0;
  for (let done = 0; done < total; done += batch) {
    const generate = Math.min(batch, total - done);
    const out = (await expectJson(201, url, { campaignName, generate })) as { total: number };
    reached = out.total;
  }
  return reached;
}

/** One record's data as a client would send it (Name, an E.164 phone, an account number). */
export function recordData(n: number) {
  return [
    { key: 'Name', value: `Bench Customer ${n}`, displayOrder: 1 },
    { key: 'Home Phone', value: `+1720${String(n % 10_000_000).padStart(7, '0')}`, displayOrder: 2 },
    { key: 'Account Number', value: String(5_000_000 + n), displayOrder: 3 },
  ];
}
