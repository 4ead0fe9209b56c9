import { engageFault } from './faults.ts';
import {
  INBOUND_DEVICE_TYPES,
  type InboundDeviceModel,
  type InboundDeviceType,
  type OutreachState,
  type SubCampaignModel,
} from './model.ts';
import { type ContactFilter, type NewSubCampaign, createSubCampaign } from './subcampaigns.ts';

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
  if (keywords.length !== 1) throw engageFault('ARG_INVALID_DATA', 'a ShortCode takes a single keyword');
  const keyword = device.keywords.find((k) => k.toLowerCase() === (keywords[0] as string).toLowerCase());
  if (!keyword) throw engageFault('ARG_INVALID_DATA', `keyword ${keywords[0]}`);
  return { device, keyword };
}

/** createSubCampaignUsingInboundDevice: the documented INBOUND_* refusals, then an Inbound sub-campaign. */
export function createInboundSubCampaign(
  state: OutreachState,
  input: Omit<NewSubCampaign, 'type' | 'contacts' | 'list'>,
  deviceRef: DeviceRef,
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
