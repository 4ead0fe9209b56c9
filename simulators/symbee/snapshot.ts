import { z } from 'zod';
import { WORKED_STATES } from '../../contracts/symbee/schemas.ts';
import type { JsonPath } from '../core/json-lines.ts';
import { SnapshotError, parseSnapshot, type Saving } from '../core/store.ts';
import { emptyState } from './fixtures.ts';
import { type SymbeeState, newCampaign, scheduleRecord } from './models.ts';
import { SymbeeRecord } from './record.ts';

/**
 * What a saved Symbee section holds: the tenant, its key, queues, agents and pool, and each campaign with its tasks.
 * The indexes (clientId, record → campaign) and the timed queues are not saved: they are rebuilt from the tasks.
 */
const millis = z.number().int();
const WorkCodeSchema = z.object({ key: z.string(), value: z.string() });

const RecordSchema = z.object({
  id: z.string().min(1),
  clientId: z.string().min(1),
  campaign: z.string(),
  clientIdFieldName: z.string().min(1),
  data: z.array(z.object({ key: z.string(), value: z.string(), displayOrder: z.number() })),
  preferredAgent: z.string(),
  preferredSince: millis,
  skillQueue: z.string(),
  timeZone: z.string().nullable(),
  createdTime: millis,
  lastUpdatedTime: millis,
  nextEarliestWorkTime: millis.nullable(),
  workedState: z.enum(WORKED_STATES),
  workAttempts: z.number().int().min(0),
  lastAttemptAgent: z.string().nullable(),
  lastAttemptTime: millis.nullable(),
  workCodes: z.array(WorkCodeSchema),
});

export const SymbeeSnapshotSchema = z.object({
  platform: z.literal('AWS Connect'),
  companyCode: z.string().min(1),
  environment: z.string().min(1),
  region: z.string().min(1),
  secretsRegion: z.string().min(1),
  apiKey: z.object({
    secret: z.string(),
    generation: z.number().int().min(0),
    current: z.string().min(1),
    rotatedAt: millis,
    intervalMs: z.number().int().positive().nullable(),
  }),
  skillQueues: z.array(z.string()),
  agents: z.array(z.string()),
  pool: z.object({
    enabled: z.boolean(),
    agents: z.array(z.object({ id: z.string(), freeAt: millis })),
    handleTimeMs: z.number().int().min(1),
    outcomes: z.array(
      z.object({
        outcome: z.enum(['COMPLETED', 'WORKED']),
        weight: z.number().positive(),
        workCodes: z.array(WorkCodeSchema),
        retryAfterMs: z.number().int().min(1),
      }),
    ),
    campaigns: z.array(z.string()),
  }),
  campaigns: z.array(
    z.object({
      name: z.string().min(1),
      defaultSkillQueue: z.string(),
      defaultTimeZone: z.string(),
      // Checked against RecordSchema and converted by `reviveRecord` before (as each line is read, or by `restoreSymbee`).
      records: z.array(z.instanceof(SymbeeRecord)),
    }),
  ),
});
export type SymbeeSnapshot = z.infer<typeof SymbeeSnapshotSchema>;

export function snapshotSymbee(state: SymbeeState): Saving<SymbeeSnapshot> {
  const { campaigns, expiries: _e, dueQueue: _d, ...rest } = state;
  return {
    ...rest,
    campaigns: [...campaigns.values()].map((c) => ({
      name: c.name,
      defaultSkillQueue: c.defaultSkillQueue,
      defaultTimeZone: c.defaultTimeZone,
      records: c.records.snapshot(),
    })),
  };
}

/** Checked against the schema first: a corrupt section (or two tasks sharing an id or clientId) is refused. */
export function restoreSymbee(data: unknown): SymbeeState {
  const { campaigns, pool, ...rest } = parseSnapshot('symbee', SymbeeSnapshotSchema, withRecordsRevived(data));
  const state = emptyState(rest);
  state.pool = pool;
  for (const c of campaigns) {
    const campaign = newCampaign(c.name, c.defaultSkillQueue, c.defaultTimeZone, c.records);
    state.campaigns.set(c.name, campaign);
    for (const record of campaign.records.values()) scheduleRecord(state, record);
  }
  return state;
}

/**
 * Each task line of a saved file (`vendors.symbee.campaigns[i].records[j]`) checked against the schema and kept as a
 * record at once: 5,000,000 of them as parsed JSON would not fit the default heap beside the records themselves.
 */
export function reviveSymbee(path: JsonPath, value: unknown): unknown {
  if (path.length !== 6 || path[2] !== 'campaigns' || path[4] !== 'records') return value;
  return reviveRecord(path[3] as number, path[5] as number, value);
}

function reviveRecord(campaign: number, index: number, value: unknown): SymbeeRecord {
  if (value instanceof SymbeeRecord) return value;
  const result = RecordSchema.safeParse(value);
  if (result.success) return new SymbeeRecord(result.data);
  const at = `campaigns.${campaign}.records.${index}`;
  const issues = result.error.issues.map((i) => `${[at, ...i.path].join('.')}: ${i.message}`);
  throw new SnapshotError(`vendors.symbee: ${issues.join('; ')}`);
}

/** The section with the records that were not revived as their lines were read (a one-line campaign) revived. */
function withRecordsRevived(data: unknown): unknown {
  const campaigns = (data as { campaigns?: unknown } | null)?.campaigns;
  if (!Array.isArray(campaigns)) return data;
  return {
    ...(data as object),
    campaigns: campaigns.map((c: unknown, i) => {
      const records = (c as { records?: unknown } | null)?.records;
      if (!Array.isArray(records)) return c;
      return { ...(c as object), records: records.map((r: unknown, j) => reviveRecord(i, j, r)) };
    }),
  };
}
