import { describe, expect, it } from 'vitest';
import {
  DiallerCampaignListSchema,
  DiallerCampaignRecordsSchema,
  DiallerContactListSchema,
  DiallerContactRecordsSchema,
  ResultCodeRecordsSchema,
} from '../../contracts/jtel/schemas.ts';
import { CAMPAIGN, useJtel } from './harness.ts';

const t = useJtel();

const contactsOf = async (campaignId: number) =>
  DiallerContactListSchema.parse((await t.sb.get(`/dialler/contacts?diallerCampaignsID=${campaignId}`)).body).records;
const codesOf = async (campaignId: number, language = 1) =>
  ResultCodeRecordsSchema.parse(
    (await t.sb.get(`/dialler/campaigns/campaign/${campaignId}/resultCodes?languagesID=${language}`)).body,
  ).records;
const clone = (body: unknown) => t.sb.post('/dialler/campaigns/clone', body);

describe('dialler campaigns', () => {
  it('lists every campaign, full records ordered by Name', async () => {
    const body = DiallerCampaignListSchema.parse((await t.sb.get('/dialler/campaigns')).body);
    const names = body.records.map((c) => c.Name);
    expect(names).toEqual([...names].sort());
    expect(body).toMatchObject({ count: 3, orderBy: 'Name', ascending: true, status: 200 });
    for (const field of [
      'ContactPreviewTime',
      'nMaxParallelLines',
      'bCloseContactsOnIncomingCallsMatchCallerID',
      'dtTo',
      'LanguagesID',
      'bCallerIDActive',
      'Name',
      'ClientsID',
      'AbortOnNoTelNumberResultCodesID',
      'IncomingCallResultCodesID',
      'ID',
    ]) {
      expect(body.records[0]).toHaveProperty(field);
    }
  });

  it('gets one by id, JSON 404 for an unknown one', async () => {
    const body = DiallerCampaignRecordsSchema.parse((await t.sb.get(`/dialler/campaigns/${CAMPAIGN.first}`)).body);
    expect(body.records[0]).toMatchObject({ ID: CAMPAIGN.first, Name: 'Campaign 1000' });
    expect((await t.sb.get('/dialler/campaigns/4242')).body).toEqual({
      status: 404,
      error: 'Dialler campaign not found',
    });
  });

  it('finds campaigns by partial name; name is required', async () => {
    const res = await t.sb.get('/dialler/campaigns/campaign?name=campaign 10');
    expect(res.body.records.map((c: { ID: number }) => c.ID)).toEqual([CAMPAIGN.first]);
    expect((await t.sb.get('/dialler/campaigns/campaign')).status).toBe(400);
  });

  it('gives the result codes in English or German; other languages are 400', async () => {
    const en = await codesOf(CAMPAIGN.first, 1);
    const de = await codesOf(CAMPAIGN.first, 2);
    expect(en.map((r) => r.ID)).toEqual(de.map((r) => r.ID));
    expect(en[0]).toMatchObject({ Name: 'Successful', LanguagesID: 1, ExportKey: 'SUCCESS', ResultCodeType: 'DONE' });
    expect(de[0]).toMatchObject({ Name: 'Erfolgreich', LanguagesID: 2 });
    expect(new Set(en.map((r) => r.ResultCodeType))).toEqual(new Set(['DONE', 'ABORT', 'DELAY', 'APPOINTMENT']));
    for (const q of ['?languagesID=3', '?languagesID=en', '']) {
      const res = await t.sb.get(`/dialler/campaigns/campaign/${CAMPAIGN.first}/resultCodes${q}`);
      expect(res.status, q).toBe(400);
    }
    expect((await t.sb.get('/dialler/campaigns/campaign/4242/resultCodes?languagesID=1')).status).toBe(404);
  });
});

describe('POST /dialler/campaigns/clone', () => {
  it('clones settings and result codes (new ids, references followed) but no contacts', async () => {
    const res = await clone({
      source: 'Campaign 1000',
      destination: 'My New Campaign',
      userData: 'UserData Field Contents',
    });
    expect(res.status, res.text).toBe(200);
    const copy = DiallerCampaignRecordsSchema.parse(res.body).records[0]!;
    const source = DiallerCampaignRecordsSchema.parse((await t.sb.get(`/dialler/campaigns/${CAMPAIGN.first}`)).body)
      .records[0]!;
    expect(copy.ID).not.toBe(source.ID);
    expect(copy).toMatchObject({
      Name: 'My New Campaign',
      UserData: 'UserData Field Contents',
      ContactPreviewTime: source.ContactPreviewTime,
      LanguagesID: source.LanguagesID,
    });
    const codes = await codesOf(copy.ID);
    const sourceCodes = await codesOf(source.ID);
    expect(codes.map((c) => c.ExportKey)).toEqual(sourceCodes.map((c) => c.ExportKey));
    expect(codes.every((c) => c.DiallerCampaignsID === copy.ID && !sourceCodes.some((s) => s.ID === c.ID))).toBe(true);
    expect(codes.find((c) => c.ID === copy.AbortOnNoTelNumberResultCodesID)?.ExportKey).toBe('NO_NUMBER');
    expect(await contactsOf(copy.ID)).toEqual([]);
    expect((await contactsOf(source.ID)).length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown source and 409 for an existing destination, changing nothing', async () => {
    const before = (await t.sb.get('/dialler/campaigns')).body;
    expect((await clone({ source: 'nope', destination: 'X' })).body).toEqual({
      status: 404,
      error: 'Source dialler campaign not found',
    });
    const conflict = await clone({ source: 'Campaign 1000', destination: t.sb.section.diallerCampaigns[1]!.name });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ status: 409, error: 'Destination dialler campaign already exists' });
    expect((await t.sb.get('/dialler/campaigns')).body).toEqual(before);
  });

  it('needs source and destination (400) and a JSON body (415)', async () => {
    expect((await clone({ source: 'Campaign 1000' })).body).toEqual({
      status: 400,
      error: 'Missing parameter: destination',
    });
    expect((await clone('not json')).status).toBe(400);
    const res = await t.sb.post('/dialler/campaigns/clone', '').set('Content-Type', 'text/plain');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ status: 415, error: 'Content-Type must be application/json' });
  });

  it('concurrent clones to one destination create exactly one campaign', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => clone({ source: 'Campaign 1000', destination: 'Raced' })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(11).fill(409)]);
    const found = await t.sb.get('/dialler/campaigns/campaign?name=Raced');
    expect(found.body.count).toBe(1);
  });
});

describe('deleting a campaign', () => {
  it('by id deletes it with its result codes and contacts', async () => {
    const contacts = await contactsOf(CAMPAIGN.second);
    const res = await t.sb.del(`/dialler/campaigns/${CAMPAIGN.second}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 200 });
    expect((await t.sb.get(`/dialler/campaigns/${CAMPAIGN.second}`)).status).toBe(404);
    expect((await t.sb.get(`/dialler/contacts/${contacts[0]!.ID}`)).status).toBe(404);
    expect(await contactsOf(CAMPAIGN.second)).toEqual([]);
    expect((await t.sb.get(`/dialler/campaigns/campaign/${CAMPAIGN.second}/resultCodes?languagesID=1`)).status).toBe(
      404,
    );
    expect((await t.sb.del(`/dialler/campaigns/${CAMPAIGN.second}`)).body).toEqual({
      status: 404,
      error: 'Dialler campaign not found',
    });
  });

  it('by exact name; a clone of the deleted name is possible again', async () => {
    expect((await t.sb.del('/dialler/campaigns/campaign?name=Campaign%201000')).body).toEqual({ status: 200 });
    expect((await t.sb.del('/dialler/campaigns/campaign?name=Campaign%201000')).status).toBe(404);
    expect((await t.sb.del('/dialler/campaigns/campaign')).status).toBe(400);
    const other = t.sb.section.diallerCampaigns[1]!.name;
    expect((await clone({ source: other, destination: 'Campaign 1000' })).status).toBe(200);
  });
});

describe('dialler contacts', () => {
  it('lists all contacts or one campaign’s, and gets one by id', async () => {
    const all = DiallerContactListSchema.parse((await t.sb.get('/dialler/contacts')).body);
    expect(all.count).toBe(15);
    const first = await contactsOf(CAMPAIGN.first);
    expect(first).toHaveLength(5);
    expect(first.every((c) => c.DiallerCampaignsID === CAMPAIGN.first)).toBe(true);
    const one = DiallerContactRecordsSchema.parse((await t.sb.get(`/dialler/contacts/${first[0]!.ID}`)).body);
    expect(one.records[0]).toEqual(first[0]);
    expect((await t.sb.get('/dialler/contacts/1')).body).toEqual({ status: 404, error: 'Dialler contact not found' });
    expect((await t.sb.get('/dialler/contacts?diallerCampaignsID=x')).status).toBe(400);
  });
});
