import { MESSAGES } from '../../contracts/jtel/schemas.ts';
import { SeededRandom, saltedSeed } from '../core/random.ts';
import { TimedQueue } from '../core/scheduler.ts';
import { conflict, notFound } from './errors.ts';
import { type CampaignModel, type ContactModel, type JtelState, resultCodesOf } from './models.ts';

const MINUTE_MS = 60_000;
/** A contact's first call comes 1–60 minutes after it was added (assumed pacing). */
const FIRST_CALL_WINDOW_MIN = 60;
/** An appointment result calls again the next day (assumed: the document gives no appointment time). */
const APPOINTMENT_DELAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The dialler on the virtual clock: each open contact is called when its `dtNextCall` comes; the call ends with one
 * of its campaign's result codes, drawn from the sandbox seed, the contact and the attempt (so a seed replays the
 * same results whatever else happened). DONE and ABORT close the contact, DELAY calls again after the code's delay,
 * APPOINTMENT the next day; `nMaxAttempts` attempts close it too (all assumed: the document is silent).
 */
export function draw(state: JtelState, contactId: number, attempt: number, n: number): number {
  return new SeededRandom(saltedSeed(state.seed, `jtel-contact:${contactId}:${attempt}`)).int(n);
}

export function firstCallAt(state: JtelState, contactId: number, createdAt: number): number {
  return createdAt + (1 + draw(state, contactId, 0, FIRST_CALL_WINDOW_MIN)) * MINUTE_MS;
}

export function rebuildContactTimers(state: JtelState): void {
  state.contactTimers = new TimedQueue();
  for (const c of state.contacts.values()) if (c.nextCallAt !== null) state.contactTimers.schedule(c.nextCallAt, c);
}

function call(state: JtelState, c: ContactModel, at: number): void {
  const campaign = state.campaigns.get(c.campaignId) as CampaignModel;
  const codes = resultCodesOf(state, c.campaignId);
  c.attempts++;
  c.lastCallAt = at;
  c.modifiedAt = at;
  c.nextCallAt = null;
  if (codes.length === 0) {
    c.closed = true;
    return;
  }
  const code = codes[draw(state, c.id, c.attempts, codes.length)]!;
  c.resultCodeId = code.id;
  if (code.type === 'DONE' || code.type === 'ABORT' || c.attempts >= campaign.nMaxAttempts) {
    c.closed = true;
    return;
  }
  c.nextCallAt = at + (code.type === 'APPOINTMENT' ? APPOINTMENT_DELAY_MS : Math.max(1, code.delayMinutes) * MINUTE_MS);
  state.contactTimers.schedule(c.nextCallAt, c);
}

export function advanceDialler(state: JtelState, now: number): void {
  for (let entry = state.contactTimers.popDue(now); entry; entry = state.contactTimers.popDue(now)) {
    const c = entry.key;
    if (c.closed || c.nextCallAt !== entry.at || state.contacts.get(c.id) !== c) continue;
    call(state, c, entry.at);
  }
}

export type NewContact = Pick<ContactModel, 'telNumber' | 'firstName' | 'lastName'> &
  Partial<Pick<ContactModel, 'company' | 'email' | 'userData' | 'priority'>>;

export function addContact(state: JtelState, campaignId: number, fields: NewContact, now: number): ContactModel {
  const id = state.nextIds.contact++;
  const contact: ContactModel = {
    company: null,
    email: null,
    userData: null,
    priority: 50,
    ...fields,
    id,
    campaignId,
    attempts: 0,
    closed: false,
    resultCodeId: null,
    lastCallAt: null,
    nextCallAt: firstCallAt(state, id, now),
    createdAt: now,
    modifiedAt: now,
  };
  state.contacts.insert(contact);
  state.contactTimers.schedule(contact.nextCallAt as number, contact);
  return contact;
}

/**
 * Clones `source` as `destination` with all related data — settings and result codes (new ids; the campaign's
 * references to its own result codes follow) — but no contacts (documented). 404 unknown source, 409 existing
 * destination (documented).
 */
export function cloneCampaign(
  state: JtelState,
  source: string,
  destination: string,
  userData: string | undefined,
  now: number,
): CampaignModel {
  const from = state.campaigns.by('name', source);
  if (!from) throw notFound(MESSAGES.sourceCampaignNotFound);
  if (state.campaigns.by('name', destination)) throw conflict(MESSAGES.campaignExists);
  const id = state.nextIds.campaign++;
  const codeIds = new Map<number, number>();
  for (const code of resultCodesOf(state, from.ID)) {
    const copy = { ...code, names: { ...code.names }, id: state.nextIds.resultCode++, campaignId: id };
    codeIds.set(code.id, copy.id);
    state.resultCodes.insert(copy);
  }
  const remap = (ref: number | null) => (ref === null ? null : (codeIds.get(ref) ?? ref));
  const clone: CampaignModel = {
    ...from,
    ID: id,
    Name: destination,
    UserData: userData ?? from.UserData,
    AbortOnNoTelNumberResultCodesID: remap(from.AbortOnNoTelNumberResultCodesID),
    IncomingCallResultCodesID: remap(from.IncomingCallResultCodesID),
    createdAt: now,
    modifiedAt: now,
  };
  state.campaigns.insert(clone);
  return clone;
}

/** Deletes a campaign with its related data: result codes and contacts (documented: "including all related data"). */
export function deleteCampaign(state: JtelState, campaign: CampaignModel): void {
  for (const code of resultCodesOf(state, campaign.ID)) state.resultCodes.delete(code);
  for (const contact of [...state.contacts.values()]) {
    if (contact.campaignId === campaign.ID) state.contacts.delete(contact);
  }
  state.campaigns.delete(campaign);
}
