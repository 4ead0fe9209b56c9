import { AGENT_CHANNELS, type PassModel, type SubCampaignModel } from './model.ts';

/**
 * The pacing model (assumed: the document names the inputs of previewPacing, not the arithmetic). A pass attempts
 * `contactsPerMinute` contacts a minute, capped by `maxContactsPerMinute`, scaled by its `pacing` percent and the
 * sub-campaign's `intensity` percent. Passes worked by agents (Dialer, Preview, Manual) are also bounded by their
 * agent group: `allocatedCount` agents at `intensity` percent, each handling AGENT_CONTACTS_PER_MINUTE. The same
 * function paces the lifecycle and answers previewPacing, so a preview is what the clock will do.
 */
export const DEFAULT_CONTACTS_PER_MINUTE = 10;
export const AGENT_CONTACTS_PER_MINUTE = 2;

export interface AgentGroupPacing {
  allocatedCount: number;
  intensity: number;
}

export type PassPacing = Pick<PassModel, 'channel' | 'pacing' | 'contactsPerMinute' | 'maxContactsPerMinute'>;

export function contactsPerMinute(pass: PassPacing, intensity: number, agentGroup?: AgentGroupPacing): number {
  let rate = pass.contactsPerMinute;
  if (pass.maxContactsPerMinute !== null) rate = Math.min(rate, pass.maxContactsPerMinute);
  rate = (rate * pass.pacing * intensity) / 10_000;
  if (agentGroup && AGENT_CHANNELS.has(pass.channel)) {
    rate = Math.min(rate, (agentGroup.allocatedCount * agentGroup.intensity * AGENT_CONTACTS_PER_MINUTE) / 100);
  }
  return Math.max(0, rate);
}

/** Milliseconds between two attempts at `rate` a minute; a zero rate never attempts. */
export function attemptInterval(rate: number): number | undefined {
  return rate > 0 ? Math.max(1, Math.round(60_000 / rate)) : undefined;
}

export interface PacingInfo {
  subCampaign: SubCampaignModel;
  pass: PassModel;
  passIndex: number;
  contactsPerMinute: number;
  pendingCount: number;
  /** Minutes until the pass's pending contacts are attempted at this pace; null when it never would. */
  estimatedMinutes: number | null;
}

export interface PacingChanges {
  intensity?: number;
  /** By pass name; absent fields keep the pass's own. */
  passes?: Map<string, Partial<Pick<PassModel, 'pacing' | 'contactsPerMinute' | 'pacingPriority'>>>;
  agentGroup?: Partial<AgentGroupPacing>;
}

/** One PacingInfo per pass of the sub-campaign, as if `changes` were applied (nothing is changed). */
export function previewPacing(
  sub: SubCampaignModel,
  changes: PacingChanges,
  agentGroup: AgentGroupPacing | undefined,
): PacingInfo[] {
  const intensity = changes.intensity ?? sub.intensity;
  const group = agentGroup ? { ...agentGroup, ...changes.agentGroup } : undefined;
  return sub.passes.map((pass, passIndex) => {
    const changed = { ...pass, ...changes.passes?.get(pass.name) };
    const rate = contactsPerMinute(changed, intensity, group);
    const pendingCount = pass.counters.pendingCount;
    return {
      subCampaign: sub,
      pass: changed,
      passIndex,
      contactsPerMinute: Math.round(rate * 100) / 100,
      pendingCount,
      estimatedMinutes: pendingCount === 0 ? 0 : rate > 0 ? Math.ceil(pendingCount / rate) : null,
    };
  });
}
