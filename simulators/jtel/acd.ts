import {
  ACD_EVENT_STATUS,
  ACD_EVENT_TYPES,
  type AcdEventStatusName,
  E164,
  MESSAGES,
} from '../../contracts/jtel/schemas.ts';
import { Lifecycle } from '../core/lifecycle.ts';
import { TimedQueue } from '../core/scheduler.ts';
import { badRequest } from './errors.ts';
import { type EventModel, type GroupModel, type JtelState, localTime, pairKey } from './models.ts';

/**
 * ACD events on the virtual clock. The moves are the document's statuses; which moves exist and how long each step
 * takes are the simulator's (assumed): EnterSystem → Distribute (or Remind until an appointment) → TransportToGroup
 * (group queue) / TransportAgent (UsersID) → New when a simulated agent takes it → Seen → Done; Error from anywhere
 * before Done. TransportSMTP and ChatClosed exist (statuses list, backdoor) but the simulation never enters them.
 */
export const acdEventLifecycle = new Lifecycle<AcdEventStatusName, EventModel>(
  'AcdEventStatus',
  {
    EnterSystem: ['Distribute', 'Remind', 'Error'],
    Remind: ['Distribute', 'Error'],
    Distribute: ['TransportToGroup', 'TransportAgent', 'Error'],
    TransportSMTP: ['Done', 'Error'],
    TransportToGroup: ['New', 'Error'],
    TransportAgent: ['New', 'Error'],
    New: ['Seen', 'Done', 'Error'],
    Seen: ['Done', 'Error'],
    ChatClosed: [],
    Done: [],
    Error: [],
  },
  { state: { get: (e) => e.status, set: (e, to) => (e.status = to) } },
);

/** Each automatic step of the system (entering, distributing) takes one second (assumed). */
export const SYSTEM_STEP_MS = 1000;
const WAITING: ReadonlySet<AcdEventStatusName> = new Set(['TransportToGroup', 'TransportAgent']);
const FINAL: ReadonlySet<AcdEventStatusName> = new Set(['Done', 'Error', 'ChatClosed']);

/** The next automatic move of an event and when: the timers (rebuilt from the events after a restore). */
export function dueOf(state: JtelState, e: EventModel): { at: number; to: AcdEventStatusName } | undefined {
  switch (e.status) {
    case 'EnterSystem': {
      const at = e.statusAt + SYSTEM_STEP_MS;
      return { at, to: e.appointmentAt !== null && e.appointmentAt > at ? 'Remind' : 'Distribute' };
    }
    case 'Remind':
      return { at: Math.max(e.appointmentAt ?? e.statusAt, e.statusAt), to: 'Distribute' };
    case 'Distribute':
      return { at: e.statusAt + SYSTEM_STEP_MS, to: e.targetUserId === null ? 'TransportToGroup' : 'TransportAgent' };
    case 'New':
      return e.agentId === null ? undefined : { at: e.statusAt + state.agentPool.seenAfterMs, to: 'Seen' };
    case 'Seen':
      return e.agentId === null ? undefined : { at: e.statusAt + state.agentPool.doneAfterMs, to: 'Done' };
    default:
      return undefined;
  }
}

function schedule(state: JtelState, e: EventModel): void {
  const due = dueOf(state, e);
  if (due) state.eventTimers.schedule(due.at, e);
}

export function rebuildEventTimers(state: JtelState): void {
  state.eventTimers = new TimedQueue();
  state.waiting = new Set();
  for (const e of state.events.values()) {
    schedule(state, e);
    if (WAITING.has(e.status)) state.waiting.add(e);
  }
}

/** Bookkeeping of every status change, allowed by the table (`move`) or forced by a backdoor. */
function entered(state: JtelState, e: EventModel, at: number): void {
  e.statusAt = at;
  e.modifiedAt = at;
  if (WAITING.has(e.status)) state.waiting.add(e);
  else state.waiting.delete(e);
  if (e.agentId !== null && (FINAL.has(e.status) || WAITING.has(e.status) || e.status === 'EnterSystem')) {
    const agent = state.users.get(e.agentId);
    if (agent && agent.busyWith === e.id) agent.busyWith = null;
    if (!FINAL.has(e.status)) e.agentId = null;
  }
  schedule(state, e);
}

function move(state: JtelState, e: EventModel, to: AcdEventStatusName, at: number): void {
  acdEventLifecycle.move(e, to, at);
  entered(state, e, at);
}

/** Backdoor: puts an event into any status (the table is skipped so QA reaches every one), then agents react. */
export function forceStatus(state: JtelState, e: EventModel, to: AcdEventStatusName, at: number): void {
  e.status = to;
  entered(state, e, at);
  dispatch(state, at);
}

/**
 * Free simulated agents take waiting events: the agent's own targeted events and its groups' queue, highest
 * `nPriority` first, then the oldest (assumed order). An agent works one event at a time.
 */
export function dispatch(state: JtelState, at: number): void {
  if (!state.agentPool.enabled || state.waiting.size === 0) return;
  for (const agent of state.users.values()) {
    if (agent.busyWith !== null) continue;
    let best: EventModel | undefined;
    for (const e of state.waiting) {
      if (e.statusAt > at) continue;
      const eligible =
        e.targetUserId === null
          ? agent.agentGroups.includes((state.groups.get(e.groupId) as GroupModel).AcdAgentGroupsID)
          : e.targetUserId === agent.id;
      if (!eligible) continue;
      if (
        !best ||
        e.priority > best.priority ||
        (e.priority === best.priority &&
          (e.createdAt < best.createdAt || (e.createdAt === best.createdAt && e.id < best.id)))
      ) {
        best = e;
      }
    }
    if (!best) continue;
    best.agentId = agent.id;
    agent.busyWith = best.id;
    move(state, best, 'New', at);
  }
}

/** Moves every event up to `now`, each step at its own time, agents taking events as they become free. */
export function advanceAcd(state: JtelState, now: number): void {
  for (let entry = state.eventTimers.popDue(now); entry; entry = state.eventTimers.popDue(now)) {
    const e = entry.key;
    const due = dueOf(state, e);
    if (!due || due.at !== entry.at || state.events.get(e.id) !== e) continue;
    move(state, e, due.to, entry.at);
    dispatch(state, entry.at);
  }
}

// ---- Create ---------------------------------------------------------------------------------------------------

const TELEPHONE_TYPES: ReadonlySet<number> = new Set([ACD_EVENT_TYPES.VoiceMail, ACD_EVENT_TYPES.Callback]);
const EVENT_TYPE_IDS: ReadonlySet<number> = new Set(Object.values(ACD_EVENT_TYPES));
const MAX_TEXT = 4000;
const MAX_ID = 2 ** 31 - 1;

type Body = Record<string, unknown>;

/** An integer parameter: a JSON number or a string of digits (assumed leniency: jtel's own clients send both). */
function intParam(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || Math.abs(n) > MAX_ID) {
    throw badRequest(MESSAGES.invalid(name, 'not an integer'));
  }
  return n;
}

function textParam(body: Body, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || (required && value === '')) {
    if (required) throw badRequest(MESSAGES.missing(name));
    return undefined;
  }
  if (typeof value !== 'string') throw badRequest(MESSAGES.invalid(name, 'not a string'));
  if (value.length > MAX_TEXT) throw badRequest(MESSAGES.invalid(name, `longer than ${MAX_TEXT} characters`));
  return value;
}

/** The target group: `AcdGroupsID`, or both `AcdConfigurationGroupsID` and `AcdAgentGroupsID` — never both forms. */
function targetGroup(state: JtelState, body: Body): GroupModel {
  const groupId = intParam(body, 'AcdGroupsID');
  const configurationId = intParam(body, 'AcdConfigurationGroupsID');
  const agentGroupId = intParam(body, 'AcdAgentGroupsID');
  const pair = configurationId !== undefined || agentGroupId !== undefined;
  if (groupId !== undefined && pair) {
    throw badRequest(
      MESSAGES.invalid('AcdGroupsID', 'give either AcdGroupsID or AcdConfigurationGroupsID and AcdAgentGroupsID'),
    );
  }
  if (groupId !== undefined) {
    const group = state.groups.get(groupId);
    if (!group) throw badRequest(MESSAGES.invalid('AcdGroupsID', `no AcdGroup ${groupId}`));
    return group;
  }
  if (configurationId === undefined || agentGroupId === undefined) {
    throw badRequest(
      MESSAGES.missing(
        configurationId !== undefined
          ? 'AcdAgentGroupsID'
          : agentGroupId !== undefined
            ? 'AcdConfigurationGroupsID'
            : 'AcdGroupsID (or AcdConfigurationGroupsID and AcdAgentGroupsID)',
      ),
    );
  }
  const group = state.groups.by('pair', pairKey(configurationId, agentGroupId));
  if (!group) {
    throw badRequest(
      MESSAGES.invalid(
        'AcdConfigurationGroupsID',
        `no AcdGroup of configuration group ${configurationId} and agent group ${agentGroupId}`,
      ),
    );
  }
  return group;
}

/** `yyyy-mm-dd` / `yyyymmdd` and `hh:mm` / `hhmm`, checked as a real date and time; epoch ms (UTC = local). */
function appointmentOf(body: Body, now: number): number | null {
  const date = textParam(body, 'dtAppointmentDate', false);
  const time = textParam(body, 'dtAppointmentTime', false);
  if (date === undefined && time === undefined) return null;
  let day = Math.floor(now / 86_400_000) * 86_400_000; // a time alone: today (assumed)
  if (date !== undefined) {
    const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date);
    const dashes = date.includes('-');
    if (!m || (dashes && date.length !== 10))
      throw badRequest(MESSAGES.invalid('dtAppointmentDate', 'not yyyy-mm-dd or yyyymmdd'));
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    day = Date.UTC(y, mo - 1, d);
    const check = new Date(day);
    if (y < 1900 || check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
      throw badRequest(MESSAGES.invalid('dtAppointmentDate', 'not a calendar date'));
    }
  }
  let minutes = 0; // a date alone: midnight (assumed)
  if (time !== undefined) {
    const m = /^(\d{2}):?(\d{2})$/.exec(time);
    if (!m || (time.includes(':') && time.length !== 5))
      throw badRequest(MESSAGES.invalid('dtAppointmentTime', 'not hh:mm or hhmm'));
    const [h, mi] = [Number(m[1]), Number(m[2])];
    if (h > 23 || mi > 59) throw badRequest(MESSAGES.invalid('dtAppointmentTime', 'not a time of day'));
    minutes = h * 60 + mi;
  }
  return day + minutes * 60_000;
}

function wellFormedUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Every documented field checked (in the table's order), before anything changes. */
export function parseCreate(
  state: JtelState,
  body: Body,
  now: number,
): Omit<EventModel, 'id' | 'status' | 'agentId' | 'comment' | 'createdAt' | 'modifiedAt' | 'statusAt'> {
  const typeId = intParam(body, 'AcdEventTypesID');
  if (typeId === undefined) throw badRequest(MESSAGES.missing('AcdEventTypesID'));
  if (!EVENT_TYPE_IDS.has(typeId)) throw badRequest(MESSAGES.invalid('AcdEventTypesID', `no AcdEventType ${typeId}`));
  const group = targetGroup(state, body);
  const userId = intParam(body, 'UsersID') ?? null;
  if (userId !== null && !state.users.has(userId)) throw badRequest(MESSAGES.invalid('UsersID', `no user ${userId}`));
  const telephone = TELEPHONE_TYPES.has(typeId);
  const sender = textParam(body, 'Sender', true) as string;
  if (telephone && !E164.test(sender))
    throw badRequest(MESSAGES.invalid('Sender', 'not a telephone number in E.164 format'));
  const receiver = textParam(body, 'Receiver', false) ?? null;
  if (receiver !== null && telephone) {
    if (!E164.test(receiver)) throw badRequest(MESSAGES.invalid('Receiver', 'not a telephone number in E.164 format'));
    if (!state.serviceNumbers.includes(receiver))
      throw badRequest(MESSAGES.invalid('Receiver', 'not a configured service number'));
  }
  const subject = textParam(body, 'Subject', true) as string;
  const bodyText = textParam(body, 'Body', false) ?? null;
  const crmUrl = textParam(body, 'CrmURL', false) ?? null;
  if (crmUrl !== null && !wellFormedUrl(crmUrl)) throw badRequest(MESSAGES.invalid('CrmURL', 'not a well-formed URL'));
  const userData = textParam(body, 'UserData', false) ?? null;
  const priority = intParam(body, 'nPriority') ?? 50;
  if (priority < 0 || priority > 100) throw badRequest(MESSAGES.invalid('nPriority', 'not between 0 and 100'));
  const appointmentAt = appointmentOf(body, now);
  return {
    typeId,
    groupId: group.ID,
    targetUserId: userId,
    sender,
    receiver,
    subject,
    // Body is supported for callback events only: other types do not keep it (assumed: ignored, not refused).
    body: typeId === ACD_EVENT_TYPES.Callback ? bodyText : null,
    crmUrl,
    userData,
    priority,
    appointmentAt,
  };
}

const OPEN_FOR_DUPLICATES = (e: EventModel) => e.status !== 'Done' && e.status !== 'Error';

/**
 * Creates an event, or — when its group forbids duplicate events and an open one (not Done/Error) has the same type,
 * group and sender — returns that one, updated with a comment (documented: `Result_` "UPDATED").
 */
export function createEvent(state: JtelState, body: Body, now: number): { event: EventModel; updated: boolean } {
  const fields = parseCreate(state, body, now);
  const group = state.groups.get(fields.groupId) as GroupModel;
  if (!group.bAllowDuplicateEvents) {
    for (const e of state.events.values()) {
      if (
        e.groupId === fields.groupId &&
        e.typeId === fields.typeId &&
        e.sender === fields.sender &&
        OPEN_FOR_DUPLICATES(e)
      ) {
        const line = `${localTime(now)} duplicate event received: ${fields.subject}`;
        e.comment = e.comment === null ? line : `${e.comment}\n${line}`;
        e.modifiedAt = now;
        return { event: e, updated: true };
      }
    }
  }
  const event = insertEvent(state, fields, now);
  return { event, updated: false };
}

export function insertEvent(state: JtelState, fields: ReturnType<typeof parseCreate>, now: number): EventModel {
  const event: EventModel = {
    ...fields,
    id: state.nextIds.event++,
    status: 'EnterSystem',
    agentId: null,
    comment: null,
    createdAt: now,
    modifiedAt: now,
    statusAt: now,
  };
  state.events.insert(event);
  schedule(state, event);
  return event;
}

export const statusByValue = (value: number | string): AcdEventStatusName | undefined =>
  (Object.keys(ACD_EVENT_STATUS) as AcdEventStatusName[]).find(
    (name) => ACD_EVENT_STATUS[name] === value || name === value || `AcdEventStatus.${name}` === value,
  );
