import { z } from 'zod';
import { CAMPAIGN_STATUS, type CampaignStatusId, RECORD_STATUS } from '../../contracts/eightbyeight/schemas.ts';
import { parseSnapshot, type Saving } from '../core/store.ts';
import { DEFAULT_CALLING_WINDOW, type EightByEightState, newCampaign } from './models.ts';
import { RecordStore } from './records.ts';

/**
 * What a saved 8x8 section holds: the tenant, its CRM, dialer settings and every campaign with its records (columns
 * as base64 bytes, so 5,000,000 records stay compact). Busy counts and timed events are rebuilt from the records.
 */
// Built on first use (z.lazy): only restoring a saved file needs it, and start-up need not construct it.
export const EightByEightSnapshotSchema = z.lazy(() => {
  const millis = z.number();
  const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
  const ForcedSchema = z.object({
    statusCode: z.number().int(),
    dispositionCode: z.number().int(),
    extTransData: z.string().optional(),
  });

  const RecordStoreSchema = z.object({
    size: z.number().int().min(0),
    live: z.number().int().min(0),
    customer: base64, // also each record's record-id (the ACCOUNTNUM); older saves' own recordId column is ignored
    status: base64,
    code: base64,
    disposition: base64,
    attempts: base64,
    eventAt: base64,
    extData: z.array(z.tuple([z.number().int().min(0), z.string()])),
    forced: z.array(z.tuple([z.number().int().min(0), ForcedSchema])),
  });

  const STATUS_IDS: readonly unknown[] = Object.values(CAMPAIGN_STATUS);
  const StatusIdSchema = z.custom<CampaignStatusId>((v) => STATUS_IDS.includes(v), 'a campaign status id (0-11)');

  const CampaignSchema = z.object({
    id: z.number().int(),
    name: z.string(),
    enabled: z.boolean(),
    dynamic: z.boolean(),
    status: StatusIdSchema,
    startTime: millis,
    endTime: millis,
    actualRunTime: millis.nullable(),
    actualStopTime: millis.nullable(),
    // Saved as strings before the status page's types were followed (issue 12): read either.
    callerId: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
    queueId: z.number().int(),
    dailyStartTime: z.string(),
    dailyEndTime: z.string(),
    retryIntervalMinutes: z.number(),
    maxRetry: z.number().int(),
    abandonMaxRetry: z.number().int().nullable(),
    maxRingTime: z.number(),
    integrationType: z.string(),
    callingWindow: z.union([z.number().int(), z.string().transform(() => DEFAULT_CALLING_WINDOW)]),
    scheduleName: z.string(),
    timezone: z.string(),
    sequential: z.boolean(),
    cursor: z.number().int().min(0),
    records: RecordStoreSchema,
    ready: z.array(z.number().int().min(0)),
  });

  return z.object({
    seed: z.number().int(),
    username: z.string().min(1),
    platform: z.string().min(1),
    actionToken: z.string().min(1),
    dataToken: z.string().min(1),
    deleteToken: z.enum(['action', 'data', 'either']),
    statusToken: z.enum(['action', 'data', 'either']).default('either'),
    phoneLabel: z.string(),
    crm: z.object({
      base: z.number().int(),
      size: z.number().int().min(0),
      extra: z.array(z.tuple([z.number().int(), z.string()])),
    }),
    dialer: z.object({
      lines: z.number().int().min(1),
      acceptDelayMs: z.number().min(0),
      talkMinMs: z.number().min(0),
      talkMaxMs: z.number().min(0),
    }),
    campaigns: z.array(CampaignSchema),
  });
});
export type EightByEightSnapshot = z.infer<typeof EightByEightSnapshotSchema>;

export function snapshotEightByEight(state: EightByEightState): Saving<EightByEightSnapshot> {
  return {
    ...state,
    crm: { base: state.crm.base, size: state.crm.size, extra: [...state.crm.extra] },
    campaigns: [...state.campaigns.values()].map((c) => {
      const { records, events: _events, busy: _busy, ready, readyHead, ...fields } = c;
      return { ...fields, records: records.snapshot(), ready: ready.slice(readyHead) };
    }),
  };
}

/** Checked against the schema first: a corrupt section is refused. */
export function restoreEightByEight(snapshot: unknown): EightByEightState {
  const snap = parseSnapshot('eightbyeight', EightByEightSnapshotSchema, snapshot);
  const state: EightByEightState = {
    ...snap,
    crm: { base: snap.crm.base, size: snap.crm.size, extra: new Map(snap.crm.extra) },
    campaigns: new Map(),
  };
  for (const saved of snap.campaigns) {
    const { records, ready, ...fields } = saved;
    const c = newCampaign(fields);
    c.cursor = fields.cursor;
    c.records = RecordStore.restore(records);
    c.ready = ready;
    const rs = c.records;
    for (let row = 0; row < rs.size; row++) {
      const status = rs.status[row];
      if (status === RECORD_STATUS.QUEUED || status === RECORD_STATUS.ACCEPTED) c.busy++;
      if (Number.isFinite(rs.eventAt[row])) c.events.schedule(rs.eventAt[row] as number, row);
    }
    state.campaigns.set(c.id, c);
  }
  return state;
}
