import { describe, expect, it } from 'vitest';
import { arg, attr, calls, el } from './calls.ts';
import { NOW, orgArg, useEngage } from './harness.ts';

/** Outreach strategies and compliance rules: every documented input, error and limit. */
const t = useEngage();
const { ok, refused } = calls(t);
const account = (n: number) => orgArg(n, t.sb.section.account);
const enterprise = (n: number) => orgArg(n, t.sb.section.enterprise);
const owner = () => `<owner>${el('internalId', t.sb.section.account.internalId)}${el('type', 'Account')}</owner>`;
const strategy = (inner: string) => ok('createOutreachStrategy', arg(1, inner) + account(2));

describe('outreach strategies', () => {
  it('create needs an externalId (ARG_NULL), refuses a taken one, invalid characters and an unknown channel', async () => {
    const [made] = await strategy(el('externalId', 'Calls') + '<passes><name>p1</name><channel>4</channel></passes>');
    expect(made).toMatchObject({ externalId: 'Calls', passes: [{ name: 'p1', channel: '4' }] });
    await refused(
      'createOutreachStrategy',
      arg(1, el('description', 'x')) + account(2),
      'ARG_NULL',
      "Invalid Data, argument 'externalId' must be non-null",
    );
    await refused(
      'createOutreachStrategy',
      arg(1, el('externalId', 'calls')) + account(2),
      'OBJECT_EXISTS',
      "Object 'calls' already exists",
    );
    await refused('createOutreachStrategy', arg(1, el('externalId', '&lt;b&gt;')) + account(2), 'ARG_INVALID_CHAR');
    await refused(
      'createOutreachStrategy',
      arg(1, el('externalId', 'Fax') + '<passes><channel>9</channel></passes>') + account(2),
      'ARG_INVALID_DATA',
      "Invalid Data 'channel",
    );
  });

  it('show takes externalId + owner; delete takes internalId; both name what is missing or unknown', async () => {
    const [first] = t.sb.section.outreachStrategies;
    expect(
      (await ok('showOutreachStrategy', arg(1, el('externalId', first!.externalId) + owner())))[0]!.internalId,
    ).toBe(first!.internalId);
    await refused(
      'showOutreachStrategy',
      arg(1, el('externalId', first!.externalId)),
      'ARG_NULL',
      "Invalid Data, argument 'owner' must be non-null",
    );
    await refused(
      'showOutreachStrategy',
      arg(1, el('externalId', 'nope') + owner()),
      'OBJECT_NOT_EXISTS',
      "Referenced object 'OutreachStrategy nope' does not exist",
    );
    await refused(
      'deleteOutreachStrategy',
      arg(1, el('externalId', first!.externalId)),
      'ARG_NULL',
      "Invalid Data, argument 'internalId' must be non-null",
    );
    expect(await ok('deleteOutreachStrategy', arg(1, el('internalId', first!.internalId)))).toEqual([]);
    await refused('deleteOutreachStrategy', arg(1, el('internalId', first!.internalId)), 'OBJECT_NOT_EXISTS');
  });

  it('list: a null sample lists all; a sample’s attributes must all match; more than 100 is RESULT_TOO_LARGE', async () => {
    await strategy(el('externalId', 'Tagged') + attr('region', 'west') + attr('tier', 'gold'));
    expect((await ok('listOutreachStrategy', account(1))).length).toBe(3);
    const sample = (inner: string) => ok('listOutreachStrategy', account(1) + arg(2, inner));
    expect((await sample(attr('region', 'west'))).map((s) => s.externalId)).toEqual(['Tagged']);
    expect(await sample(attr('region', 'west') + attr('tier', 'silver'))).toEqual([]);
    expect(await sample(el('externalId', 'Tagged') + el('description', 'other'))).toEqual([]);
    await refused(
      'listOutreachStrategy',
      account(1) + arg(2, '<attributes><value>x</value></attributes>'),
      'ATTRIBUTE_NULL',
    );
    await t.sb.admin('POST', '/vendors/engage/seed', { strategies: 97 }).expect(201);
    expect((await ok('listOutreachStrategy', account(1))).length).toBe(100);
    await strategy(el('externalId', 'The 101st'));
    await refused('listOutreachStrategy', account(1), 'RESULT_TOO_LARGE');
  });

  it('change (marked "Future" in the document, served here) updates by internalId', async () => {
    const [first] = t.sb.section.outreachStrategies;
    const [changed] = await ok(
      'changeOutreachStrategy',
      arg(1, el('internalId', first!.internalId) + el('description', 'new') + attr('k', 'v')),
    );
    expect(changed).toMatchObject({ description: 'new', attributes: [{ name: 'k', value: 'v' }] });
    await refused('changeOutreachStrategy', arg(1, el('description', 'x')), 'ARG_NULL');
    await refused(
      'changeOutreachStrategy',
      arg(1, el('internalId', first!.internalId) + el('externalId', 'a\\b')),
      'ARG_INVALID_CHAR',
    );
    await refused('changeOutreachStrategy', arg(1, el('internalId', '42')), 'OBJECT_NOT_EXISTS');
  });
});

describe('compliance rules', () => {
  const rule = (inner: string, org = account(2)) => arg(1, inner) + org;
  const dates = (...items: string[]) => el('type', 'Date') + items.map((d) => el('elements', d)).join('');

  it('Date rules: all dates in one year, none after the end of next calendar year (virtual clock)', async () => {
    expect((await ok('createComplianceRule', rule(dates('2026-12-31'))))[0]).toMatchObject({
      type: 'Date',
      elements: ['2026-12-31'],
    });
    await refused(
      'createComplianceRule',
      rule(dates('2027-01-01')),
      'ARG_INVALID_TYPE',
      "Argument is of invalid type 'elements'",
    );
    await refused('createComplianceRule', rule(dates('2025-12-31', '2026-01-01')), 'ARG_INVALID_TYPE');
    await refused('createComplianceRule', rule(dates('2025-02-30')), 'ARG_INVALID_TYPE');
    await t.sb.admin('POST', '/clock', { now: '2026-01-02T00:00:00Z', frozen: true }).expect(200);
    expect((await ok('createComplianceRule', rule(dates('2027-06-01'))))[0]!.type).toBe('Date');
  });

  it('Region rules only at an Enterprise; a type is required and must be Date or Region', async () => {
    expect(
      (await ok('createComplianceRule', rule(el('type', 'Region') + el('elements', 'CA'), enterprise(2))))[0]!.type,
    ).toBe('Region');
    await refused(
      'createComplianceRule',
      rule(el('type', 'Region') + el('elements', 'CA')),
      'ARG_INVALID_TYPE',
      "Argument is of invalid type 'org'",
    );
    await refused('createComplianceRule', rule(el('elements', 'CA')), 'ATTRIBUTE_NULL', 'Attribute supplied is null');
    await refused(
      'createComplianceRule',
      rule(el('type', 'Time') + el('elements', '09:00')),
      'ARG_INVALID_TYPE',
      "Argument is of invalid type 'Time'",
    );
    await refused('createComplianceRule', rule(el('type', 'Date')), 'ATTRIBUTE_NULL');
  });

  it('a taken externalId is OBJECT_EXISTS; the 1,001st rule SYSTEM_LIMIT_EXCEEDED', async () => {
    await ok('createComplianceRule', rule(el('externalId', 'Holidays') + dates('2025-12-25')));
    await refused('createComplianceRule', rule(el('externalId', 'Holidays') + dates('2025-12-26')), 'OBJECT_EXISTS');
    await t.sb.admin('POST', '/vendors/engage/seed', { complianceRules: 999 }).expect(201);
    await refused('createComplianceRule', rule(dates('2025-12-26')), 'SYSTEM_LIMIT_EXCEEDED');
  });

  it('list: Date rules from the beginning of the prior calendar year on; show/delete by internalId', async () => {
    expect(NOW.startsWith('2025')).toBe(true);
    const [old] = await ok('createComplianceRule', rule(dates('2023-07-04')));
    const [prior] = await ok('createComplianceRule', rule(dates('2024-01-01')));
    const listed = await ok('listComplianceRules', account(1));
    expect(listed.map((r) => r.internalId)).toEqual([prior!.internalId]);
    expect((await ok('showComplianceRule', arg(1, el('internalId', old!.internalId))))[0]!.elements).toEqual([
      '2023-07-04',
    ]);
    await refused('showComplianceRule', arg(1, el('externalId', 'x')), 'ATTRIBUTE_NULL');
    expect(await ok('deleteComplianceRule', arg(1, el('internalId', old!.internalId)))).toEqual([]);
    await refused('deleteComplianceRule', arg(1, el('internalId', old!.internalId)), 'OBJECT_NOT_EXISTS');
    await refused('deleteComplianceRule', arg(1, el('internalId', 'abc')), 'ARG_INVALID_TYPE');
  });

  it('change: invalid elements or a type change are ARG_INVALID with the reason', async () => {
    const [made] = await ok('createComplianceRule', rule(dates('2025-05-01')));
    const id = el('internalId', made!.internalId);
    expect(
      (await ok('changeComplianceRule', arg(1, id + el('elements', '2025-06-01') + el('description', 'moved'))))[0],
    ).toMatchObject({
      elements: ['2025-06-01'],
      description: 'moved',
    });
    await refused(
      'changeComplianceRule',
      arg(1, id + el('elements', '2025-06-01') + el('elements', '2026-06-01')),
      'ARG_INVALID',
      "Argument is invalid – reason 'all dates must be in the same year'",
    );
    await refused(
      'changeComplianceRule',
      arg(1, id + el('type', 'Region')),
      'ARG_INVALID',
      "Argument is invalid – reason 'the type of a rule cannot be changed'",
    );
    await refused('changeComplianceRule', arg(1, el('internalId', '9')), 'OBJECT_NOT_EXISTS');
  });
});
