import { z } from 'zod';
import {
  type CampaignStatusId,
  CustomerIdSchema,
  DISPOSITION,
  STATUS_CODE,
} from '../../contracts/eightbyeight/schemas.ts';
import { AdminError, parseAdminBody } from '../core/errors.ts';
import { type Reply, reply } from '../core/reply.ts';
import type { VendorCall } from '../core/vendor.ts';
import { addRecord, fill, forceOutcome, moveCampaign } from './dialer.ts';
import { campaignView } from './handlers.ts';
import {
  type CampaignModel,
  type EightByEightState,
  campaignOf,
  inCrm,
  isoMillis,
  newCampaign,
  phoneList,
  phoneOf,
  statusName,
} from './models.ts';

/**
 * Test-only backdoors for QA and Pact provider states, mounted at `/__admin/sandboxes/:id/vendors/eightbyeight/...`.
 * They drive the same dialer and campaign functions as the vendor API; only the campaign status setter skips the
 * transition table (so QA can reach every status id, e.g. 6 Completed or 9 Schedule Paused).
 */
type Call = VendorCall<EightByEightState>;

const IsoTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

const CampaignFieldsSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  enabled: z.boolean().optional(),
  dynamic: z.boolean().optional(),
  status: z.number().int().min(0).max(11).optional(),
  scheduleFrom: IsoTime.optional(),
  scheduleTo: IsoTime.optional(),
  maxRetry: z.number().int().min(0).max(250).optional(),
  retryIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
});

const CreateCampaignSchema = CampaignFieldsSchema.extend({
  id: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  name: z.string().min(1).max(200),
});

const OutcomeSchema = z.lazy(() =>
  z.strictObject({
    'status-code': z.number().int().min(STATUS_CODE.DEFAULT).max(STATUS_CODE.INVALID_PHONE_NUMBER),
    'disposition-code': z.number().int().min(DISPOSITION.NONE).max(DISPOSITION.SCHEDULED_CALL_BACK),
    'ext-trans-data': z.string().max(4000).optional(),
    /** Apply now instead of when the record's next call ends. */
    immediate: z.boolean().default(false),
  }),
);

/** An ACCOUNTNUM as the records store keeps it (32 bits). */
const AccountNumSchema = z.lazy(() =>
  z
    .number()
    .int()
    .min(1)
    .max(2 ** 32 - 1),
);

/** `{customers: [...]}` of 1 to 100,000 entries, each with a customer-id. */
const customersOf = <T extends z.ZodRawShape>(fields: T) =>
  z.strictObject({
    customers: z
      .array(z.strictObject({ 'customer-id': AccountNumSchema, ...fields }))
      .min(1)
      .max(100_000),
  });

const CrmSchema = customersOf({
  /** '' = the customer has no phone number; anything but 10–15 digits dials as an invalid number. */
  phone: z.string().regex(/^[0-9+]{0,20}$/),
});

const SeedRecordsSchema = z.lazy(() =>
  z
    .strictObject({
      customers: customersOf({
        /** Any time, past or beyond 7 days included: seeding skips the API's checks on purpose. */
        'schedule-date-time': IsoTime.optional(),
      }).shape.customers.optional(),
      /** Also add this many CRM customers the campaign does not hold yet (lowest ACCOUNTNUMs first), for load tests. */
      generate: z.number().int().min(0).max(5_000_000).default(0),
    })
    .refine((b) => b.customers !== undefined || b.generate > 0, 'give customers and/or generate'),
);

function requireCampaign(call: Call): CampaignModel {
  const campaign = campaignOf(call.state, call.params.campaignId);
  if (!campaign) throw new AdminError(404, `campaign ${call.params.campaignId} not found`);
  return campaign;
}

function requireRow(call: Call, c: CampaignModel): number {
  const id = CustomerIdSchema.safeParse(call.params.customerId);
  const row = id.success ? c.records.byCustomer.get(Number(id.data)) : undefined;
  if (row === undefined) throw new AdminError(404, `customer ${call.params.customerId} is not in campaign ${c.id}`);
  return row;
}

function adminCampaignView(c: CampaignModel) {
  return { campaign: campaignView(c), dialer: { busy: c.busy, pendingEvents: c.events.size } };
}

function applyFields(call: Call, c: CampaignModel, fields: z.infer<typeof CampaignFieldsSchema>): void {
  if (fields.name !== undefined) c.name = fields.name;
  if (fields.dynamic !== undefined) c.dynamic = fields.dynamic;
  if (fields.enabled !== undefined) c.enabled = fields.enabled;
  if (fields.scheduleFrom !== undefined) c.startTime = fields.scheduleFrom;
  if (fields.scheduleTo !== undefined) c.endTime = fields.scheduleTo;
  if (fields.maxRetry !== undefined) c.maxRetry = fields.maxRetry;
  if (fields.retryIntervalMinutes !== undefined) c.retryIntervalMinutes = fields.retryIntervalMinutes;
  const now = call.now();
  if (fields.status !== undefined) moveCampaign(call.state, c, statusName(fields.status as CampaignStatusId), now);
  else fill(call.state, c, now);
}

/** POST /campaigns — a campaign of any shape (defaults: dynamic, enabled, New, schedule now−1 d … now+5 d). */
export function createCampaign(call: Call): Reply {
  const input = parseAdminBody(CreateCampaignSchema, call);
  if (call.state.campaigns.has(input.id)) throw new AdminError(409, `campaign ${input.id} already exists`);
  const now = call.now();
  const c = newCampaign({
    id: input.id,
    name: input.name,
    enabled: true,
    dynamic: true,
    status: 0,
    startTime: now - 24 * 60 * 60 * 1000,
    endTime: now + 5 * 24 * 60 * 60 * 1000,
  });
  call.state.campaigns.set(c.id, c);
  applyFields(call, c, input);
  return reply.json(201, adminCampaignView(c));
}

export function getCampaign(call: Call): Reply {
  return reply.json(200, adminCampaignView(requireCampaign(call)));
}

/** POST /campaigns/:campaignId — change fields; `status` may be any id 0–11 (bypasses the transition table). */
export function updateCampaign(call: Call): Reply {
  const c = requireCampaign(call);
  applyFields(call, c, parseAdminBody(CampaignFieldsSchema, call));
  return reply.json(200, adminCampaignView(c));
}

function recordView(state: EightByEightState, c: CampaignModel, row: number) {
  const rs = c.records;
  const eventAt = rs.eventAt[row] as number;
  const forced = rs.forced.get(row);
  return {
    record: {
      'campaign-name': c.name,
      'campaign-id': c.id,
      'record-id': rs.customer[row],
      'phone-list': phoneList(state, phoneOf(state, rs.customer[row] as number) ?? ''),
      status: rs.status[row],
      'status-code': rs.code[row],
      'ext-trans-data': rs.extData.get(row) ?? '',
      'disposition-code': rs.dispositionCode(row),
    },
    'customer-id': rs.customer[row],
    attempts: rs.attempts[row],
    nextEventAt: Number.isFinite(eventAt) ? isoMillis(eventAt) : null,
    forcedOutcome: forced
      ? {
          'status-code': forced.statusCode,
          'disposition-code': forced.dispositionCode,
          'ext-trans-data': forced.extTransData,
        }
      : null,
  };
}

export function getRecord(call: Call): Reply {
  const c = requireCampaign(call);
  return reply.json(200, recordView(call.state, c, requireRow(call, c)));
}

/** POST /campaigns/:campaignId/customers/:customerId/outcome — force the record's (next) call outcome. */
export function setOutcome(call: Call): Reply {
  const c = requireCampaign(call);
  const row = requireRow(call, c);
  const input = parseAdminBody(OutcomeSchema, call);
  const outcome = {
    statusCode: input['status-code'],
    dispositionCode: input['disposition-code'],
    ...(input['ext-trans-data'] === undefined ? {} : { extTransData: input['ext-trans-data'] }),
  };
  forceOutcome(call.state, c, row, outcome, input.immediate, call.now());
  return reply.json(200, recordView(call.state, c, row));
}

/**
 * POST /campaigns/:campaignId/customers — put CRM customers into any campaign (stopped, non-dynamic…) without the
 * API's whole-request checks, for provider states and QA set-ups. They then live like any other record.
 */
export async function seedRecords(call: Call): Promise<Reply> {
  const c = requireCampaign(call);
  const input = parseAdminBody(SeedRecordsSchema, call);
  const { state } = call;
  const customers = input.customers ?? [];
  const ids = customers.map((entry) => entry['customer-id']);
  const missing = ids.filter((id) => !inCrm(state, id));
  if (missing.length > 0) throw new AdminError(404, `not in the CRM: ${missing.join(', ')}`);
  const taken = ids.filter((id, i) => c.records.byCustomer.has(id) || ids.indexOf(id) !== i);
  if (taken.length > 0) throw new AdminError(409, `already in campaign ${c.id}: ${taken.join(', ')}`);
  const now = call.now();
  const rows = customers.map((entry) => addRecord(state, c, entry['customer-id'], entry['schedule-date-time'], now));
  const generated = await generateRecords(call, c, input.generate, now);
  fill(state, c, now);
  return reply.json(201, {
    records: rows.map((row) => recordView(state, c, row)),
    generated,
    total: c.records.byCustomer.size,
  });
}

/** Up to `count` CRM customers not in the campaign yet, added in slices (millions keep other requests answered). */
async function generateRecords(call: Call, c: CampaignModel, count: number, now: number): Promise<number> {
  const { base, size } = call.state.crm;
  let added = 0;
  for (let id = base; id < base + size && added < count; id++) {
    if (c.records.byCustomer.has(id)) continue;
    addRecord(call.state, c, id, undefined, now);
    added++;
    const pause = call.work?.step(added, count);
    if (pause) await pause;
  }
  return added;
}

/** POST /crm/customers — customers (ACCOUNTNUM + phone) the tenant's CC CRM holds besides the generated range. */
export function addCrmCustomers(call: Call): Reply {
  const input = parseAdminBody(CrmSchema, call);
  for (const customer of input.customers) call.state.crm.extra.set(customer['customer-id'], customer.phone);
  return reply.json(200, { added: input.customers.length, explicit: call.state.crm.extra.size });
}
