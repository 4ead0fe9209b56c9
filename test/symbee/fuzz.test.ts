import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS,
  RESPONSE_SCHEMAS,
  RESULT_STATUSES,
  TransportErrorSchema,
  type Action,
} from '../../contracts/symbee/schemas.ts';
import { snapshotSymbee } from '../../simulators/symbee/snapshot.ts';
import type { SymbeeState } from '../../simulators/symbee/models.ts';
import { startSymbee, type Body, type SymbeeSandbox, type TestSimulator } from './harness.ts';

/**
 * Property tests of all five actions (issue 2, section 6): whatever the body — any JSON value, objects with random
 * fields and types, `__proto__`-style keys, huge strings — the answer is never 5xx, always the documented envelope
 * (HTTP 200 with previewResult, or a 4xx transport error of the same shape), and a request that is not a SUCCESS
 * leaves the stored campaigns exactly as they were.
 */
let sim: TestSimulator;
let sb: SymbeeSandbox;

const RUNS = 30;
const TRANSPORT_STATUSES = [400, 401, 403, 413, 415];
const ENVELOPE_KEYS = ['platform', 'companyCode', 'environment', 'region', 'campaignName', 'previewResult'];

beforeAll(async () => {
  sim = await startSymbee();
  sb = await sim.sandbox({ seed: 5 });
});
afterAll(() => sim.close());

/** The sandbox's stored Symbee state, as persistence would save it. */
function stored(): string {
  const sandbox = sim.sim.registry.get(sb.id)!;
  return JSON.stringify(snapshotSymbee(sandbox.states.get('symbee') as SymbeeState));
}

/** A valid body per action, so mutations of it reach the deeper checks. */
function validBody(action: Action): Body {
  const agent = sb.section.agents[0];
  const base = { ...sb.envelope(), clientId: '1001' };
  switch (action) {
    case 'addOrUpdateCampaignRecord':
      return { ...base, preferredAgent: agent, previewRecordData: [{ key: 'Name', value: 'Fuzz', displayOrder: 1 }] };
    case 'searchPreviewCampaign':
      return {
        ...sb.envelope(),
        maxRecords: 5,
        previewRecordData: [{ key: 'Name', value: 'a', condition: 'CONTAINS' }],
      };
    case 'changeCampaignRecordStatus':
      return { ...base, previewRecordStateEnum: 'NOTWORKED', skillQueue: sb.section.skillQueues[0], timeZone: 'UTC' };
    case 'transferCampaignRecord':
      return { ...base, transferToCampaign: sb.section.campaigns[1] };
    case 'deleteRecordFromCampaign':
      return base;
  }
}

const FIELD_NAMES = [
  'platform',
  'companyCode',
  'environment',
  'region',
  'campaignName',
  'previewRecordId',
  'previewRecordID',
  'clientId',
  'clientIdFieldName',
  'preferredAgent',
  'nextEarliestWorkTimeUTC',
  'previewRecordData',
  'maxRecords',
  'previewRecordStateEnum',
  'skillQueue',
  'timeZone',
  'transferToCampaign',
];

const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'Id', 'sys_'),
  fc.constantFrom('NOTWORKED', 'WORKED', 'COMPLETED', 'REMOVED', 'EQUALS', 'CONTAINS', 'Europe/Berlin', '+17202321123'),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, 8.64e15 + 1, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

const dataItem = fc.dictionary(
  fc.oneof(fc.constantFrom('key', 'value', 'displayOrder', 'condition'), nastyString),
  nastyValue,
  { maxKeys: 4 },
);

/** A valid body with random fields removed, replaced by random types, or added. */
const mutatedBody = (action: Action) =>
  fc
    .record({
      drop: fc.subarray(FIELD_NAMES),
      replace: fc.dictionary(fc.constantFrom(...FIELD_NAMES), nastyValue, { maxKeys: 3 }),
      extra: fc.dictionary(nastyString, nastyValue, { maxKeys: 2 }),
      data: fc.option(fc.array(dataItem, { maxLength: 4 }), { nil: undefined }),
    })
    .map(({ drop, replace, extra, data }) => {
      const body: Record<string, unknown> = { ...validBody(action) };
      for (const field of drop) delete body[field];
      Object.assign(body, replace);
      if (data !== undefined) body.previewRecordData = data;
      // defineProperty: a "__proto__" key must become an own key of the JSON, not the object's prototype.
      for (const [key, value] of Object.entries(extra)) {
        Object.defineProperty(body, key, { value, enumerable: true, configurable: true, writable: true });
      }
      return JSON.stringify(body);
    });

/** Raw JSON text with `__proto__`/`constructor` keys at the top or nested in a data item. */
const protoBody = (action: Action) =>
  fc
    .record({
      key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
      nested: fc.boolean(),
      payload: fc.jsonValue({ maxDepth: 2 }),
    })
    .map(({ key, nested, payload }) => {
      const body = JSON.stringify(validBody(action));
      const injected = `${JSON.stringify(key)}:${JSON.stringify(payload)}`;
      return nested
        ? body.replace('"previewRecordData":[{', `"previewRecordData":[{${injected},`)
        : `{${injected},${body.slice(1)}`;
    });

/** Huge strings: just under and over the 1 MiB body limit, in a field or as a data value. */
const hugeBody = (action: Action) =>
  fc
    .record({
      size: fc.integer({ min: 900_000, max: 1_200_000 }),
      field: fc.constantFrom('clientId', 'value', 'extra'),
    })
    .map(({ size, field }) => {
      const big = 'x'.repeat(size);
      const body: Record<string, unknown> = { ...validBody(action) };
      if (field === 'value') body.previewRecordData = [{ key: 'Name', value: big }];
      else body[field] = big;
      return JSON.stringify(body);
    });

/** Checks one answer against the documented envelope; returns whether it was a SUCCESS. */
function checkEnvelope(action: Action, res: { status: number; body: unknown; headers: Record<string, string> }) {
  expect(res.status).toBeLessThan(500);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  if (res.status !== 200) {
    expect(TRANSPORT_STATUSES).toContain(res.status);
    expect(TransportErrorSchema.safeParse(res.body).success).toBe(true);
    return false;
  }
  const parsed = RESPONSE_SCHEMAS[action].safeParse(res.body);
  expect(parsed.success, JSON.stringify(res.body).slice(0, 500)).toBe(true);
  const body = res.body as Record<string, unknown> & { previewResult: { previewResultStatus: string; error: unknown } };
  const expectedKeys =
    action === 'searchPreviewCampaign' ? [...ENVELOPE_KEYS, 'previewRecordClientData'] : ENVELOPE_KEYS;
  expect(Object.keys(body).sort()).toEqual([...expectedKeys].sort());
  expect(RESULT_STATUSES).toContain(body.previewResult.previewResultStatus);
  const success = body.previewResult.previewResultStatus === 'SUCCESS';
  // A failure always says why; a success never carries an error.
  if (success) expect(body.previewResult.error).toBeNull();
  else expect(typeof body.previewResult.error === 'string' && body.previewResult.error.length > 0).toBe(true);
  return success;
}

/** Sends one raw body; asserts the envelope, and that the stored state is unchanged unless it was a SUCCESS. */
async function probe(action: Action, raw: string): Promise<void> {
  const before = stored();
  const res = await sb.raw(action, raw);
  const success = checkEnvelope(action, res);
  if (!success || action === 'searchPreviewCampaign') expect(stored()).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe.each(ACTIONS)('%s', (action) => {
  it('never fails on arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), (value) => probe(action, JSON.stringify(value))),
      { numRuns: RUNS },
    );
  });

  it('never fails on objects with random fields and types', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody(action), (raw) => probe(action, raw)),
      { numRuns: RUNS * 2.5 },
    );
  });

  it('refuses __proto__ / constructor keys without polluting anything', async () => {
    await fc.assert(
      fc.asyncProperty(protoBody(action), async (raw) => {
        await probe(action, raw);
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { numRuns: 15 },
    );
  });

  it('handles huge strings (under and over the body limit)', async () => {
    await fc.assert(
      fc.asyncProperty(hugeBody(action), (raw) => probe(action, raw)),
      { numRuns: 3 },
    );
  });

  it('never fails on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => probe(action, raw)),
      { numRuns: 15 },
    );
  });
});
