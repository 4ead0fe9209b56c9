import type {
  AcdEvent,
  AcdEventStatusName,
  AcdGroup,
  DiallerCampaign,
  DiallerContact,
  ResultCode,
  ResultCodeType,
} from '../../contracts/jtel/schemas.ts';
import { ACD_EVENT_STATUS } from '../../contracts/jtel/schemas.ts';
import { EntityStore } from '../core/store.ts';
import { TimedQueue } from '../core/scheduler.ts';

/**
 * jtel state of one sandbox: the client account (ClientsID + token), its ACD (groups, users as agents, events) and
 * its dialler (campaigns, result codes, contacts). Timestamps are epoch ms on the virtual clock; the wire shows them
 * as jtel's local time without a zone (the simulator's local time is UTC: assumed).
 */

/** `2020-08-09T02:33:50.347`: jtel's local timestamp (README). */
export const localTime = (ms: number): string => new Date(ms).toISOString().slice(0, 23);
const localOrNull = (ms: number | null): string | null => (ms === null ? null : localTime(ms));

export type GroupModel = Omit<AcdGroup, 'ClientsID'>;

export interface UserModel {
  id: number;
  name: string;
  /** The agent groups the user works in (an ACD group's events reach the users of its agent group). */
  agentGroups: number[];
  /** The event the simulated agent is working on. */
  busyWith: number | null;
}

export interface EventModel {
  id: number;
  typeId: number;
  status: AcdEventStatusName;
  groupId: number;
  /** The user the event was created for (`UsersID`), or null: the group queue. */
  targetUserId: number | null;
  /** The simulated agent that took it. */
  agentId: number | null;
  sender: string;
  receiver: string | null;
  subject: string;
  body: string | null;
  crmUrl: string | null;
  userData: string | null;
  priority: number;
  appointmentAt: number | null;
  comment: string | null;
  createdAt: number;
  modifiedAt: number;
  /** When it entered its status (timers count from here). */
  statusAt: number;
}

export interface CampaignModel extends Omit<
  DiallerCampaign,
  'ClientsID' | 'dtFrom' | 'dtTo' | 'dtCreated' | 'dtLastModified'
> {
  from: number | null;
  to: number | null;
  createdAt: number;
  modifiedAt: number;
}

export interface ResultCodeModel {
  id: number;
  campaignId: number;
  /** By LanguagesID: 1 English, 2 German. */
  names: { en: string; de: string };
  exportKey: string;
  type: ResultCodeType;
  agentBound: boolean;
  delayMinutes: number;
}

export interface ContactModel {
  id: number;
  campaignId: number;
  telNumber: string;
  firstName: string;
  lastName: string;
  company: string | null;
  email: string | null;
  userData: string | null;
  priority: number;
  attempts: number;
  closed: boolean;
  resultCodeId: number | null;
  lastCallAt: number | null;
  nextCallAt: number | null;
  createdAt: number;
  modifiedAt: number;
}

export interface AgentPool {
  /** Simulated agents take waiting events as the clock advances. */
  enabled: boolean;
  /** New → Seen after an agent took an event. */
  seenAfterMs: number;
  /** Seen → Done: the agent is free again. */
  doneAfterMs: number;
}

export interface NamedRef {
  id: number;
  name: string;
}

export interface JtelState {
  seed: number;
  clientsId: number;
  token: string;
  serviceNumbers: string[];
  configurationGroups: NamedRef[];
  agentGroups: NamedRef[];
  groups: EntityStore<GroupModel, 'pair'>;
  users: EntityStore<UserModel>;
  events: EntityStore<EventModel>;
  /** Events waiting in TransportToGroup/TransportAgent for an agent. */
  waiting: Set<EventModel>;
  eventTimers: TimedQueue<EventModel>;
  agentPool: AgentPool;
  campaigns: EntityStore<CampaignModel, 'name'>;
  resultCodes: EntityStore<ResultCodeModel>;
  contacts: EntityStore<ContactModel>;
  contactTimers: TimedQueue<ContactModel>;
  nextIds: { event: number; campaign: number; resultCode: number; contact: number };
}

export const pairKey = (configurationGroupId: number, agentGroupId: number) =>
  `${configurationGroupId}/${agentGroupId}`;

export function newGroupStore(groups: Iterable<GroupModel> = []): EntityStore<GroupModel, 'pair'> {
  return EntityStore.restore(
    'AcdGroups',
    (g: GroupModel) => g.ID,
    {
      pair: (g: GroupModel) => pairKey(g.AcdConfigurationGroupsID, g.AcdAgentGroupsID),
    },
    groups,
  );
}
export const newUserStore = (users: Iterable<UserModel> = []) =>
  EntityStore.restore('Users', (u: UserModel) => u.id, {}, users);
export const newEventStore = (events: Iterable<EventModel> = []) =>
  EntityStore.restore('AcdEvents', (e: EventModel) => e.id, {}, events);
export const newCampaignStore = (campaigns: Iterable<CampaignModel> = []) =>
  EntityStore.restore(
    'DiallerCampaigns',
    (c: CampaignModel) => c.ID,
    { name: (c: CampaignModel) => c.Name },
    campaigns,
  );
export const newResultCodeStore = (codes: Iterable<ResultCodeModel> = []) =>
  EntityStore.restore('DiallerResultCodes', (r: ResultCodeModel) => r.id, {}, codes);
export const newContactStore = (contacts: Iterable<ContactModel> = []) =>
  EntityStore.restore('DiallerContacts', (c: ContactModel) => c.id, {}, contacts);

// ---- Wire views -----------------------------------------------------------------------------------------------

export function groupView(state: JtelState, g: GroupModel): AcdGroup {
  return { ...g, ClientsID: state.clientsId };
}

export function eventView(state: JtelState, e: EventModel): AcdEvent {
  const group = state.groups.get(e.groupId) as GroupModel;
  return {
    AcdEventsID: e.id,
    ClientsID: state.clientsId,
    AcdEventTypesID: e.typeId,
    AcdEventStatusID: ACD_EVENT_STATUS[e.status],
    AcdGroupsID: e.groupId,
    AcdConfigurationGroupsID: group.AcdConfigurationGroupsID,
    AcdAgentGroupsID: group.AcdAgentGroupsID,
    UsersID: e.targetUserId ?? e.agentId,
    Sender: e.sender,
    Receiver: e.receiver,
    Subject: e.subject,
    Body: e.body,
    CrmURL: e.crmUrl,
    UserData: e.userData,
    nPriority: e.priority,
    dtAppointment: localOrNull(e.appointmentAt),
    SkillsValue1: null,
    SkillsValue2: null,
    ChatConnectorsID: null,
    Comment: e.comment,
    dtCreated: localTime(e.createdAt),
    dtLastModified: localTime(e.modifiedAt),
  };
}

export function campaignView(state: JtelState, c: CampaignModel): DiallerCampaign {
  const { from, to, createdAt, modifiedAt, ...fields } = c;
  return {
    ...fields,
    ClientsID: state.clientsId,
    dtFrom: localOrNull(from),
    dtTo: localOrNull(to),
    dtCreated: localTime(createdAt),
    dtLastModified: localTime(modifiedAt),
  };
}

export function resultCodeView(r: ResultCodeModel, languageId: 1 | 2): ResultCode {
  return {
    ID: r.id,
    DiallerCampaignsID: r.campaignId,
    LanguagesID: languageId,
    Name: languageId === 1 ? r.names.en : r.names.de,
    ExportKey: r.exportKey,
    ResultCodeType: r.type,
    bAgentResultCode: r.agentBound,
    nDelayMinutes: r.delayMinutes,
  };
}

export function contactView(state: JtelState, c: ContactModel): DiallerContact {
  return {
    ID: c.id,
    ClientsID: state.clientsId,
    DiallerCampaignsID: c.campaignId,
    TelNumber: c.telNumber,
    FirstName: c.firstName,
    LastName: c.lastName,
    Company: c.company,
    Email: c.email,
    UserData: c.userData,
    nPriority: c.priority,
    nAttempts: c.attempts,
    bClosed: c.closed,
    DiallerResultCodesID: c.resultCodeId,
    ResultCodeExportKey: c.resultCodeId === null ? null : (state.resultCodes.get(c.resultCodeId)?.exportKey ?? null),
    dtLastCall: localOrNull(c.lastCallAt),
    dtNextCall: localOrNull(c.nextCallAt),
    dtCreated: localTime(c.createdAt),
    dtLastModified: localTime(c.modifiedAt),
  };
}

/** The result codes of a campaign, by ID. */
export function resultCodesOf(state: JtelState, campaignId: number): ResultCodeModel[] {
  const codes: ResultCodeModel[] = [];
  for (const r of state.resultCodes.values()) if (r.campaignId === campaignId) codes.push(r);
  return codes;
}

/** Case-insensitive substring match (the document: "partial match"; case-insensitivity assumed). */
export const nameMatches = (name: string, partial: string) => name.toLowerCase().includes(partial.toLowerCase());
