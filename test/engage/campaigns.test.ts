import { describe, expect, it } from 'vitest';
import { arg, attr, calls, el } from './calls.ts';
import { orgArg, useEngage } from './harness.ts';

/** The five campaign methods: every documented input, error and limit (002: createCampaign … changeCampaign). */
const t = useEngage();
const { ok, refused } = calls(t);
const account = (n: number) => orgArg(n, t.sb.section.account);
const DAY = 86_400_000;
const create = (externalId: string, extra = '') =>
  ok('createCampaign', arg(1, el('externalId', externalId) + extra) + account(2));
const names = (items: { externalId: string }[]) => items.map((c) => c.externalId);

describe('createCampaign', () => {
  it('creates a campaign with startDate/endDate attributes (startDate defaults to now)', async () => {
    const [made] = await create('Summer', el('description', 'Summer drive') + attr('endDate', '2025-09-01T00:00:00Z'));
    expect(made).toMatchObject({
      externalId: 'Summer',
      description: 'Summer drive',
      createdDate: '2025-03-01T10:00:00.000Z',
      owner: { internalId: t.sb.section.account.internalId, type: 'Account' },
      attributes: [
        { name: 'startDate', value: '2025-03-01T10:00:00.000Z' },
        { name: 'endDate', value: '2025-09-01T00:00:00Z' },
      ],
    });
  });

  it('a taken externalId is OBJECT_EXISTS; no externalId ATTRIBUTE_NULL; and nothing is created', async () => {
    const taken = t.sb.section.campaigns[0]!.externalId;
    await refused(
      'createCampaign',
      arg(1, el('externalId', taken)) + account(2),
      'OBJECT_EXISTS',
      `Object '${taken}' already exists`,
    );
    await refused(
      'createCampaign',
      arg(1, el('description', 'x')) + account(2),
      'ATTRIBUTE_NULL',
      'Attribute supplied is null',
    );
    expect((await ok('listCampaigns', account(1))).length).toBe(3);
  });

  it('a description over 255 characters is ATTRIBUTE_TRUNCATED; invalid characters ATTRIBUTE_INVALID_CHAR', async () => {
    await refused(
      'createCampaign',
      arg(1, el('externalId', 'Long') + el('description', 'd'.repeat(256))) + account(2),
      'ATTRIBUTE_TRUNCATED',
      'Description for campaign is too long',
    );
    await refused(
      'createCampaign',
      arg(1, el('externalId', 'tab\there')) + account(2),
      'ATTRIBUTE_INVALID_CHAR',
      'Contact list name contains invalid characters',
    );
    expect((await create('Fine', el('description', 'd'.repeat(255))))[0]!.externalId).toBe('Fine');
  });

  it('the 101st campaign is SYSTEM_LIMIT_EXCEEDED; an unknown org OBJECT_NOT_EXISTS naming it', async () => {
    await t.sb.admin('POST', '/vendors/engage/seed', { campaigns: 97 }).expect(201);
    await refused(
      'createCampaign',
      arg(1, el('externalId', 'one more')) + account(2),
      'SYSTEM_LIMIT_EXCEEDED',
      'maximum number of active campaigns exceeded',
    );
    await refused(
      'createCampaign',
      arg(1, el('externalId', 'x')) + arg(2, el('internalId', '5') + el('type', 'Account')),
      'OBJECT_NOT_EXISTS',
      "Referenced object 'Org 5' does not exist",
    );
  });
});

describe('showCampaign', () => {
  it('by internalId, or externalId and owner; unknown is OBJECT_NOT_EXISTS; externalId alone ATTRIBUTE_NULL', async () => {
    const [first] = t.sb.section.campaigns;
    expect((await ok('showCampaign', arg(1, el('internalId', first!.internalId))))[0]!.externalId).toBe(
      first!.externalId,
    );
    const owner = `<owner>${el('internalId', t.sb.section.account.internalId)}${el('type', 'Account')}</owner>`;
    expect((await ok('showCampaign', arg(1, el('externalId', first!.externalId) + owner)))[0]!.internalId).toBe(
      first!.internalId,
    );
    await refused('showCampaign', arg(1, el('externalId', first!.externalId)), 'ATTRIBUTE_NULL');
    await refused(
      'showCampaign',
      arg(1, el('internalId', '31337')),
      'OBJECT_NOT_EXISTS',
      "Referenced object 'Campaign 31337' does not exist",
    );
    await refused('showCampaign', '<arg1/>', 'ARG_NULL', "Invalid Data, argument 'campaign' must be non-null");
  });
});

describe('listCampaigns (created between fromDate and toDate)', () => {
  it('applies the documented null rules, includes expired campaigns, and the enterprise sees its accounts’', async () => {
    const seeded = names(t.sb.section.campaigns);
    await t.sb.advance(2 * DAY); // 2025-03-03
    await create('Expired', attr('startDate', '2025-01-01T00:00:00Z') + attr('endDate', '2025-02-01T00:00:00Z'));
    await t.sb.advance(2 * DAY); // 2025-03-05
    await create('Later');
    const list = async (from?: string, to?: string) =>
      names(await ok('listCampaigns', account(1) + (from ? arg(2, from) : '') + (to ? arg(3, to) : '')));
    expect(await list()).toEqual([...seeded, 'Expired', 'Later']);
    expect(await list('2025-03-02')).toEqual(['Expired', 'Later']);
    expect(await list(undefined, '2025-03-03')).toEqual([...seeded, 'Expired']);
    expect(await list('2025-03-03', '2025-03-03')).toEqual(['Expired']);
    expect(await list('2025-03-04', '2025-03-04T23:59:59.1234567-04:00')).toEqual([]);
    expect(names(await ok('listCampaigns', orgArg(1, t.sb.section.enterprise)))).toEqual([
      ...seeded,
      'Expired',
      'Later',
    ]);
  });

  it('more than 1,000 is RESULT_TOO_LARGE', async () => {
    await t.sb.admin('POST', '/vendors/engage/seed', { campaigns: 997 }).expect(201);
    expect((await ok('listCampaigns', account(1))).length).toBe(1000);
    await t.sb.admin('POST', '/vendors/engage/seed', { campaigns: 1 }).expect(201);
    await refused('listCampaigns', account(1), 'RESULT_TOO_LARGE', 'Result returned would be too large');
    await refused('listCampaignsUsingCampaign', account(1), 'RESULT_TOO_LARGE');
  });
});

describe('listCampaignsUsingCampaign', () => {
  it('a null sample lists all; a sample matches core fields only (its attributes are ignored)', async () => {
    const [first] = t.sb.section.campaigns;
    expect((await ok('listCampaignsUsingCampaign', account(1))).length).toBe(3);
    const sample = arg(2, el('externalId', first!.externalId) + attr('startDate', '1999-01-01T00:00:00Z'));
    expect(names(await ok('listCampaignsUsingCampaign', account(1) + sample))).toEqual([first!.externalId]);
    expect(await ok('listCampaignsUsingCampaign', account(1) + arg(2, el('description', 'no such')))).toEqual([]);
  });
});

describe('changeCampaign', () => {
  it('changes description, externalId and attributes by internalId', async () => {
    const [first] = t.sb.section.campaigns;
    const [changed] = await ok(
      'changeCampaign',
      arg(
        1,
        el('internalId', first!.internalId) +
          el('externalId', 'Renamed') +
          el('description', 'new') +
          attr('endDate', '2026-01-01T00:00:00Z'),
      ),
    );
    expect(changed).toMatchObject({ externalId: 'Renamed', description: 'new' });
    expect((changed!.attributes as { name: string; value: string }[]).find((a) => a.name === 'endDate')?.value).toBe(
      '2026-01-01T00:00:00Z',
    );
  });

  it('refuses a badly formatted date, a long or invalid externalId, an unnamed attribute, an unknown campaign', async () => {
    const id = el('internalId', t.sb.section.campaigns[0]!.internalId);
    await refused(
      'changeCampaign',
      arg(1, id + attr('startDate', 'next tuesday')),
      'ATTRIBUTE_INVALID_FORMAT',
      'Attribute is not formatted correctly',
    );
    await refused(
      'changeCampaign',
      arg(1, id + el('externalId', 'x'.repeat(256))),
      'ATTRIBUTE_TRUNCATED',
      'Description or externalId is too long',
    );
    await refused(
      'changeCampaign',
      arg(1, id + el('externalId', 'a"b')),
      'ATTRIBUTE_INVALID_CHAR',
      'Campaign name contains invalid characters',
    );
    await refused('changeCampaign', arg(1, id + '<attributes><value>v</value></attributes>'), 'ATTRIBUTE_NULL');
    await refused('changeCampaign', arg(1, el('internalId', '1')), 'OBJECT_NOT_EXISTS');
    const [unchanged] = await ok('showCampaign', arg(1, id));
    expect(unchanged!.externalId).toBe(t.sb.section.campaigns[0]!.externalId);
  });
});
