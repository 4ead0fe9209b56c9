import type { z } from 'zod';
import type {
  Campaign,
  ContactAttempt,
  ContactBatch,
  ContactBatchState,
  Org,
  OutreachStrategy,
  Pass,
  Script,
  User,
} from '../../../contracts/engage/entities.ts';
import { checkedAttributes, isBlank } from '../config/common.ts';
import {
  listAttempts,
  MAX_BATCH_ATTEMPTS,
  MAX_LIST_ATTEMPTS,
  showContactAttempts as show,
  changeContactAttempt as changeAttempt,
} from './attempts.ts';
import {
  type NewContactBatch,
  cancelContactBatch,
  createContactBatch as createSync,
  createContactBatchAsync as createAsync,
  findContactBatch,
  listContactBatches,
} from './batches.ts';
import { attemptAllNow } from './engine.ts';
import { engageFault } from './faults.ts';
import {
  type Call,
  type Contact,
  accountArg,
  accountsArg,
  agentGroupArg,
  callerAccounts,
  campaignArg,
  contactInputs,
  directoryOf,
  intOf,
  keyedArg,
  passInput,
  refOf,
  scriptArg,
  strategyArg,
  timeOf,
  userArg,
} from './resolve.ts';
import { createSubCampaign } from './subcampaigns.ts';
import { attemptView, contactBatchStateView, contactBatchView } from './views.ts';
import { DAYS_MS, dayWindow } from './windows.ts';

type BatchArg = z.infer<typeof ContactBatch>;
type AttemptArg = z.infer<typeof ContactAttempt>;

/** createContactBatch(Async)'s ContactBatch with the documented defaults applied and its references resolved. */
function batchInput(call: Call, batch: BatchArg, override: unknown): NewContactBatch {
  if (!batch.owner) throw engageFault('ARG_NULL', 'owner');
  const accountId = accountArg(call, batch.owner, 'owner', true);
  const { state } = call;
  // Null campaign → the account's default campaign: its first (assumed).
  const campaign = batch.campaign
    ? campaignArg(call, batch.campaign, accountId)
    : [...state.campaigns.values()].find((c) => c.ownerId === accountId);
  if (!campaign) throw engageFault('OBJECT_NOT_EXISTS', 'Campaign (default)');
  const strategy = strategyArg(call, batch.outreachStrategy as z.infer<typeof OutreachStrategy> | undefined, accountId);
  const agentGroup = agentGroupArg(call, batch.agentGroup, accountId);
  const agent = userArg(call, batch.agent as z.infer<typeof User> | undefined, accountId);
  return {
    internalId: isBlank(batch.internalId) ? null : batch.internalId.trim(),
    externalId: isBlank(batch.externalId) ? null : batch.externalId,
    campaign: refOf(campaign),
    outreachStrategy: refOf(strategy),
    strategyPasses: strategy.passes.map((p: z.infer<typeof Pass>, i: number) => passInput(p, i)),
    // Null script → the strategy's default: the simulator's strategies carry none, so none (assumed).
    script: scriptArg(call, batch.script as z.infer<typeof Script> | undefined),
    agent: agent ? refOf(agent) : null,
    agentGroup: agentGroup ? refOf(agentGroup) : null,
    accountId,
    requestedStartTime: timeOf(batch.requestedStartTime, 'requestedStartTime'),
    maxDurationMinutes: intOf(batch.maxDuration, 'maxDuration', 0, Number.MAX_SAFE_INTEGER),
    override: override ?? null,
    attributes: checkedAttributes(call, batch.attributes) as NewContactBatch['attributes'],
  };
}

export function createContactBatch(call: Call) {
  const [batch, contacts, override] = call.args as [BatchArg, Contact[], unknown];
  const input = batchInput(call, batch, override);
  const created = createSync(
    call.state.outreach,
    input,
    contactInputs(call, contacts),
    call.now(),
    directoryOf(call.state).isFiltered,
  );
  return [contactBatchView(call.state, created)];
}

export function createContactBatchAsync(call: Call) {
  const [batch, contacts, override] = call.args as [BatchArg, Contact[], unknown];
  const input = batchInput(call, batch, override);
  const { state } = call;
  // Secure when the owner account's enterprise is (documented: "If enterprise for given account is secure").
  const enterprise = state.orgs.get(state.orgs.get(input.accountId)?.parentId ?? '');
  const block = { bytes: state.payloadBlockBytes, secure: enterprise?.secure === true };
  const created = createAsync(state.outreach, input, contactInputs(call, contacts), call.now(), block);
  return [contactBatchView(call.state, created)];
}

/** A batch by internalId, or externalId (within its campaign when one is given); only the caller's. */
function batchArg(call: Call, batch: BatchArg | undefined) {
  return keyedArg(call, batch, 'contactBatch', (key, campaign) => findContactBatch(call.state.outreach, key, campaign));
}

export function showContactBatchState(call: Call) {
  const [batch] = call.args as [BatchArg];
  return [contactBatchStateView(call.state, batchArg(call, batch))];
}

export function listContactBatchStates(call: Call) {
  const [sample, fromTime, toTime] = call.args as [BatchArg | undefined, string | undefined, string | undefined];
  const accountId = call.state.accountId;
  const campaign = sample?.campaign
    ? refOf(campaignArg(call, sample.campaign as z.infer<typeof Campaign>, accountId))
    : null;
  const agent = userArg(call, sample?.agent as z.infer<typeof User> | undefined, undefined);
  const group = agentGroupArg(call, sample?.agentGroup, undefined);
  const range = dayWindow(timeOf(fromTime, 'fromTime'), timeOf(toTime, 'toTime'), call.now());
  const batches = listContactBatches(
    call.state.outreach,
    { campaign, agent: agent ? refOf(agent) : null, agentGroup: group ? refOf(group) : null },
    range,
  ).filter((b) => callerAccounts(call.state).has(b.accountId));
  return batches.map((b) => contactBatchStateView(call.state, b));
}

export function changeContactBatchState(call: Call) {
  const [arg] = call.args as [z.infer<typeof ContactBatchState>];
  const batch = batchArg(call, arg.contactBatch);
  if (isBlank(arg.state)) throw engageFault('ARG_NULL', 'state');
  return [
    contactBatchStateView(call.state, cancelContactBatch(call.state.outreach, batch, arg.state.trim(), call.now())),
  ];
}

/** The deprecation every answer of createContactAttempts carries (as an attribute of each attempt: assumed form). */
export const DEPRECATION = { name: 'deprecated', value: 'Deprecated as of 10.0, see createContactBatch()' } as const;

/**
 * createContactAttempts (deprecated as of 10.0, still served): the contacts are attempted at once through the
 * pass given, in an on-demand sub-campaign of the campaign (null ids → the account's default campaign).
 */
export function createContactAttempts(call: Call) {
  const [campaignArgValue, pass, contacts, script, org] = call.args as [
    z.infer<typeof Campaign> | undefined,
    z.infer<typeof Pass>,
    Contact[],
    z.infer<typeof Script>,
    Org,
  ];
  const accountId = accountArg(call, org, 'org', true);
  const { state } = call;
  const named = campaignArgValue && !(isBlank(campaignArgValue.internalId) && isBlank(campaignArgValue.externalId));
  const campaign = named
    ? campaignArg(call, campaignArgValue, accountId)
    : [...state.campaigns.values()].find((c) => c.ownerId === accountId);
  if (!campaign) throw engageFault('OBJECT_NOT_EXISTS', 'Campaign (default)');
  const inputs = contactInputs(call, contacts);
  if (inputs.length === 0) throw engageFault('ARG_NULL', 'contacts');
  if (inputs.some((c) => c.devices.length === 0)) throw engageFault('ARG_NULL', 'contacts.devices');
  const now = call.now();
  const directory = directoryOf(state);
  const sub = createSubCampaign(
    state.outreach,
    {
      externalId: `ContactAttempts ${state.outreach.nextId}`,
      campaign: refOf(campaign),
      accountId,
      type: 'OnDemand',
      list: null,
      script: scriptArg(call, script),
      agentGroups: [],
      passes: [passInput(pass, 0)],
      startAt: null,
      contacts: inputs,
    },
    now,
    directory.isFiltered,
  );
  return attemptAllNow(state.outreach, sub, now, directory).map((a) => attemptView(state, a, [DEPRECATION]));
}

// ---- contact attempts -------------------------------------------------------------------------------------------

export function showContactAttempts(call: Call) {
  const [attempts] = call.args as [AttemptArg[]];
  const ids = attempts.map((a, i) => {
    if (isBlank(a.internalId)) throw engageFault('ARG_NULL', `contactAttempts[${i}].internalId`);
    return a.internalId.trim();
  });
  const accounts = callerAccounts(call.state);
  return show(call.state.outreach, ids).map((a) => {
    const sub = call.state.outreach.subCampaigns.get(a.subCampaignId);
    if (!sub || !accounts.has(sub.accountId)) throw engageFault('OBJECT_NOT_EXISTS', a.internalId);
    return attemptView(call.state, a);
  });
}

/** The sample of the list methods: the contact's externalId, or its device[0]'s (also `device` itself). */
function attemptSample(sample: AttemptArg | undefined) {
  if (!sample) return null;
  const contact = isBlank(sample.contact?.externalId) ? null : (sample.contact?.externalId ?? null);
  const device = sample.contact?.devices?.[0]?.externalId ?? sample.device?.externalId ?? null;
  return contact === null && isBlank(device ?? undefined) ? null : { contact, device };
}

function inAccounts(call: Call, accounts: ReadonlySet<string>) {
  return (a: { subCampaignId: string }) => {
    const sub = call.state.outreach.subCampaigns.get(a.subCampaignId);
    return sub !== undefined && accounts.has(sub.accountId);
  };
}

export function listContactAttempts(call: Call) {
  const [org, sample, fromTime, toTime] = call.args as [
    Org,
    AttemptArg | undefined,
    string | undefined,
    string | undefined,
  ];
  const accounts = accountsArg(call, org);
  const range = dayWindow(timeOf(fromTime, 'fromTime'), timeOf(toTime, 'toTime'), call.now());
  const found = listAttempts(
    call.state.outreach,
    attemptSample(sample),
    range,
    MAX_LIST_ATTEMPTS,
    inAccounts(call, accounts),
  );
  return found.map((a) => attemptView(call.state, a));
}

/** listContactAttemptsUsingUser: an Agent's attempts; a range of at most 2 days (the document's cut sentence: assumed). */
export function listContactAttemptsUsingUser(call: Call) {
  const [userValue, sample, fromTime, toTime] = call.args as [
    z.infer<typeof User>,
    AttemptArg | undefined,
    string | undefined,
    string | undefined,
  ];
  const user = userArg(call, userValue, undefined);
  if (!user) throw engageFault('ATTRIBUTE_NULL', 'user');
  if (user.role !== 'Agent') throw engageFault('ATTRIBUTE_INVALID_DATA', `user ${user.externalId} is not an Agent`);
  // This method lists no ARG_INVALID_TYPE (assumed codes): a time that is no date is ATTRIBUTE_INVALID_FORMAT, as the
  // binding answers a malformed argument of it; a window the table refuses is ATTRIBUTE_INVALID_DATA.
  const from = timeOf(fromTime, 'fromTime', 'ATTRIBUTE_INVALID_FORMAT');
  const to = timeOf(toTime, 'toTime', 'ATTRIBUTE_INVALID_FORMAT');
  const range = dayWindow(from, to, call.now(), DAYS_MS(2), 'ATTRIBUTE_INVALID_DATA');
  const mine = inAccounts(call, callerAccounts(call.state));
  const found = listAttempts(
    call.state.outreach,
    attemptSample(sample),
    range,
    MAX_LIST_ATTEMPTS,
    (a) => a.userId === user.internalId && mine(a),
  );
  return found.map((a) => attemptView(call.state, a));
}

export function listContactAttemptsUsingContactBatch(call: Call) {
  const [batchValue, fromTime, toTime] = call.args as [BatchArg, string | undefined, string | undefined];
  const batch = batchArg(call, batchValue);
  const range = dayWindow(timeOf(fromTime, 'fromTime'), timeOf(toTime, 'toTime'), call.now());
  const found = listAttempts(
    call.state.outreach,
    null,
    range,
    MAX_BATCH_ATTEMPTS,
    (a) => a.contactBatchId === batch.internalId,
  );
  return found.map((a) => attemptView(call.state, a));
}

/** Fields of a ContactAttempt that identify it or are the tags: anything else sent is a change refused. */
const ATTEMPT_KEYS = new Set(['internalId', 'tags']);

export function changeContactAttempt(call: Call) {
  const [arg] = call.args as [AttemptArg];
  if (isBlank(arg.internalId)) throw engageFault('ARG_NULL', 'contactAttempt.internalId');
  const id = arg.internalId.trim();
  const attempt = call.state.outreach.attempts.get(id);
  const sub = attempt && call.state.outreach.subCampaigns.get(attempt.subCampaignId);
  if (!sub || !callerAccounts(call.state).has(sub.accountId)) throw engageFault('OBJECT_NOT_EXISTS', id);
  const others = Object.entries(arg)
    .filter(([k, v]) => v !== undefined && !ATTEMPT_KEYS.has(k))
    .map(([k]) => k);
  const tags = (arg.tags ?? []).map((t) => t.trim());
  return [attemptView(call.state, changeAttempt(call.state.outreach, id, tags, others))];
}
