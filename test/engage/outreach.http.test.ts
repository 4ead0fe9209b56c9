import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { orgArg, useEngage } from './harness.ts';

/**
 * Part 2 through SOAP, as a client built from the document calls it: a full outreach run on the virtual clock
 * (campaign → sub-campaign → contact batch → clock → attempts and counters → pause → resume → done), the seeded
 * states, and the documented faults of the most used methods.
 */
const t = useEngage();
const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (n) => ['data', 'attributes', 'passStates', 'passes', 'devices', 'tags'].includes(n),
});

type Data = Record<string, unknown> & { attributes?: { name: string; value: string }[] };
async function ok(operation: string, args: string): Promise<Data[]> {
  const res = await t.sb.call(operation, args);
  expect(res.status, res.text).toBe(200);
  const body = parser.parse(res.text).Envelope.Body[`${operation}Response`];
  return (body?.return?.data ?? []) as Data[];
}
async function fault(operation: string, args: string): Promise<string> {
  const res = await t.sb.call(operation, args);
  expect(res.status, res.text).toBe(500);
  return parser.parse(res.text).Envelope.Body.Fault.detail.ApiFault.errorCode as string;
}
const attr = (d: Data, name: string) => d.attributes?.find((a) => a.name === name)?.value;
type Counters = Record<
  'attemptedCount' | 'filteredCount' | 'notAttemptedCount' | 'pendingCount' | 'deliveredCount' | 'failedCount',
  number
>;
/** Each contact in exactly one of these (attemptedCount = delivered + failed). */
const contactsOf = (c: Counters) =>
  c.filteredCount + c.notAttemptedCount + c.pendingCount + c.deliveredCount + c.failedCount;
const counters = (d: Data): Counters =>
  Object.fromEntries(
    ['attemptedCount', 'filteredCount', 'notAttemptedCount', 'pendingCount', 'deliveredCount', 'failedCount'].map(
      (n) => [n, Number(attr(d, n))],
    ),
  ) as Counters;
const subRef = (id: string) => `<arg1><internalId>${id}</internalId></arg1>`;
const stateOf = async (id: string) => (await ok('showSubCampaignState', subRef(id)))[0]!;

describe('a full outreach run through SOAP', () => {
  it('campaign → sub-campaign → contact batch → clock → attempts and counters → pause → resume → done', async () => {
    const { account, lists } = t.sb.section;
    const [campaign] = await ok(
      'createCampaign',
      `<arg1><externalId>Outreach run</externalId></arg1>${orgArg(2, account)}`,
    );
    const campaignId = campaign!.internalId as string;
    const [sub] = await ok(
      'createSubCampaign',
      `<arg1><externalId>Run 1</externalId><campaign><internalId>${campaignId}</internalId></campaign>` +
        `<passes><name>Voice</name><channel>1</channel><contactsPerMinute>30</contactsPerMinute></passes></arg1>` +
        `<arg2><internalId>${lists[0]!.internalId}</internalId></arg2><arg3/>${orgArg(4, account)}`,
    );
    const subId = sub!.internalId as string;
    const loading = await stateOf(subId);
    expect(loading.state).toBe('Loading');
    const total = contactsOf(counters(loading));
    expect(total).toBeGreaterThan(0);

    const contacts = Array.from(
      { length: 5 },
      (_, i) =>
        `<arg2><externalId>K${i}</externalId><devices><externalId>+1212555010${i}</externalId></devices></arg2>`,
    ).join('');
    const [batch] = await ok(
      'createContactBatch',
      `<arg1><externalId>Batch 1</externalId><campaign><internalId>${campaignId}</internalId></campaign>` +
        `<owner><internalId>${account.internalId}</internalId><type>Account</type></owner>` +
        `<maxDuration>120</maxDuration></arg1>${contacts}`,
    );
    const batchRef = `<arg1><internalId>${batch!.internalId}</internalId></arg1>`;
    expect((await ok('showContactBatchState', batchRef))[0]!.state).toBe('Running');

    await t.sb.advance(30_000 + 60_000);
    const running = await stateOf(subId);
    expect(running.state).toBe('Running');
    const mid = counters(running);
    expect(mid.attemptedCount).toBeGreaterThan(0);
    expect(mid.attemptedCount).toBe(mid.deliveredCount + mid.failedCount);
    expect(contactsOf(mid)).toBe(total);

    const paused = await ok(
      'changeSubCampaignState',
      `<arg1><subCampaign><internalId>${subId}</internalId></subCampaign><state>Paused</state></arg1>`,
    );
    expect(paused[0]!.state).toBe('Paused');
    const before = counters(paused[0]!).attemptedCount;
    await t.sb.advance(10 * 60_000);
    expect(counters(await stateOf(subId)).attemptedCount).toBe(before);

    await ok(
      'changeSubCampaignState',
      `<arg1><subCampaign><internalId>${subId}</internalId></subCampaign><state>Running</state></arg1>`,
    );
    await t.sb.advance(12 * 60 * 60_000);
    const done = await stateOf(subId);
    expect(done.state).toBe('Done');
    const end = counters(done);
    expect(end.pendingCount).toBe(0);
    expect(contactsOf(end)).toBe(total);
    expect((done.passStates as Data[])[0]!.state).toBe('Done');
    expect(attr((done.passStates as Data[])[0]!, 'attemptedCount')).toBe(String(end.attemptedCount));

    const batchState = (await ok('showContactBatchState', batchRef))[0]!;
    expect(batchState.state).toBe('Done');
    expect(counters(batchState).attemptedCount).toBe(5 - counters(batchState).filteredCount);
    const attempts = await ok(
      'listContactAttemptsUsingContactBatch',
      `${batchRef}<arg2>${new Date(Date.parse('2025-03-01T00:00:00Z')).toISOString()}</arg2>`,
    );
    expect(attempts.length).toBeGreaterThanOrEqual(counters(batchState).attemptedCount);
    const [first] = await ok(
      'showContactAttempts',
      `<arg1><internalId>${attempts[0]!.internalId as string}</internalId></arg1>`,
    );
    expect(first!.outcome).toBe(attempts[0]!.outcome);
    const [tagged] = await ok(
      'changeContactAttempt',
      `<arg1><internalId>${first!.internalId}</internalId><tags>archive</tags></arg1>`,
    );
    expect(tagged!.tags).toEqual(['archive']);
  });
});

describe('a fresh sandbox', () => {
  it('already answers listSubCampaignStates with running and completed sub-campaigns, ordered by fromDate', async () => {
    const states = await ok('listSubCampaignStates', `${orgArg(1, t.sb.section.account)}<arg2><state></state></arg2>`);
    const byName = new Map(states.map((s) => [(s.subCampaign as Data).externalId, s.state]));
    expect(byName.get('Completed Reminders')).toBe('Done');
    expect(byName.get('Running Collections')).toBe('Running');
    expect(byName.get('Paused Survey')).toBe('Paused');
    expect(byName.get('Pending Renewals')).toBe('Pending');
    const from = states.map((s) => Date.parse(attr(s, 'fromDate') as string));
    expect([...from].sort((a, b) => a - b)).toEqual(from);
    const active = await ok(
      'listSubCampaignStates',
      `${orgArg(1, t.sb.section.account)}<arg2><state>Active</state></arg2>`,
    );
    expect(
      active.every((s) => ['Loading', 'Running', 'Paused', 'Pending', 'Stopping'].includes(s.state as string)),
    ).toBe(true);
  });
});

describe('documented faults through SOAP', () => {
  it('answer with the document codes', async () => {
    const { account } = t.sb.section;
    expect(await fault('showSubCampaignState', subRef('999999999'))).toBe('OBJECT_NOT_EXISTS');
    expect(await fault('listSubCampaignStates', `${orgArg(1, account)}<arg2><state>Bogus</state></arg2>`)).toBe(
      'ARG_INVALID_TYPE',
    );
    expect(
      await fault(
        'changeContactBatchState',
        '<arg1><contactBatch><internalId>999999999</internalId></contactBatch><state>Cancelled</state></arg1>',
      ),
    ).toBe('OBJECT_NOT_EXISTS');
    const tooMany = Array.from(
      { length: 101 },
      (_, i) => `<arg2><externalId>X${i}</externalId><devices><externalId>+1${i}</externalId></devices></arg2>`,
    ).join('');
    expect(
      await fault(
        'createContactBatch',
        `<arg1><owner><internalId>${account.internalId}</internalId><type>Account</type></owner><maxDuration>60</maxDuration></arg1>${tooMany}`,
      ),
    ).toBe('ARG_TOO_LARGE');
    expect(
      await fault(
        'createContactBatch',
        `<arg1><maxDuration>60</maxDuration></arg1><arg2><externalId>A</externalId></arg2>`,
      ),
    ).toBe('ARG_NULL');
  });
});
