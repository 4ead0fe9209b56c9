import { z } from 'zod';
import { EpochMillisSchema, RecordDataItemSchema } from '../../contracts/symbee/schemas.ts';
import { AdminError, parseAdminBody } from '../core/errors.ts';
import { take } from '../core/iterate.ts';
import { type Reply, reply } from '../core/reply.ts';
import type { VendorCall } from '../core/vendor.ts';
import {
  type SymbeeState,
  isDeliverable,
  newCampaign,
  normalizeRecordData,
  requireCampaign,
  requireRecord,
  rotateApiKey,
  toWire,
  upsertRecord,
  workRecord,
} from './models.ts';
import { configurePool } from './pool.ts';

/**
 * Test-only backdoors for QA and provider states, mounted at `/__admin/sandboxes/:id/vendors/symbee/...`. They
 * drive the same model functions as the vendor API (an agent's work, key rotation), never a parallel path.
 */
type Call = VendorCall<SymbeeState>;

const WorkCodeSchema = z.strictObject({ key: z.string().min(1), value: z.string().min(1) });

const LocateSchema = {
  campaignName: z.string().min(1),
  previewRecordId: z.string().optional(),
  clientId: z.string().optional(),
};

export const WorkSchema = z.strictObject({
  ...LocateSchema,
  agent: z.string().min(1),
  outcome: z.enum(['COMPLETED', 'WORKED']),
  workCodes: z.array(WorkCodeSchema).default([]),
  /** For WORKED: when the next attempt may happen (defaults to one hour after now). */
  nextEarliestWorkTimeUTC: EpochMillisSchema.optional(),
  /** Work the task even if it is not deliverable yet (not due, or preferred for another agent). */
  force: z.boolean().default(false),
});

export const PoolSchema = z.strictObject({
  enabled: z.boolean(),
  /** Logged-in agents (user ids of the sandbox); all of them by default. */
  agents: z.array(z.string().min(1)).optional(),
  handleTimeMs: z
    .number()
    .int()
    .min(1)
    .default(5 * 60 * 1000),
  outcomes: z
    .array(
      z.strictObject({
        outcome: z.enum(['COMPLETED', 'WORKED']),
        weight: z.number().positive(),
        workCodes: z.array(WorkCodeSchema).default([]),
        retryAfterMs: z
          .number()
          .int()
          .min(1)
          .default(60 * 60 * 1000),
      }),
    )
    .min(1)
    .default([{ outcome: 'COMPLETED', weight: 1, workCodes: [], retryAfterMs: 60 * 60 * 1000 }]),
  campaigns: z.array(z.string()).default([]),
});

const SeedRecordsSchema = z.strictObject({
  campaignName: z.string().min(1),
  records: z
    .array(
      z.strictObject({
        /** Load the record under this id (as an intake file load would have assigned it), e.g. a document example's. */
        previewRecordID: z.string().min(1).max(200).optional(),
        clientId: z.string().min(1),
        clientIdFieldName: z.string().min(1).default('Id'),
        preferredAgent: z.string().optional(),
        nextEarliestWorkTimeUTC: EpochMillisSchema.optional(),
        previewRecordData: z.array(RecordDataItemSchema).default([]),
      }),
    )
    .default([]),
  /** Generate this many simple records (Name, Home Phone, Account Number) — for load tests. */
  generate: z.number().int().min(0).max(5_000_000).default(0),
});

export function work(call: Call): Reply {
  const input = parseAdminBody(WorkSchema, call);
  const { state } = call;
  const now = call.now();
  const campaign = requireCampaign(state, input.campaignName);
  const record = requireRecord(campaign, input);
  if (!state.agents.includes(input.agent)) throw new AdminError(400, `unknown agent ${input.agent}`);
  if (!input.force) {
    if (!isDeliverable(record, now)) {
      throw new AdminError(
        409,
        `task is not deliverable now (state ${record.workedState}, due ${new Date(record.nextEarliestWorkTime ?? record.createdTime).toISOString()})`,
      );
    }
    if (record.preferredAgent !== '' && record.preferredAgent !== input.agent) {
      throw new AdminError(409, `task is reserved for preferred agent ${record.preferredAgent}`);
    }
  }
  workRecord(
    state,
    record,
    {
      agent: input.agent,
      outcome: input.outcome,
      workCodes: input.workCodes,
      nextEarliestWorkTime:
        input.outcome === 'WORKED' ? (input.nextEarliestWorkTimeUTC ?? now + 60 * 60 * 1000) : undefined,
    },
    now,
  );
  return reply.json(200, { record: toWire(record) });
}

function poolView(state: SymbeeState) {
  return {
    ...state.pool,
    agents: state.pool.agents.map((a) => ({ id: a.id, freeAt: new Date(a.freeAt).toISOString() })),
  };
}

export function getPool(call: Call): Reply {
  return reply.json(200, poolView(call.state));
}

export function setPool(call: Call): Reply {
  const input = parseAdminBody(PoolSchema, call);
  const { state } = call;
  const agents = input.agents ?? state.agents;
  const unknown = agents.filter((a) => !state.agents.includes(a));
  if (unknown.length > 0) throw new AdminError(400, `unknown agents: ${unknown.join(', ')}`);
  const missing = input.campaigns.filter((c) => !state.campaigns.has(c));
  if (missing.length > 0) throw new AdminError(400, `unknown campaigns: ${missing.join(', ')}`);
  configurePool(state, { ...input, agents }, call.now());
  return reply.json(200, poolView(state));
}

export function rotateKey(call: Call): Reply {
  rotateApiKey(call.state, call.now());
  return reply.json(200, { apiKey: call.state.apiKey.current, generation: call.state.apiKey.generation });
}

/** The shape of AWS Secrets Manager GetSecretValue for SecretId SYMBEE_CONNECT_API_KEY. */
export function secret(call: Call): Reply {
  const { apiKey, secretsRegion } = call.state;
  return reply.json(200, {
    ARN: `arn:aws:secretsmanager:${secretsRegion}:000000000000:secret:SYMBEE_CONNECT_API_KEY`,
    Name: 'SYMBEE_CONNECT_API_KEY',
    SecretString: apiKey.current,
    VersionId: `v${apiKey.generation}`,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: Math.floor(apiKey.rotatedAt / 1000),
  });
}

export async function seedRecords(call: Call): Promise<Reply> {
  const input = parseAdminBody(SeedRecordsSchema, call);
  const { state } = call;
  const now = call.now();
  const campaign = requireCampaign(state, input.campaignName);
  const added: { clientId: string; previewRecordID: string }[] = [];
  for (const r of input.records) {
    const data = normalizeRecordData(state, r.previewRecordData, r.clientIdFieldName);
    upsertRecord(
      state,
      {
        campaign,
        locator: { previewRecordId: r.previewRecordID, clientId: r.clientId },
        newId: r.previewRecordID,
        clientId: r.clientId,
        clientIdFieldName: r.clientIdFieldName,
        data,
        preferredAgent: r.preferredAgent,
        nextEarliestWorkTime: r.nextEarliestWorkTimeUTC,
      },
      now,
      call.rng,
    );
    added.push({ clientId: r.clientId, previewRecordID: campaign.records.by('clientId', r.clientId)!.id });
  }
  // Numbered after the records present, skipping numbers already taken (records may have been deleted). Millions of
  // them run in slices (call.work), so other requests keep being answered meanwhile.
  let n = campaign.records.size;
  for (let i = 0; i < input.generate; i++, n++) {
    while (campaign.records.by('clientId', `gen-${n}`)) n++;
    upsertRecord(
      state,
      { campaign, locator: {}, clientId: `gen-${n}`, clientIdFieldName: 'Id', data: generatedRecordData(n) },
      now,
      call.rng,
    );
    const pause = call.work?.step(i + 1, input.generate);
    if (pause) await pause;
  }
  return reply.json(201, {
    campaignName: campaign.name,
    records: added,
    generated: input.generate,
    total: campaign.records.size,
  });
}

/** A simple generated record (Name, Home Phone, Account Number) for load tests. */
function generatedRecordData(n: number) {
  return {
    items: [
      { key: 'Name', value: `Customer ${n}`, displayOrder: 1 },
      { key: 'Home Phone', value: `+1555${String(n).padStart(7, '0').slice(-7)}`, displayOrder: 2 },
      { key: 'Account Number', value: String(1_000_000 + (n % 9_000_000)), displayOrder: 3 },
    ],
    skillQueue: null,
    timeZone: null,
  };
}

export function listRecords(call: Call): Reply {
  const name = call.query.campaignName;
  const campaign = requireCampaign(call.state, name);
  const limit = Math.min(Number(call.query.limit ?? 1000) || 1000, 100_000);
  const records = take(campaign.records.values(), limit).map(toWire);
  return reply.json(200, { campaignName: campaign.name, total: campaign.records.size, records });
}

const CreateCampaignSchema = z.strictObject({
  name: z.string().min(1).max(200),
  /** Default: the sandbox's first skill queue; a new name is added to the skill queues. */
  defaultSkillQueue: z.string().min(1).max(200).optional(),
  defaultTimeZone: z.string().min(1).max(100).default('America/New_York'),
});

/** A campaign as the Symbee admin UI would configure it (the API has no call for it); `409` when it exists. */
export function createCampaign(call: Call): Reply {
  const input = parseAdminBody(CreateCampaignSchema, call);
  const { state } = call;
  if (state.campaigns.has(input.name)) throw new AdminError(409, `campaign ${input.name} already exists`);
  const queue = input.defaultSkillQueue ?? (state.skillQueues[0] as string);
  if (!state.skillQueues.includes(queue)) state.skillQueues.push(queue);
  state.campaigns.set(input.name, newCampaign(input.name, queue, input.defaultTimeZone));
  return reply.json(201, { name: input.name, defaultSkillQueue: queue, defaultTimeZone: input.defaultTimeZone });
}
