import { z } from 'zod';
import {
  ACD_EVENT_STATUS,
  type AcdEventStatusName,
  AcdGroupSchema,
  RESULT_CODE_TYPES,
} from '../../contracts/jtel/schemas.ts';
import { TimedQueue } from '../core/scheduler.ts';
import { parseSnapshot, type Saving } from '../core/store.ts';
import { rebuildEventTimers } from './acd.ts';
import { rebuildContactTimers } from './dialler.ts';
import {
  type JtelState,
  newCampaignStore,
  newContactStore,
  newEventStore,
  newGroupStore,
  newResultCodeStore,
  newUserStore,
} from './models.ts';

/**
 * What a saved jtel section holds: the account, its ACD (groups, users, events) and dialler (campaigns, result codes,
 * contacts). Timers and the waiting queue are not saved: they follow from the entities and are rebuilt.
 */
// Built on first use (z.lazy): only restoring a saved file needs it, and start-up need not construct it.
export const JtelSnapshotSchema = z.lazy(() => {
  const ms = z.number();
  const Id = z.number().int();
  const text = z.string().nullable();
  const Named = z.object({ id: Id, name: z.string() });
  const STATUS_NAMES = Object.keys(ACD_EVENT_STATUS) as [AcdEventStatusName, ...AcdEventStatusName[]];

  const EventSchema = z.object({
    id: Id,
    typeId: Id,
    status: z.enum(STATUS_NAMES),
    groupId: Id,
    targetUserId: Id.nullable(),
    agentId: Id.nullable(),
    sender: z.string(),
    receiver: text,
    subject: z.string(),
    body: text,
    crmUrl: text,
    userData: text,
    priority: Id,
    appointmentAt: ms.nullable(),
    comment: text,
    createdAt: ms,
    modifiedAt: ms,
    statusAt: ms,
  });

  const CampaignSchema = z.object({
    ID: Id,
    Name: z.string(),
    Description: text,
    UserData: text,
    LanguagesID: Id,
    ContactPreviewTime: Id,
    nMaxParallelLines: Id.nullable(),
    nMaxAttempts: Id.min(1),
    bCloseContactsOnIncomingCallsMatchCallerID: z.boolean(),
    bCallerIDActive: z.boolean(),
    CallerID: text,
    AcdGroupsID: Id.nullable(),
    AbortOnNoTelNumberResultCodesID: Id.nullable(),
    IncomingCallResultCodesID: Id.nullable(),
    from: ms.nullable(),
    to: ms.nullable(),
    createdAt: ms,
    modifiedAt: ms,
  });

  const ResultCodeModelSchema = z.object({
    id: Id,
    campaignId: Id,
    names: z.object({ en: z.string(), de: z.string() }),
    exportKey: z.string(),
    type: z.enum(RESULT_CODE_TYPES),
    agentBound: z.boolean(),
    delayMinutes: Id.min(0),
  });

  const ContactSchema = z.object({
    id: Id,
    campaignId: Id,
    telNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    company: text,
    email: text,
    userData: text,
    priority: Id,
    attempts: Id.min(0),
    closed: z.boolean(),
    resultCodeId: Id.nullable(),
    lastCallAt: ms.nullable(),
    nextCallAt: ms.nullable(),
    createdAt: ms,
    modifiedAt: ms,
  });

  return z.object({
    seed: Id,
    clientsId: Id.min(1),
    token: z.string().min(1),
    serviceNumbers: z.array(z.string()),
    configurationGroups: z.array(Named),
    agentGroups: z.array(Named),
    groups: z.array(AcdGroupSchema.omit({ ClientsID: true })),
    users: z.array(z.object({ id: Id, name: z.string(), agentGroups: z.array(Id), busyWith: Id.nullable() })),
    events: z.array(EventSchema),
    agentPool: z.object({ enabled: z.boolean(), seenAfterMs: ms.min(0), doneAfterMs: ms.min(0) }),
    campaigns: z.array(CampaignSchema),
    resultCodes: z.array(ResultCodeModelSchema),
    contacts: z.array(ContactSchema),
    nextIds: z.object({ event: Id, campaign: Id, resultCode: Id, contact: Id }),
  });
});
export type JtelSnapshot = z.infer<typeof JtelSnapshotSchema>;

export function snapshotJtel(state: JtelState): Saving<JtelSnapshot> {
  return {
    seed: state.seed,
    clientsId: state.clientsId,
    token: state.token,
    serviceNumbers: [...state.serviceNumbers],
    configurationGroups: state.configurationGroups,
    agentGroups: state.agentGroups,
    groups: state.groups.snapshot(),
    users: state.users.snapshot(),
    events: state.events.snapshot(),
    agentPool: { ...state.agentPool },
    campaigns: state.campaigns.snapshot(),
    resultCodes: state.resultCodes.snapshot(),
    contacts: state.contacts.snapshot(),
    nextIds: { ...state.nextIds },
  };
}

/** Checked against the schema first (a corrupt section is refused); timers and the agents' queue are rebuilt. */
export function restoreJtel(snapshot: unknown): JtelState {
  const snap = parseSnapshot('jtel', JtelSnapshotSchema, snapshot);
  const state: JtelState = {
    ...snap,
    groups: newGroupStore(snap.groups),
    users: newUserStore(snap.users),
    events: newEventStore(snap.events),
    campaigns: newCampaignStore(snap.campaigns),
    resultCodes: newResultCodeStore(snap.resultCodes),
    contacts: newContactStore(snap.contacts),
    waiting: new Set(),
    eventTimers: new TimedQueue(),
    contactTimers: new TimedQueue(),
  };
  rebuildEventTimers(state);
  rebuildContactTimers(state);
  return state;
}
