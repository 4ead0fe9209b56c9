import { describe, expect, it } from 'vitest';
import {
  AcdEventListSchema,
  AcdEventRecordsSchema,
  AcdEventStatusListSchema,
  AcdGroupRecordsSchema,
  ErrorResponseSchema,
} from '../../contracts/jtel/schemas.ts';
import { GROUP, USER, callback, useJtel } from './harness.ts';

const t = useJtel();

const created = async (body: unknown) => {
  const res = await t.sb.post('/acd/events/create', body);
  expect(res.status, res.text).toBe(200);
  return AcdEventRecordsSchema.parse(res.body).records[0]!;
};
const refused = async (body: unknown, status = 400) => {
  const res = await t.sb.post('/acd/events/create', body);
  expect(res.status, res.text).toBe(status);
  return ErrorResponseSchema.parse(res.body);
};

describe('ACD event types and statuses', () => {
  it('lists the 11 documented statuses with their exact ID and ShortText, ordered by ID', async () => {
    const res = await t.sb.get('/acd/events/statuses');
    const body = AcdEventStatusListSchema.parse(res.body);
    expect(body.records.map((r) => [r.ID, r.ShortText])).toEqual([
      [0, 'AcdEventStatus.EnterSystem'],
      [1, 'AcdEventStatus.Distribute'],
      [2, 'AcdEventStatus.TransportSMTP'],
      [4, 'AcdEventStatus.TransportToGroup'],
      [10, 'AcdEventStatus.TransportAgent'],
      [20, 'AcdEventStatus.New'],
      [30, 'AcdEventStatus.Seen'],
      [40, 'AcdEventStatus.Remind'],
      [98, 'AcdEventStatus.ChatClosed'],
      [99, 'AcdEventStatus.Done'],
      [100, 'AcdEventStatus.Error'],
    ]);
    expect(body).toMatchObject({
      count: 11,
      orderBy: 'ID',
      ascending: true,
      status: 200,
      filter: '',
      limitStart: 0,
      limitPageSize: -1,
    });
  });

  it('lists the five event types with the README ids', async () => {
    const res = await t.sb.get('/acd/events/types');
    expect(res.body.records.map((r: { ID: number; ShortText: string }) => `${r.ID} ${r.ShortText}`)).toEqual([
      '1 AcdEventTypes.VoiceMail',
      '2 AcdEventTypes.Fax',
      '3 AcdEventTypes.Callback',
      '4 AcdEventTypes.SMS',
      '5 AcdEventTypes.Email',
    ]);
    expect(res.body.count).toBe(5);
  });
});

describe('POST /acd/events/create', () => {
  it('creates a full event with defaults, local timestamps and the {records, count, status} envelope', async () => {
    const res = await t.sb.post(
      '/acd/events/create',
      callback({ Body: 'Re: invoice', CrmURL: 'https://crm.example/t/1', UserData: 'T-1' }),
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['records', 'count', 'status']);
    const event = AcdEventRecordsSchema.parse(res.body).records[0]!;
    expect(event).toMatchObject({
      AcdEventTypesID: 3,
      AcdEventStatusID: 0,
      AcdGroupsID: GROUP.hotline,
      AcdConfigurationGroupsID: 11,
      AcdAgentGroupsID: 21,
      UsersID: null,
      Body: 'Re: invoice',
      nPriority: 50,
      dtCreated: '2024-03-01T10:00:00.000',
      dtLastModified: '2024-03-01T10:00:00.000',
    });
    expect(event.Result_).toBeUndefined();
    const again = AcdEventRecordsSchema.parse((await t.sb.get(`/acd/events/event/${event.AcdEventsID}`)).body);
    expect(again.records[0]).toEqual(event);
  });

  it('addresses the group by configuration group + agent group as well', async () => {
    const event = await created(
      callback({ AcdGroupsID: undefined, AcdConfigurationGroupsID: 12, AcdAgentGroupsID: 21 }),
    );
    expect(event.AcdGroupsID).toBe(GROUP.callback);
  });

  it.each([
    ['neither form', { AcdGroupsID: undefined }, /AcdGroupsID/],
    ['only the configuration group', { AcdGroupsID: undefined, AcdConfigurationGroupsID: 12 }, /AcdAgentGroupsID/],
    ['only the agent group', { AcdGroupsID: undefined, AcdAgentGroupsID: 21 }, /AcdConfigurationGroupsID/],
    ['both forms', { AcdConfigurationGroupsID: 11, AcdAgentGroupsID: 21 }, /either/],
    ['an unknown group', { AcdGroupsID: 999 }, /AcdGroup 999/],
    [
      'a pair of no group',
      { AcdGroupsID: undefined, AcdConfigurationGroupsID: 11, AcdAgentGroupsID: 22 },
      /no AcdGroup/,
    ],
    ['no type', { AcdEventTypesID: undefined }, /Missing parameter: AcdEventTypesID/],
    ['an unknown type', { AcdEventTypesID: 6 }, /AcdEventType 6/],
    ['an unknown user', { UsersID: 42 }, /UsersID/],
    ['no sender', { Sender: undefined }, /Missing parameter: Sender/],
    ['a callback sender not in E.164', { Sender: '089 123456' }, /E\.164/],
    ['a voice mail sender not in E.164', { AcdEventTypesID: 1, Sender: 'someone@example.com' }, /E\.164/],
    ['a receiver that is no service number', { Receiver: '+4930111111' }, /service number/],
    ['no subject', { Subject: undefined }, /Missing parameter: Subject/],
    ['a malformed CrmURL', { CrmURL: 'not a url' }, /CrmURL/],
    ['a priority that is no integer', { nPriority: 1.5 }, /nPriority/],
    ['an impossible date', { dtAppointmentDate: '2024-02-30' }, /calendar date/],
    ['a date in another format', { dtAppointmentDate: '01.03.2024' }, /yyyy-mm-dd/],
    ['an impossible time', { dtAppointmentTime: '24:00' }, /time of day/],
    ['a time in another format', { dtAppointmentTime: '9:30' }, /hh:mm/],
  ])('answers 400 for %s, and creates nothing', async (_name, change, message) => {
    const { error, status } = await refused(callback(change));
    expect(status).toBe(400);
    expect(error).toMatch(message);
    expect((await t.sb.get('/acd/events')).body.count).toBe(0);
  });

  it('takes e-mail senders for non-telephone events and a configured service number as receiver', async () => {
    await created({ AcdEventTypesID: 5, AcdGroupsID: GROUP.email, Sender: 'a@example.com', Subject: 'Mail' });
    await created(callback({ Receiver: t.sb.section.serviceNumbers[0] }));
  });

  it('reads both date and time formats as the same appointment', async () => {
    const a = await created(callback({ dtAppointmentDate: '2024-03-02', dtAppointmentTime: '09:30' }));
    const b = await created(callback({ Sender: '+4989999', dtAppointmentDate: '20240302', dtAppointmentTime: '0930' }));
    expect(a.dtAppointment).toBe('2024-03-02T09:30:00.000');
    expect(b.dtAppointment).toBe(a.dtAppointment);
  });

  it('returns the open duplicate updated with a comment (Result_ UPDATED) when the group forbids duplicates', async () => {
    const first = await created(callback({ AcdGroupsID: GROUP.callback }));
    const dup = await created(callback({ AcdGroupsID: GROUP.callback, Subject: 'Again' }));
    expect(dup.Result_).toBe('UPDATED');
    expect(dup.AcdEventsID).toBe(first.AcdEventsID);
    expect(dup.Comment).toContain('Again');
    expect((await t.sb.get('/acd/events')).body.count).toBe(1);
    // Another sender, another type or a group that allows duplicates: new events.
    expect((await created(callback({ AcdGroupsID: GROUP.callback, Sender: '+4989000' }))).Result_).toBeUndefined();
    expect(
      (await created({ ...callback({ AcdGroupsID: GROUP.callback }), AcdEventTypesID: 1 })).Result_,
    ).toBeUndefined();
    await created(callback());
    expect((await created(callback())).Result_).toBeUndefined();
  });

  it('creates a new event once the duplicate is Done', async () => {
    const first = await created(callback({ AcdGroupsID: GROUP.callback }));
    await t.sb.admin('POST', `/vendors/jtel/acd/events/${first.AcdEventsID}/status`, { status: 99 }).expect(200);
    const next = await created(callback({ AcdGroupsID: GROUP.callback }));
    expect(next.AcdEventsID).not.toBe(first.AcdEventsID);
    expect(next.Result_).toBeUndefined();
  });

  it('lists events ordered by dtCreated', async () => {
    await created(callback({ Subject: 'one' }));
    await t.sb.advance(1000);
    await created(callback({ Subject: 'two', UsersID: USER.firstLevel }));
    const body = AcdEventListSchema.parse((await t.sb.get('/acd/events')).body);
    expect(body.records.map((e) => e.Subject)).toEqual(['one', 'two']);
    expect(body).toMatchObject({ orderBy: 'dtCreated', ascending: true, count: 2 });
  });

  it('answers an unknown event with a JSON 404 and a bad id with 400', async () => {
    expect((await t.sb.get('/acd/events/event/9999')).body).toEqual({ status: 404, error: 'AcdEvent not found' });
    expect((await t.sb.get('/acd/events/event/abc')).status).toBe(400);
  });
});

describe('ACD groups', () => {
  it('gets a full group by id', async () => {
    const res = await t.sb.get(`/acd/groups/group/${GROUP.callback}`);
    const body = AcdGroupRecordsSchema.parse(res.body);
    expect(body.count).toBe(1);
    expect(body.records[0]).toMatchObject({ ID: 102, bAllowDuplicateEvents: false, ClientsID: t.sb.section.clientsId });
    for (const field of [
      'QueueMusicID4Sec',
      'SupervisorAggregationSkill5ID',
      'DistributionAlgorithmID',
      'bPositionAnnouncement3',
      'TarifAnnouncementWavesID',
      'bCallRedirectionAfterNumberAnnouncement',
      'QueueOffhookAnnouncementID',
    ]) {
      expect(body.records[0]).toHaveProperty(field);
    }
  });

  it('finds every group whose name contains the partial name', async () => {
    const word = t.sb.section.acdGroups[0]!.name.split(' ')[0]!;
    const res = await t.sb.get(`/acd/groups/group?name=${encodeURIComponent(word.toLowerCase())}`);
    expect(res.body.records.map((g: { ID: number }) => g.ID)).toEqual([101, 102]);
    expect(res.body.count).toBe(2);
    expect((await t.sb.get('/acd/groups/group?name=zzz-none')).body).toEqual({ records: [], count: 0, status: 200 });
  });

  it('answers 400 without name, JSON 404 for an unknown id', async () => {
    expect((await t.sb.get('/acd/groups/group')).body).toEqual({ status: 400, error: 'Missing parameter: name' });
    expect((await t.sb.get('/acd/groups/group/999')).body).toEqual({ status: 404, error: 'AcdGroup not found' });
  });
});
