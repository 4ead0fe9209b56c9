import { z } from 'zod';
import { ACD_EVENT_STATUS, ACD_EVENT_TYPES } from '../../contracts/jtel/schemas.ts';
import { AdminError, parseAdminBody } from '../core/errors.ts';
import { type Reply, reply } from '../core/reply.ts';
import type { VendorCall } from '../core/vendor.ts';
import { dispatch, forceStatus, insertEvent, parseCreate, statusByValue } from './acd.ts';
import { addContact, cloneCampaign, deleteCampaign } from './dialler.ts';
import { type JtelState, campaignView, contactView, eventView } from './models.ts';

/**
 * Test-only backdoors, mounted at `/__admin/sandboxes/:id/vendors/jtel/...`: the agent pool, an event's status, and
 * bulk seeding (provider states, load tests). They call the same model functions as the vendor API.
 */
type Call = VendorCall<JtelState>;

const AgentPoolSchema = z.lazy(() =>
  z.strictObject({
    enabled: z.boolean().optional(),
    seenAfterMs: z.number().int().min(0).max(86_400_000).optional(),
    doneAfterMs: z.number().int().min(0).max(86_400_000).optional(),
  }),
);

const agentsView = (state: JtelState) => ({
  ...state.agentPool,
  agents: [...state.users.values()].map((u) => ({ ...u })),
  waiting: state.waiting.size,
});

export function getAgents(call: Call): Reply {
  return reply.json(200, agentsView(call.state));
}

/** Switches the pool or changes its timings; free agents take what is waiting right away. */
export function setAgents(call: Call): Reply {
  const input = parseAdminBody(AgentPoolSchema, call);
  Object.assign(call.state.agentPool, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  dispatch(call.state, call.now());
  return reply.json(200, agentsView(call.state));
}

const StatusSchema = z.lazy(() => z.strictObject({ status: z.union([z.number().int(), z.string()]) }));

/** Puts an event into any of the 11 statuses (by ID, name or ShortText), skipping the transition table. */
export function setEventStatus(call: Call): Reply {
  const { status } = parseAdminBody(StatusSchema, call);
  const to = statusByValue(status);
  if (!to) throw new AdminError(400, `status: not one of ${Object.values(ACD_EVENT_STATUS).join(', ')}`);
  const event = call.state.events.get(Number(call.params.AcdEventsID));
  if (!event) throw new AdminError(404, `AcdEvent ${call.params.AcdEventsID} not found`);
  forceStatus(call.state, event, to, call.now());
  return reply.json(200, eventView(call.state, event));
}

const GenerateEventsSchema = z.lazy(() =>
  z.strictObject({
    generate: z.number().int().min(1).max(100_000),
    AcdGroupsID: z.number().int().default(103),
  }),
);

/** `generate` Email events in one group (senders `sender-<n>@example.com`), for load tests. */
export function generateEvents(call: Call): Reply {
  const input = parseAdminBody(GenerateEventsSchema, call);
  const { state } = call;
  if (!state.groups.has(input.AcdGroupsID)) throw new AdminError(404, `AcdGroup ${input.AcdGroupsID} not found`);
  const now = call.now();
  const first = state.nextIds.event;
  for (let i = 0; i < input.generate; i++) {
    const fields = parseCreate(
      state,
      {
        AcdEventTypesID: ACD_EVENT_TYPES.Email,
        AcdGroupsID: input.AcdGroupsID,
        Sender: `sender-${first + i}@example.com`,
        Subject: `Generated event ${i + 1}`,
      },
      now,
    );
    insertEvent(state, fields, now);
  }
  return reply.json(201, { created: input.generate, firstId: first });
}

const ContactInputSchema = z.lazy(() =>
  z.strictObject({
    TelNumber: z.string().min(1).max(32),
    FirstName: z.string().max(200).default(''),
    LastName: z.string().max(200).default(''),
    Company: z.string().max(200).optional(),
    Email: z.string().max(200).optional(),
    UserData: z.string().max(4000).optional(),
    nPriority: z.number().int().min(0).max(100).optional(),
  }),
);
const SeedContactsSchema = z.lazy(() =>
  z
    .strictObject({
      diallerCampaignsID: z.number().int(),
      contacts: z.array(ContactInputSchema).max(100_000).default([]),
      generate: z.number().int().min(0).max(1_000_000).default(0),
    })
    .refine((o) => o.contacts.length + o.generate > 0, 'give contacts or generate'),
);

/** Adds contacts to a campaign (given ones, and `generate` numbered ones `+4930<8 digits>`). */
export function seedContacts(call: Call): Reply {
  const input = parseAdminBody(SeedContactsSchema, call);
  const { state } = call;
  if (!state.campaigns.has(input.diallerCampaignsID)) {
    throw new AdminError(404, `dialler campaign ${input.diallerCampaignsID} not found`);
  }
  const now = call.now();
  const created = input.contacts.map((c) =>
    addContact(
      state,
      input.diallerCampaignsID,
      {
        telNumber: c.TelNumber,
        firstName: c.FirstName,
        lastName: c.LastName,
        company: c.Company ?? null,
        email: c.Email ?? null,
        userData: c.UserData ?? null,
        priority: c.nPriority ?? 50,
      },
      now,
    ),
  );
  const firstGenerated = state.nextIds.contact;
  for (let i = 0; i < input.generate; i++) {
    addContact(
      state,
      input.diallerCampaignsID,
      { telNumber: `+4930${String(i).padStart(8, '0')}`, firstName: 'Contact', lastName: String(i + 1) },
      now,
    );
  }
  return reply.json(201, {
    contacts: created.map((c) => contactView(state, c)),
    generated: input.generate,
    ...(input.generate > 0 ? { firstGeneratedId: firstGenerated } : {}),
  });
}

const EnsureCampaignSchema = z.lazy(() =>
  z.strictObject({
    Name: z.string().min(1).max(200),
    source: z.string().min(1).max(200).optional(),
  }),
);

/**
 * Makes sure a dialler campaign of this name exists (provider states): 200 with it when it does, else 201 with a
 * clone of `source` (default: the first campaign) — settings and result codes, no contacts, as the vendor's clone.
 */
export function ensureCampaign(call: Call): Reply {
  const input = parseAdminBody(EnsureCampaignSchema, call);
  const { state } = call;
  const existing = state.campaigns.by('name', input.Name);
  if (existing) return reply.json(200, campaignView(state, existing));
  const source = input.source ?? [...state.campaigns.values()].sort((a, b) => a.ID - b.ID)[0]?.Name;
  if (!source || !state.campaigns.by('name', source)) {
    throw new AdminError(404, `dialler campaign ${source ?? '(none)'} not found`);
  }
  const clone = cloneCampaign(state, source, input.Name, undefined, call.now());
  return reply.json(201, campaignView(state, clone));
}

/** Deletes a dialler campaign with its result codes and contacts (as the vendor's delete); 404 when unknown. */
export function removeCampaign(call: Call): Reply {
  const campaign = call.state.campaigns.get(Number(call.params.DiallerCampaignsID));
  if (!campaign) throw new AdminError(404, `dialler campaign ${call.params.DiallerCampaignsID} not found`);
  deleteCampaign(call.state, campaign);
  return reply.json(200, { deleted: campaign.ID });
}
