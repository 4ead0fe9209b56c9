import { PASS_CHANNELS } from '../../../contracts/engage/entities.ts';
import type { AgentGroupRequirement, AgentGroupType } from '../models.ts';
import { engageFault } from './faults.ts';
import {
  CHANNELS,
  INBOUND_DEVICE_TYPES,
  type InboundDeviceModel,
  type InboundDeviceType,
  type OutreachState,
  type PassInput,
  type SubCampaignModel,
} from './model.ts';
import { type ContactFilter, type NewSubCampaign, createSubCampaign } from './subcampaigns.ts';

/** What the inbound create checks in part 1's configuration, resolved by the caller. */
export interface InboundRules {
  /** The script's agent-group requirement; null: it takes any agent group or none. */
  scriptRequirement: AgentGroupRequirement | null;
  /** The kinds of the sub-campaign's agent groups, in order. */
  agentGroupTypes: readonly AgentGroupType[];
  /** The pass channels of the account's default OnDemand strategy; null: the account has none. */
  onDemandChannels: ReadonlySet<number> | null;
}

export interface DeviceRef {
  internalId?: string | null;
  externalId?: string | null;
  inboundDeviceType?: string | null;
  keywords?: string[] | null;
}

/** A sub-campaign label: letters, digits, spaces and `_ . -` (assumed rule behind INBOUND_SUBCAMPAIGN_INVALID_LABEL). */
const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,99}$/u;
/** Inbound sub-campaigns still holding their device or keyword (not Done or Cancelled: assumed). */
const holdsDevice = (s: SubCampaignModel) => s.type === 'Inbound' && s.state !== 'Done' && s.state !== 'Cancelled';

/** The device: by internalId, or externalId + inboundDeviceType, ShortCodes with exactly one of their keywords. */
export function resolveInboundDevice(
  state: OutreachState,
  ref: DeviceRef,
): { device: InboundDeviceModel; keyword: string | null } {
  let device: InboundDeviceModel | undefined;
  if (ref.internalId != null) device = state.inboundDevices.get(ref.internalId);
  else {
    if (ref.externalId == null) throw engageFault('ATTRIBUTE_NULL', 'device.externalId');
    if (ref.inboundDeviceType == null) throw engageFault('ATTRIBUTE_NULL', 'device.inboundDeviceType');
    if (!(INBOUND_DEVICE_TYPES as readonly string[]).includes(ref.inboundDeviceType)) {
      throw engageFault('ARG_INVALID_TYPE', ref.inboundDeviceType);
    }
    device = state.inboundDevices.by('number', `${ref.inboundDeviceType as InboundDeviceType}/${ref.externalId}`);
  }
  if (!device) throw engageFault('OBJECT_NOT_EXISTS', ref.internalId ?? ref.externalId ?? 'device');
  if (device.inboundDeviceType !== 'ShortCode') return { device, keyword: null };
  const keywords = ref.keywords ?? [];
  // A ShortCode named without a keyword asks for the short code itself, which would delete the keywords it carries
  // (assumed reading of INBOUND_TEXT_KEYWORD_CANNOT_BE_DELETED): refused by name while one of them is active, else
  // as the document's "single valid keyword" rule refuses it.
  if (keywords.length === 0 && holdsKeyword(state, device)) {
    throw engageFault('INBOUND_TEXT_KEYWORD_CANNOT_BE_DELETED', device.externalId);
  }
  if (keywords.length !== 1) throw engageFault('ARG_INVALID_DATA', 'a ShortCode takes a single keyword');
  const keyword = device.keywords.find((k) => k.toLowerCase() === (keywords[0] as string).toLowerCase());
  if (!keyword) throw engageFault('ARG_INVALID_DATA', `keyword ${keywords[0]}`);
  return { device, keyword };
}

const holdsKeyword = (state: OutreachState, device: InboundDeviceModel) =>
  [...state.subCampaigns.values()].some(
    (s) => holdsDevice(s) && s.inboundDeviceId === device.internalId && s.keyword !== null,
  );

/**
 * The script's agent-group requirement against the sub-campaign's agent groups (documented codes; the requirement
 * and the kinds are assumed fields, see models.ts): `None` refuses any, `Standard` / `Portal` need one, all of
 * that kind.
 */
function checkAgentGroups({ scriptRequirement: need, agentGroupTypes: types }: InboundRules): void {
  if (need === null) return;
  if (need === 'None') {
    if (types.length > 0) throw engageFault('INBOUND_NOSKILLGROUP_REQUIRED');
    return;
  }
  if (types.length === 0) throw engageFault('INBOUND_SKILLGROUP_REQUIRED');
  if (types.some((type) => type !== need)) {
    throw engageFault(
      need === 'Portal' ? 'INBOUND_SCRIPT_REQUIRES_PORTAL_AGENT_GROUP' : 'INBOUND_SCRIPT_REQUIRES_STANDARD_AGENT_GROUP',
    );
  }
}

/**
 * Every pass channel of the new sub-campaign (a pass without one is Voice, as everywhere) must be a pass channel of
 * the account's default OnDemand strategy (documented code; that inbound replies go out through that strategy is
 * assumed). `{0}` is the channel's name.
 */
function checkOnDemandStrategy(passes: readonly PassInput[], channels: ReadonlySet<number> | null): void {
  for (const pass of passes.length > 0 ? passes : [{}]) {
    const channel = pass.channel ?? CHANNELS.Voice;
    if (!channels?.has(channel)) {
      throw engageFault('ONDEMAND_DEFAULT_STRATEGY_INVALID', PASS_CHANNELS[channel] ?? String(channel));
    }
  }
}

/**
 * createSubCampaignUsingInboundDevice: the documented INBOUND_* refusals (label, device, agent groups, default
 * OnDemand strategy — in that order: assumed), then an Inbound sub-campaign.
 */
export function createInboundSubCampaign(
  state: OutreachState,
  input: Omit<NewSubCampaign, 'type' | 'contacts' | 'list'>,
  deviceRef: DeviceRef,
  rules: InboundRules,
  accountName: string,
  now: number,
  isFiltered: ContactFilter,
): SubCampaignModel {
  if (!LABEL.test(input.externalId)) throw engageFault('INBOUND_SUBCAMPAIGN_INVALID_LABEL');
  const { device, keyword } = resolveInboundDevice(state, deviceRef);
  for (const s of state.subCampaigns.values()) {
    if (!holdsDevice(s) || s.inboundDeviceId !== device.internalId) continue;
    if (keyword === null) throw engageFault('INBOUND_DEVICE_ASSIGNED_ACTIVE_CAMPAIGN', accountName);
    if (s.keyword?.toLowerCase() === keyword.toLowerCase()) {
      throw engageFault('INBOUND_TEXT_KEYWORD_ALREADY_ACTIVE', device.externalId, keyword);
    }
  }
  checkAgentGroups(rules);
  checkOnDemandStrategy(input.passes, rules.onDemandChannels);
  return createSubCampaign(
    state,
    { ...input, type: 'Inbound', list: null, contacts: [], inboundDeviceId: device.internalId, keyword },
    now,
    isFiltered,
  );
}

/**
 * showSubCampaignStateUsingContactAttempt: the inbound sub-campaign holding the attempt's secondaryDevice (a
 * ShortCode's by the first word of messageText); none, or not the caller's → undefined, and the caller answers with
 * the system SubCampaignState (documented: not a fault).
 */
export function findInboundSubCampaign(
  state: OutreachState,
  accountIds: ReadonlySet<string>,
  secondaryDevice: string,
  messageText: string | null,
): SubCampaignModel | undefined {
  const word = messageText?.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  for (const s of state.subCampaigns.values()) {
    if (!holdsDevice(s) || s.inboundDeviceId === null || !accountIds.has(s.accountId)) continue;
    const device = state.inboundDevices.get(s.inboundDeviceId);
    if (device?.externalId !== secondaryDevice) continue;
    if (s.keyword === null || s.keyword.toLowerCase() === word) return s;
  }
  return undefined;
}
