import { engageFault } from './faults.ts';
import type { AttemptModel, ContactModel, OutreachState } from './model.ts';
import { type TimeRange, limited } from './windows.ts';

/** The documented limits of the attempt methods. */
export const MAX_SHOW_ATTEMPTS = 100;
export const MAX_LIST_ATTEMPTS = 500;
export const MAX_BATCH_ATTEMPTS = 1000;
/** The only change changeContactAttempt supports: adding this tag (documented "the archive tag"; spelling assumed). */
export const ARCHIVE_TAG = 'archive';

/** showContactAttempts: ≤ 100 ids (ARG_TOO_LARGE), each must exist (OBJECT_NOT_EXISTS naming it). */
export function showContactAttempts(state: OutreachState, ids: readonly string[]): AttemptModel[] {
  if (ids.length > MAX_SHOW_ATTEMPTS) throw engageFault('ARG_TOO_LARGE', 'contactAttempts');
  return ids.map((id) => {
    const attempt = state.attempts.get(id);
    if (!attempt) throw engageFault('OBJECT_NOT_EXISTS', id);
    return attempt;
  });
}

export interface AttemptSample {
  /** The contact's externalId (the document's "ClientID")… */
  contact?: string | null;
  /** …or the externalId of its device[0]. */
  device?: string | null;
}

function contactMatches(contact: ContactModel, sample: AttemptSample): boolean {
  if (sample.contact != null && contact.externalId !== sample.contact) return false;
  if (sample.device != null && contact.devices[0]?.externalId !== sample.device) return false;
  return true;
}

/**
 * The attempts started in the range whose contact matches the sample and that `keep` accepts, newest last; more than
 * `limit` → RESULT_TOO_LARGE (documented).
 */
export function listAttempts(
  state: OutreachState,
  sample: AttemptSample | null,
  range: TimeRange,
  limit: number,
  keep: (attempt: AttemptModel) => boolean,
): AttemptModel[] {
  if (sample && sample.contact == null && sample.device == null) throw engageFault('ATTRIBUTE_NULL', 'sample');
  const found: AttemptModel[] = [];
  for (const attempt of state.attempts.values()) {
    if (attempt.startTime < range.from || attempt.startTime > range.to || !keep(attempt)) continue;
    if (sample && !contactMatches(state.contacts.get(attempt.contactId) as ContactModel, sample)) continue;
    found.push(attempt);
  }
  return limited(found, limit);
}

/** changeContactAttempt: only adding the archive tag to `tags` (documented); anything else → ARG_INVALID_TYPE naming it (a
 * documented code of the method; the choice is assumed). */
export function changeContactAttempt(
  state: OutreachState,
  internalId: string,
  tags: readonly string[],
  otherFields: readonly string[],
): AttemptModel {
  const attempt = state.attempts.get(internalId);
  if (!attempt) throw engageFault('OBJECT_NOT_EXISTS', internalId);
  if (otherFields.length > 0)
    throw engageFault('ARG_INVALID_TYPE', `only tags can change, not ${otherFields.join(', ')}`);
  const added = tags.filter((t) => !attempt.tags.includes(t));
  if (added.some((t) => t !== ARCHIVE_TAG))
    throw engageFault('ARG_INVALID_TYPE', `only the ${ARCHIVE_TAG} tag can be added`);
  if (tags.length < attempt.tags.length || attempt.tags.some((t) => !tags.includes(t))) {
    throw engageFault('ARG_INVALID_TYPE', 'tags cannot be removed');
  }
  if (added.length > 0) attempt.tags.push(ARCHIVE_TAG);
  return attempt;
}
