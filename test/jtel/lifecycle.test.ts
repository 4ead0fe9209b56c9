import { describe, expect, it } from 'vitest';
import { AcdEventRecordsSchema, DiallerContactListSchema } from '../../contracts/jtel/schemas.ts';
import { CAMPAIGN, GROUP, MINUTE, USER, callback, jtelSandbox, useJtel } from './harness.ts';

const t = useJtel({ jtel: { agentPool: { enabled: true, seenAfterMs: 30_000, doneAfterMs: 120_000 } } });

const create = async (body: unknown) =>
  AcdEventRecordsSchema.parse((await t.sb.post('/acd/events/create', body)).body).records[0]!;
const event = async (id: number) =>
  AcdEventRecordsSchema.parse((await t.sb.get(`/acd/events/event/${id}`)).body).records[0]!;
const statusOf = async (id: number) => (await event(id)).AcdEventStatusID;

describe('ACD event lifecycle (virtual clock, simulated agents)', () => {
  it('goes EnterSystem → Distribute → TransportToGroup → New (taken) → Seen → Done', async () => {
    const e = await create(callback());
    const seen: number[] = [await statusOf(e.AcdEventsID)];
    for (const step of [1000, 1000, 0, 30_000, 120_000]) {
      await t.sb.advance(step);
      seen.push(await statusOf(e.AcdEventsID));
    }
    // The group queue is taken at once by a free agent: TransportToGroup and New happen in the same second.
    expect(seen).toEqual([0, 1, 20, 20, 30, 99]);
    const done = await event(e.AcdEventsID);
    expect(done.UsersID).toBe(USER.both);
    expect(done.dtLastModified).toBe('2024-03-01T10:02:32.000');
  });

  it('waits in TransportToGroup / TransportAgent while no agent is free, and without the pool', async () => {
    await t.sb.admin('POST', '/vendors/jtel/acd/agents', { enabled: false }).expect(200);
    const group = await create(callback());
    const targeted = await create(callback({ Sender: '+4989111', UsersID: USER.firstLevel }));
    await t.sb.advance(5000);
    expect(await statusOf(group.AcdEventsID)).toBe(4);
    expect(await statusOf(targeted.AcdEventsID)).toBe(10);
    await t.sb.admin('POST', '/vendors/jtel/acd/agents', { enabled: true }).expect(200);
    expect(await statusOf(group.AcdEventsID)).toBe(20);
    expect((await event(targeted.AcdEventsID)).UsersID).toBe(USER.firstLevel);
    expect(await statusOf(targeted.AcdEventsID)).toBe(20);
  });

  it('gives the highest nPriority first and honours UsersID targeting', async () => {
    await t.sb.admin('POST', '/vendors/jtel/acd/agents', { enabled: false }).expect(200);
    // Email group 103: only user 501 (agent groups 21 and 22) works agent group 22.
    const mail = (sender: string, extra = {}) => ({
      AcdEventTypesID: 5,
      AcdGroupsID: GROUP.email,
      Sender: sender,
      Subject: sender,
      ...extra,
    });
    const low = await create(mail('low@example.com', { nPriority: 10 }));
    const high = await create(mail('high@example.com', { nPriority: 90 }));
    await t.sb.advance(5000);
    await t.sb.admin('POST', '/vendors/jtel/acd/agents', { enabled: true }).expect(200);
    expect(await statusOf(high.AcdEventsID)).toBe(20);
    expect(await statusOf(low.AcdEventsID)).toBe(4);
    await t.sb.advance(150_000);
    expect(await statusOf(high.AcdEventsID)).toBe(99);
    expect(await statusOf(low.AcdEventsID)).toBe(20);
  });

  it('keeps an appointment in Remind and distributes it only at the appointment time', async () => {
    const e = await create(callback({ dtAppointmentDate: '2024-03-01', dtAppointmentTime: '12:00' }));
    await t.sb.advance(1000);
    expect(await statusOf(e.AcdEventsID)).toBe(40);
    await t.sb.advance(2 * 60 * MINUTE - 2000);
    expect(await statusOf(e.AcdEventsID)).toBe(40);
    await t.sb.advance(1000);
    expect(await statusOf(e.AcdEventsID)).toBe(1);
  });

  it('lets QA set any status through the backdoor; the agent is freed', async () => {
    const e = await create(callback());
    await t.sb.advance(2000);
    expect(await statusOf(e.AcdEventsID)).toBe(20);
    const res = await t.sb.admin('POST', `/vendors/jtel/acd/events/${e.AcdEventsID}/status`, { status: 'Error' });
    expect(res.status).toBe(200);
    expect(res.body.AcdEventStatusID).toBe(100);
    const agents = await t.sb.admin('GET', '/vendors/jtel/acd/agents');
    expect(agents.body.agents.every((a: { busyWith: number | null }) => a.busyWith === null)).toBe(true);
    expect((await t.sb.admin('POST', '/vendors/jtel/acd/events/1/status', { status: 99 })).status).toBe(404);
    expect((await t.sb.admin('POST', `/vendors/jtel/acd/events/${e.AcdEventsID}/status`, { status: 7 })).status).toBe(
      400,
    );
  });
});

describe('dialler contacts progress with their campaign result codes', () => {
  const snapshot = async () =>
    DiallerContactListSchema.parse((await t.sb.get(`/dialler/contacts?diallerCampaignsID=${CAMPAIGN.first}`)).body)
      .records;

  it('are called within the hour, get result codes of their campaign, and close on DONE/ABORT', async () => {
    const before = await snapshot();
    expect(before.every((c) => c.nAttempts === 0 && c.DiallerResultCodesID === null && c.dtNextCall !== null)).toBe(
      true,
    );
    await t.sb.advance(3 * 24 * 60 * MINUTE);
    const after = await snapshot();
    expect(after.every((c) => c.nAttempts >= 1 && c.DiallerResultCodesID !== null)).toBe(true);
    const codes = (await t.sb.get(`/dialler/campaigns/campaign/${CAMPAIGN.first}/resultCodes?languagesID=1`)).body
      .records as { ID: number; ExportKey: string }[];
    for (const c of after)
      expect(codes.find((r) => r.ID === c.DiallerResultCodesID)?.ExportKey).toBe(c.ResultCodeExportKey);
    expect(after.some((c) => c.bClosed)).toBe(true);
  });

  it('is deterministic for a seed', async () => {
    await t.sb.advance(3 * 24 * 60 * MINUTE);
    const a = await snapshot();
    const twin = await jtelSandbox(t.api, {
      jtel: { agentPool: { enabled: true, seenAfterMs: 30_000, doneAfterMs: 120_000 } },
    });
    await twin.advance(24 * 60 * MINUTE);
    await twin.advance(2 * 24 * 60 * MINUTE);
    const b = (await twin.get(`/dialler/contacts?diallerCampaignsID=${CAMPAIGN.first}`)).body.records;
    const strip = (cs: { ID: number; nAttempts: number; DiallerResultCodesID: number | null; bClosed: boolean }[]) =>
      cs.map((c) => [c.nAttempts, c.DiallerResultCodesID, c.bClosed]);
    expect(strip(b)).toEqual(strip(a));
  });
});
