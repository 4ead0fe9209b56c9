import { type Attribute, type Campaign, DATE_TIME, type Org } from '../../../contracts/engage/entities.ts';
import { type CampaignModel, type EngageState, dateTime, nextId, orgRef, ownedName } from '../models.ts';
import { accountOf, resolveOrg } from '../orgs.ts';
import {
  type Call,
  MAX_TEXT,
  attributeValue,
  checkedAttributes,
  fault,
  hasInvalidChars,
  isBlank,
  mergeAttributes,
  within,
} from './common.ts';

/** Documented: at most 100 campaigns at once, lists of at most 1,000. */
export const CAMPAIGN_LIMITS = { campaigns: 100, listed: 1000 } as const;
/** Campaign attributes that hold dates (README: a Campaign's `startDate`/`endDate` travel as attributes). */
const DATE_ATTRIBUTES = ['startDate', 'endDate'];

export function campaignView(state: EngageState, campaign: CampaignModel) {
  return {
    internalId: campaign.internalId,
    externalId: campaign.externalId,
    attributes: campaign.attributes,
    owner: orgRef(state, campaign.ownerId),
    description: campaign.description,
    createdDate: dateTime(campaign.createdAt),
  };
}

/** A campaign by internalId, or by externalId and its owner (Org). */
export function findCampaign(call: Call, campaign: Campaign): CampaignModel {
  const { state } = call;
  if (!isBlank(campaign.internalId)) {
    const found = state.campaigns.get(campaign.internalId.trim());
    if (!found) throw fault(call, 'OBJECT_NOT_EXISTS', `Campaign ${campaign.internalId.trim()}`);
    return found;
  }
  if (isBlank(campaign.externalId)) throw fault(call, 'ARG_NULL', 'campaign');
  if (!campaign.owner) throw fault(call, 'ATTRIBUTE_NULL', 'owner');
  const owner = accountOf(state, resolveOrg(state, call.operation.name, campaign.owner));
  const found = state.campaigns.by('name', ownedName(owner.internalId, campaign.externalId));
  if (!found) throw fault(call, 'OBJECT_NOT_EXISTS', `Campaign ${campaign.externalId}`);
  return found;
}

/** Checks the fields a create or change sets; `badDate` is the code for a date attribute that is not a dateTime. */
function checkFields(call: Call, campaign: Campaign, badDate: string): Attribute[] {
  const { externalId, description } = campaign;
  if (externalId !== undefined && hasInvalidChars(externalId)) throw fault(call, 'ATTRIBUTE_INVALID_CHAR');
  if ((externalId?.length ?? 0) > MAX_TEXT || (description?.length ?? 0) > MAX_TEXT) {
    throw fault(call, 'ATTRIBUTE_TRUNCATED');
  }
  const attributes = checkedAttributes(call, campaign.attributes);
  for (const a of attributes) {
    if (DATE_ATTRIBUTES.includes(a.name as string) && !DATE_TIME.test(a.value ?? '')) {
      throw fault(call, badDate, a.name as string);
    }
  }
  return attributes;
}

export function createCampaign(call: Call) {
  const { state } = call;
  const [campaign, orgArg] = call.args as [Campaign, Org];
  const account = accountOf(state, resolveOrg(state, call.operation.name, orgArg));
  if (isBlank(campaign.externalId)) throw fault(call, 'ATTRIBUTE_NULL', 'externalId');
  const attributes = checkFields(call, campaign, 'ARG_INVALID_TYPE');
  if (state.campaigns.by('name', ownedName(account.internalId, campaign.externalId))) {
    throw fault(call, 'OBJECT_EXISTS', campaign.externalId);
  }
  if (state.campaigns.size >= CAMPAIGN_LIMITS.campaigns) throw fault(call, 'SYSTEM_LIMIT_EXCEEDED');
  const now = call.now();
  // A campaign without dates starts now and has no end (assumed).
  const dates =
    attributeValue(attributes, 'startDate') === undefined ? [{ name: 'startDate', value: dateTime(now) }] : [];
  const model: CampaignModel = {
    internalId: nextId(state),
    externalId: campaign.externalId,
    ownerId: account.internalId,
    description: campaign.description,
    createdAt: now,
    attributes: [...dates, ...attributes],
  };
  state.campaigns.insert(model);
  return [campaignView(state, model)];
}

export function showCampaign(call: Call) {
  const [campaign] = call.args as [Campaign];
  return [campaignView(call.state, findCampaign(call, campaign))];
}

const campaignsOf = (state: EngageState, accountId: string) =>
  [...state.campaigns.values()].filter((c) => c.ownerId === accountId);

/** The date part (`yyyy-MM-dd`) of an xs:date or dateTime, for day-granular comparisons. */
const day = (text: string) => text.slice(0, 10);

export function listCampaigns(call: Call) {
  const { state } = call;
  const [orgArg, fromDate, toDate] = call.args as [Org, string | undefined, string | undefined];
  const account = accountOf(state, resolveOrg(state, call.operation.name, orgArg));
  // Documented: a null fromDate has no start, a null toDate no end (future campaigns included); expired included.
  const found = campaignsOf(state, account.internalId).filter((c) => {
    const created = dateTime(c.createdAt).slice(0, 10);
    return (fromDate === undefined || created >= day(fromDate)) && (toDate === undefined || created <= day(toDate));
  });
  return within(call, found, CAMPAIGN_LIMITS.listed).map((c) => campaignView(state, c));
}

export function listCampaignsUsingCampaign(call: Call) {
  const { state } = call;
  const [orgArg, sample] = call.args as [Org, Campaign | undefined];
  const account = accountOf(state, resolveOrg(state, call.operation.name, orgArg));
  // Documented: only the core entity's fields are matched (a sample's attributes are ignored).
  const found = campaignsOf(state, account.internalId).filter(
    (c) =>
      (isBlank(sample?.internalId) || c.internalId === sample.internalId.trim()) &&
      (sample?.externalId === undefined || c.externalId === sample.externalId) &&
      (sample?.description === undefined || c.description === sample.description),
  );
  return within(call, found, CAMPAIGN_LIMITS.listed).map((c) => campaignView(state, c));
}

export function changeCampaign(call: Call) {
  const { state } = call;
  const [campaign] = call.args as [Campaign];
  // By internalId the externalId is a field to change; without one it names the campaign.
  const target = findCampaign(call, campaign);
  const attributes = checkFields(call, campaign, 'ATTRIBUTE_INVALID_FORMAT');
  const rename = !isBlank(campaign.internalId) && campaign.externalId !== undefined ? campaign.externalId : undefined;
  if (rename !== undefined && isBlank(rename)) throw fault(call, 'ATTRIBUTE_NULL', 'externalId');
  if (rename !== undefined) {
    const holder = state.campaigns.by('name', ownedName(target.ownerId, rename));
    // Not in the method's list: the create's code for a taken name (assumed).
    if (holder && holder !== target) throw fault(call, 'OBJECT_EXISTS', rename);
  }
  state.campaigns.update(target, () => {
    if (rename !== undefined) target.externalId = rename;
    if (campaign.description !== undefined) target.description = campaign.description;
    target.attributes = mergeAttributes(target.attributes, attributes);
  });
  return [campaignView(state, target)];
}
