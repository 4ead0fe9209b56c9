import fc from 'fast-check';
import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ErrorResponseSchema } from '../../contracts/jtel/schemas.ts';
import { useJtel } from './harness.ts';

/**
 * Fuzzing every endpoint: no input gets a 5xx, every failure is jtel's `{status, error}` (or the empty 404 of an
 * unknown endpoint), and a refused request changes nothing.
 */
const t = useJtel();
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 40) };

const ids = fc.oneof(
  fc.constantFrom(101, 102, 1000, 1001, 500001, 1001),
  fc.integer({ min: -5, max: 3_000_000_000 }),
  fc.string({ maxLength: 12 }),
);
const segment = (value: unknown) => encodeURIComponent(String(value)) || '0';
const fieldValues = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('+4989123456', '2024-03-02', '0930', 'https://x.example', 3, 101, 12, 21, 501),
);
const createBodies = fc.dictionary(
  fc.constantFrom(
    'AcdEventTypesID',
    'AcdGroupsID',
    'AcdConfigurationGroupsID',
    'AcdAgentGroupsID',
    'UsersID',
    'Sender',
    'Receiver',
    'Subject',
    'Body',
    'CrmURL',
    'UserData',
    'nPriority',
    'dtAppointmentDate',
    'dtAppointmentTime',
    'x',
  ),
  fieldValues,
);
const cloneBodies = fc.dictionary(
  fc.constantFrom('source', 'destination', 'userData'),
  fc.oneof(fc.jsonValue(), fc.constantFrom('Campaign 1000', 'Winback Q3', '')),
);
const bodies = (objects: fc.Arbitrary<object>) =>
  fc.oneof(
    objects.map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 100 }),
    fc.constant('{"__proto__": {"polluted": true}}'),
  );
const contentTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', '');
const tokens = fc.constantFrom('good', 'wrong', 'none');

function expectJtelAnswer(res: request.Response): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400 && !(res.status === 404 && res.text === '')) {
    expect(ErrorResponseSchema.parse(res.body).status).toBe(res.status);
  }
}

const headers = (token: string, type = '') => ({
  ...(token === 'none' ? {} : { authorization: `Bearer ${token === 'good' ? t.sb.section.token : 'wrong'}` }),
  ...(type ? { 'content-type': type } : {}),
});

/** Everything a client can read: what a refused call must leave unchanged. */
async function everything() {
  const get = (path: string) => t.sb.get(path).then((r) => r.body);
  return {
    events: await get('/acd/events'),
    campaigns: await get('/dialler/campaigns'),
    contacts: await get('/dialler/contacts'),
  };
}

describe('no input gets a 5xx, and a refused write changes nothing', () => {
  it.each([
    ['/acd/events/create', createBodies],
    ['/dialler/campaigns/clone', cloneBodies],
  ] as const)('POST %s', async (path, objects) => {
    await fc.assert(
      fc.asyncProperty(bodies(objects), contentTypes, tokens, async (body, type, token) => {
        const before = await everything();
        const res = await t.api.post(`${t.sb.base}${path}`).set(headers(token, type)).send(body);
        expectJtelAnswer(res);
        if (res.status !== 200) expect(await everything()).toEqual(before);
      }),
      RUNS,
    );
  });

  it('every GET and DELETE with any id, name and query', async () => {
    const texts = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Campaign 1000', 'Service', '1', '2'));
    await fc.assert(
      fc.asyncProperty(ids, texts, tokens, async (id, text, token) => {
        const s = segment(id);
        const q = encodeURIComponent(text);
        const paths = [
          '/acd/events',
          '/acd/events/types',
          '/acd/events/statuses',
          `/acd/events/event/${s}`,
          `/acd/groups/group/${s}`,
          `/acd/groups/group?name=${q}`,
          '/dialler/campaigns',
          `/dialler/campaigns/${s}`,
          `/dialler/campaigns/campaign?name=${q}`,
          `/dialler/campaigns/campaign/${s}/resultCodes?languagesID=${q}`,
          `/dialler/contacts?diallerCampaignsID=${q}`,
          `/dialler/contacts/${s}`,
        ];
        for (const path of paths) expectJtelAnswer(await t.api.get(`${t.sb.base}${path}`).set(headers(token)));
        for (const path of [`/dialler/campaigns/${s}`, `/dialler/campaigns/campaign?name=${q}`]) {
          const before = await everything();
          const res = await t.api.delete(`${t.sb.base}${path}`).set(headers(token));
          expectJtelAnswer(res);
          if (res.status !== 200) expect(await everything()).toEqual(before);
        }
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 2) },
    );
  });
});
