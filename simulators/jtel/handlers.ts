import type { JTEL_OPERATIONS } from '../../contracts/jtel/operations.ts';
import { ACD_EVENT_STATUS, ACD_EVENT_TYPES, MESSAGES } from '../../contracts/jtel/schemas.ts';
import { bearerToken } from '../core/auth.ts';
import { reply } from '../core/reply.ts';
import type { RestCall, RestHandler, RestHandlers, RestProtocol } from '../core/rest.ts';
import { JSON_CONTENT_TYPE, parseJson } from '../core/serializers/json.ts';
import type { VendorCall } from '../core/vendor.ts';
import { createEvent } from './acd.ts';
import { cloneCampaign, deleteCampaign } from './dialler.ts';
import { badRequest, fail, notFound, unauthorized } from './errors.ts';
import {
  type CampaignModel,
  type JtelState,
  campaignView,
  contactView,
  eventView,
  groupView,
  nameMatches,
  resultCodeView,
  resultCodesOf,
} from './models.ts';

type Call = RestCall<JtelState>;
type Handler = RestHandler<JtelState>;

// ---- Authentication --------------------------------------------------------------------------------------------

/** The sandbox is the ClientsID of the path (the kernel's tenant key); the Bearer token must be that client's. */
export const tenantKey = (clientsId: string | number) => `client/${clientsId}`;

function authenticate(call: VendorCall<JtelState>): void {
  if (bearerToken(call.req) !== call.state.token) throw unauthorized();
}

export const protocol: RestProtocol<JtelState> = {
  authenticate,
  // Assumed 415 (the README only says POST bodies need application/json; 415 is the HTTP status for it).
  unsupportedMediaType: () => fail(415, MESSAGES.jsonRequired),
};

// ---- Envelopes ----------------------------------------------------------------------------------------------------

const list = (records: unknown[], orderBy: string) =>
  reply.json(200, {
    filter: '',
    limitStart: 0,
    limitPageSize: -1,
    records,
    count: records.length,
    orderBy,
    ascending: true,
    status: 200,
  });
/**
 * The list envelope written chunk by chunk (100,000 contacts are ~40 MB of JSON): the records are serialized one at
 * a time as the answer streams, never as one giant string.
 */
function streamedList<M>(models: M[], view: (model: M) => unknown, orderBy: string) {
  return reply.stream(200, `${JSON_CONTENT_TYPE}; charset=utf-8`, function* () {
    let text = '{"filter":"","limitStart":0,"limitPageSize":-1,"records":[';
    for (let i = 0; i < models.length; i++) {
      text += (i === 0 ? '' : ',') + JSON.stringify(view(models[i] as M));
      if (text.length >= 64 * 1024) {
        yield text;
        text = '';
      }
    }
    yield `${text}],"count":${models.length},"orderBy":${JSON.stringify(orderBy)},"ascending":true,"status":200}`;
  });
}
const records = (items: unknown[]) => reply.json(200, { records: items, count: items.length, status: 200 });
const deleted = () => reply.json(200, { status: 200 });

// ---- Parameters ---------------------------------------------------------------------------------------------------

/** A path or query id: a positive integer (anything else is a 400 naming it: assumed). */
function idParam(value: string | undefined, name: string): number {
  if (value === undefined || value === '') throw badRequest(MESSAGES.missing(name));
  if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2 ** 31 - 1) {
    throw badRequest(MESSAGES.invalid(name, 'not a positive integer'));
  }
  return Number(value);
}

function nameParam(call: Call): string {
  const name = call.query.name;
  if (name === undefined || name === '') throw badRequest(MESSAGES.missing('name'));
  return name;
}

function jsonObject(call: Call): Record<string, unknown> {
  let body: unknown;
  try {
    body = parseJson(call.rawBody);
  } catch {
    throw badRequest(MESSAGES.invalidJson);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(MESSAGES.invalidJson);
  return body as Record<string, unknown>;
}

function requireCampaign(state: JtelState, id: number): CampaignModel {
  const campaign = state.campaigns.get(id);
  if (!campaign) throw notFound(MESSAGES.campaignNotFound);
  return campaign;
}

const byName = (a: { Name: string }, b: { Name: string }) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0);

// ---- ACD events -----------------------------------------------------------------------------------------------

/** Insertion order is creation order (ids and dtCreated grow with it), so the store's order is `dtCreated`. */
const listAcdEvents: Handler = ({ state }) =>
  streamedList([...state.events.values()], (e) => eventView(state, e), 'dtCreated');

const listAcdEventTypes: Handler = () =>
  list(
    Object.entries(ACD_EVENT_TYPES).map(([name, id]) => ({ ShortText: `AcdEventTypes.${name}`, ID: id })),
    'ID',
  );

const listAcdEventStatuses: Handler = () =>
  list(
    Object.entries(ACD_EVENT_STATUS).map(([name, id]) => ({ ShortText: `AcdEventStatus.${name}`, ID: id })),
    'ID',
  );

const getAcdEvent: Handler = ({ state, params }) => {
  const event = state.events.get(idParam(params.AcdEventsID, 'AcdEventsID'));
  if (!event) throw notFound(MESSAGES.eventNotFound);
  return records([eventView(state, event)]);
};

const createAcdEvent: Handler = (call) => {
  const { event, updated } = createEvent(call.state, jsonObject(call), call.now());
  const view = eventView(call.state, event);
  return records([updated ? { ...view, Result_: 'UPDATED' } : view]);
};

// ---- ACD groups -----------------------------------------------------------------------------------------------

const getAcdGroup: Handler = ({ state, params }) => {
  const group = state.groups.get(idParam(params.AcdGroupsID, 'AcdGroupsID'));
  if (!group) throw notFound(MESSAGES.groupNotFound);
  return records([groupView(state, group)]);
};

const getAcdGroupsByName: Handler = (call) => {
  const name = nameParam(call);
  const { state } = call;
  return records([...state.groups.values()].filter((g) => nameMatches(g.Name, name)).map((g) => groupView(state, g)));
};

// ---- Dialler campaigns ----------------------------------------------------------------------------------------

const listDiallerCampaigns: Handler = ({ state }) =>
  list(
    [...state.campaigns.values()].sort(byName).map((c) => campaignView(state, c)),
    'Name',
  );

const getDiallerCampaign: Handler = ({ state, params }) =>
  records([campaignView(state, requireCampaign(state, idParam(params.DiallerCampaignsID, 'DiallerCampaignsID')))]);

const getDiallerCampaignsByName: Handler = (call) => {
  const name = nameParam(call);
  const { state } = call;
  return records(
    [...state.campaigns.values()]
      .filter((c) => nameMatches(c.Name, name))
      .sort(byName)
      .map((c) => campaignView(state, c)),
  );
};

const getDiallerCampaignResultCodes: Handler = ({ state, params, query }) => {
  const campaign = requireCampaign(state, idParam(params.DiallerCampaignsID, 'DiallerCampaignsID'));
  const language = query.languagesID;
  if (language === undefined || language === '') throw badRequest(MESSAGES.missing('languagesID'));
  if (language !== '1' && language !== '2')
    throw badRequest(MESSAGES.invalid('languagesID', 'use 1 (English) or 2 (German)'));
  return records(resultCodesOf(state, campaign.ID).map((r) => resultCodeView(r, Number(language) as 1 | 2)));
};

const cloneDiallerCampaign: Handler = (call) => {
  const body = jsonObject(call);
  const text = (name: 'source' | 'destination' | 'userData', required: boolean): string | undefined => {
    const value = body[name];
    if (value === undefined || value === null || value === '') {
      if (required) throw badRequest(MESSAGES.missing(name));
      return undefined;
    }
    if (typeof value !== 'string' || value.length > 200)
      throw badRequest(MESSAGES.invalid(name, 'not a name of up to 200 characters'));
    return value;
  };
  const source = text('source', true) as string;
  const destination = text('destination', true) as string;
  const clone = cloneCampaign(call.state, source, destination, text('userData', false), call.now());
  return records([campaignView(call.state, clone)]);
};

const deleteDiallerCampaign: Handler = ({ state, params }) => {
  deleteCampaign(state, requireCampaign(state, idParam(params.DiallerCampaignsID, 'DiallerCampaignsID')));
  return deleted();
};

/** By exact name (assumed: a partial match could delete campaigns the caller did not mean). */
const deleteDiallerCampaignByName: Handler = (call) => {
  const campaign = call.state.campaigns.by('name', nameParam(call));
  if (!campaign) throw notFound(MESSAGES.campaignNotFound);
  deleteCampaign(call.state, campaign);
  return deleted();
};

// ---- Dialler contacts -----------------------------------------------------------------------------------------

const listDiallerContacts: Handler = ({ state, query }) => {
  const filter = query.diallerCampaignsID;
  const campaignId = filter === undefined ? undefined : idParam(filter, 'diallerCampaignsID');
  const matches = [];
  for (const c of state.contacts.values()) if (campaignId === undefined || c.campaignId === campaignId) matches.push(c);
  return streamedList(matches, (c) => contactView(state, c), 'ID');
};

const getDiallerContact: Handler = ({ state, params }) => {
  const contact = state.contacts.get(idParam(params.DiallerContactsID, 'DiallerContactsID'));
  if (!contact) throw notFound(MESSAGES.contactNotFound);
  return records([contactView(state, contact)]);
};

export const handlers: RestHandlers<JtelState, typeof JTEL_OPERATIONS> = {
  listAcdEvents,
  listAcdEventTypes,
  listAcdEventStatuses,
  getAcdEvent,
  createAcdEvent,
  getAcdGroup,
  getAcdGroupsByName,
  listDiallerCampaigns,
  getDiallerCampaign,
  getDiallerCampaignsByName,
  getDiallerCampaignResultCodes,
  cloneDiallerCampaign,
  deleteDiallerCampaign,
  deleteDiallerCampaignByName,
  listDiallerContacts,
  getDiallerContact,
};
