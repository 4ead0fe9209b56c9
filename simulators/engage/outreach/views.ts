import type { Attribute } from '../../../contracts/engage/entities.ts';
import { type EngageState, dateTime, orgRef } from '../models.ts';
import { batchCounters } from './batches.ts';
import {
  type AttemptModel,
  COUNTER_NAMES,
  type ContactBatchModel,
  type ContactModel,
  type Counters,
  type PassModel,
  type Ref,
  type SubCampaignModel,
  type SubCampaignStateName,
  zeroCounters,
} from './model.ts';
import type { PacingInfo } from './pacing.ts';

/**
 * Part 2's entities as they travel (README): numbers as text, counters as `attributes` name/value pairs, a
 * SubCampaignState `data` with `subCampaign` (its campaign, passes with name and channel), `state` and `passStates`.
 * Field order follows the WSDL's types.
 */
const ref = (r: Ref) => ({ internalId: r.internalId, externalId: r.externalId });
const counterAttributes = (c: Counters): Attribute[] => COUNTER_NAMES.map((name) => ({ name, value: String(c[name]) }));

export function passView(pass: PassModel) {
  return {
    name: pass.name,
    channel: String(pass.channel),
    pacing: String(pass.pacing),
    pacingPriority: String(pass.pacingPriority),
    contactsPerMinute: String(pass.contactsPerMinute),
    ...(pass.maxContactsPerMinute === null ? {} : { maxContactsPerMinute: String(pass.maxContactsPerMinute) }),
    leaveMessage: String(pass.leaveMessage),
  };
}

export function subCampaignView(state: EngageState, sub: SubCampaignModel) {
  return {
    internalId: sub.internalId,
    externalId: sub.externalId,
    attributes: [
      ...sub.attributes,
      { name: 'createdDate', value: dateTime(sub.createdAt) },
      { name: 'startTime', value: dateTime(sub.startAt) },
    ],
    campaign: ref(sub.campaign),
    owner: orgRef(state, sub.accountId),
    ...(sub.list ? { list: ref(sub.list) } : {}),
    ...(sub.script ? { script: ref(sub.script) } : {}),
    type: sub.type,
    intensity: String(sub.intensity),
    passes: sub.passes.map(passView),
    agentGroups: sub.agentGroups.map(ref),
  };
}

const COMPLETED: ReadonlySet<SubCampaignStateName> = new Set(['Done', 'Awaiting', 'Cancelled']);

/** A pass's state follows its sub-campaign's: earlier passes Done, later ones Pending until the run ends (assumed). */
function passStateOf(sub: SubCampaignModel, index: number): SubCampaignStateName {
  if (index === sub.currentPass || COMPLETED.has(sub.state)) return sub.state;
  return index < sub.currentPass ? 'Done' : 'Pending';
}

export function subCampaignStateView(state: EngageState, sub: SubCampaignModel) {
  return {
    attributes: [
      ...counterAttributes(sub.counters),
      { name: 'fromDate', value: dateTime(sub.startAt) },
      ...(sub.endedAt === null ? [] : [{ name: 'toDate', value: dateTime(sub.endedAt) }]),
    ],
    subCampaign: subCampaignView(state, sub),
    state: sub.state,
    passStates: sub.passes.map((pass, i) => ({
      attributes: counterAttributes(pass.counters),
      pass: { name: pass.name, channel: String(pass.channel) },
      state: passStateOf(sub, i),
    })),
  };
}

/**
 * What showSubCampaignStateUsingContactAttempt answers when no inbound sub-campaign holds the device, or the caller
 * may not see it: the system SubCampaignState (documented; its content is assumed: id 0, Running, no counts).
 */
export const SYSTEM_SUB_CAMPAIGN_STATE = {
  attributes: counterAttributes(zeroCounters()),
  subCampaign: { internalId: '0', externalId: 'System', type: 'Inbound' },
  state: 'Running',
};

export function contactBatchView(state: EngageState, batch: ContactBatchModel) {
  return {
    internalId: batch.internalId,
    externalId: batch.externalId,
    attributes: batch.attributes,
    campaign: ref(batch.campaign),
    outreachStrategy: ref(batch.outreachStrategy),
    ...(batch.script ? { script: ref(batch.script) } : {}),
    ...(batch.agentGroup ? { agentGroup: ref(batch.agentGroup) } : {}),
    ...(batch.agent ? { agent: ref(batch.agent) } : {}),
    owner: orgRef(state, batch.accountId),
    requestedStartTime: dateTime(batch.requestedStartTime),
    maxDuration: String(batch.maxDurationMinutes),
  };
}

export function contactBatchStateView(state: EngageState, batch: ContactBatchModel) {
  return {
    attributes: counterAttributes(batchCounters(state.outreach, batch)),
    contactBatch: contactBatchView(state, batch),
    state: batch.state,
  };
}

function contactView(contact: ContactModel) {
  return {
    internalId: contact.internalId,
    externalId: contact.externalId,
    attributes: contact.attributes,
    devices: contact.devices.map((d) => ({
      externalId: d.externalId,
      attributes: d.attributes,
      createdDate: dateTime(d.createdDate),
      updatedDate: dateTime(d.updatedDate),
    })),
  };
}

export function attemptView(state: EngageState, attempt: AttemptModel, extra: Attribute[] = []) {
  const { outreach } = state;
  const contact = outreach.contacts.get(attempt.contactId) as ContactModel;
  const sub = outreach.subCampaigns.get(attempt.subCampaignId);
  const batch = attempt.contactBatchId === null ? undefined : outreach.contactBatches.get(attempt.contactBatchId);
  const user = attempt.userId === null ? undefined : state.users.find((u) => u.internalId === attempt.userId);
  return {
    internalId: attempt.internalId,
    attributes: [{ name: 'pass', value: String(attempt.pass + 1) }, ...extra],
    contact: contactView(contact),
    device: { externalId: attempt.device },
    ...(sub ? { subCampaign: { internalId: sub.internalId, externalId: sub.externalId } } : {}),
    ...(batch ? { contactBatch: { internalId: batch.internalId, externalId: batch.externalId } } : {}),
    tags: attempt.tags,
    ...(user ? { user: { internalId: user.internalId, externalId: user.externalId } } : {}),
    outcome: attempt.outcome,
    startTime: dateTime(attempt.startTime),
  };
}

export function pacingInfoView(state: EngageState, info: PacingInfo) {
  return {
    attributes: [
      { name: 'pendingCount', value: String(info.pendingCount) },
      { name: 'estimatedMinutes', value: info.estimatedMinutes === null ? '' : String(info.estimatedMinutes) },
      { name: 'contactsPerMinuteExact', value: String(info.contactsPerMinute) },
    ],
    subCampaign: { internalId: info.subCampaign.internalId, externalId: info.subCampaign.externalId },
    pass: passView(info.pass),
    contactsPerMinute: String(Math.round(info.contactsPerMinute)),
    pacing: String(info.pass.pacing),
  };
}
