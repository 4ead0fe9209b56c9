import { describe, expect, it } from 'vitest';
import { arg, b64, calls, el } from './calls.ts';
import { orgArg, useEngage } from './harness.ts';

/** The four script methods: every documented input, error and limit (002: createScript … listScripts). */
const t = useEngage();
const { ok, refused } = calls(t);
const account = (n: number) => orgArg(n, t.sb.section.account);
const enterprise = (n: number) => orgArg(n, t.sb.section.enterprise);
const template = () => arg(1, el('internalId', t.sb.section.templates[0]!.internalId));
const names = (n: number, items: string[]) => items.map((i) => arg(n, i)).join('');

describe('createScript (from a template)', () => {
  it('copies the template, replacing the named elements', async () => {
    const [script] = await ok(
      'createScript',
      template() + arg(2, 'Reminder v2') + arg(3, 'main.xml') + arg(4, b64('<vxml/>')) + account(5),
    );
    expect(script).toMatchObject({
      externalId: 'Reminder v2',
      template: 'false',
      elements: ['main.xml', 'greeting.wav'],
    });
  });

  it('a script that is not a template, or names/contents of different sizes, is ARG_INVALID_DATA', async () => {
    const notTemplate = arg(1, el('internalId', t.sb.section.scripts[0]!.internalId));
    const message = 'Script specified is not a template or elementNames size != elementContents size';
    await refused('createScript', notTemplate + arg(2, 'x') + account(5), 'ARG_INVALID_DATA', message);
    await refused(
      'createScript',
      template() + arg(2, 'x') + arg(3, 'main.xml') + account(5),
      'ARG_INVALID_DATA',
      message,
    );
  });

  it('more than 10 items is ARG_TOO_LARGE; an unknown template OBJECT_NOT_EXISTS; a taken name OBJECT_EXISTS', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `e${i}.xml`);
    await refused(
      'createScript',
      template() +
        arg(2, 'x') +
        names(3, eleven) +
        names(
          4,
          eleven.map(() => 'AA=='),
        ) +
        account(5),
      'ARG_TOO_LARGE',
      "Invalid Data, argument 'elementNames' exceeds allowed size",
    );
    await refused(
      'createScript',
      arg(1, el('internalId', '999999')) + arg(2, 'x') + account(5),
      'OBJECT_NOT_EXISTS',
      "Referenced object 'Script 999999' does not exist",
    );
    const taken = t.sb.section.scripts[0]!.externalId;
    await refused(
      'createScript',
      template() + arg(2, taken) + account(5),
      'OBJECT_EXISTS',
      `Object '${taken}' already exists`,
    );
  });

  it('the 101st active script is SYSTEM_LIMIT_EXCEEDED (templates do not count), and nothing is created', async () => {
    await t.sb.admin('POST', '/vendors/engage/seed', { scripts: 99 }).expect(201);
    await refused(
      'createScript',
      template() + arg(2, 'one too many') + account(5),
      'SYSTEM_LIMIT_EXCEEDED',
      'maximum number of active scripts exceeded',
    );
    expect((await ok('listScripts', account(1))).length).toBe(102);
  });
});

describe('createScriptUsingContent', () => {
  const content = (names: string[], data: string[], org = account(4), name = 'Uploaded') =>
    arg(1, name) + names.map((n) => arg(2, n)).join('') + data.map((d) => arg(3, d)).join('') + org;

  it('creates the script; an Enterprise puts it in its master account', async () => {
    const [script] = await ok(
      'createScriptUsingContent',
      content(['main.xml', 'a.js', 'b.xsl', 'c.WAV'], ['AA==', 'AA==', 'AA==', 'AA=='], enterprise(4)),
    );
    expect(script).toMatchObject({
      externalId: 'Uploaded',
      owner: { internalId: t.sb.section.account.internalId, type: 'Account' },
    });
  });

  it('extensions other than .js .xml .xsl .wav are ARG_INVALID_DATA naming the item', async () => {
    await refused(
      'createScriptUsingContent',
      content(['main.xml', 'evil.exe'], ['AA==', 'AA==']),
      'ARG_INVALID_DATA',
      "Invalid Data 'evil.exe",
    );
  });

  it('more than 500 items, or more than 5 MB in aggregate, is ARG_TOO_LARGE; exactly 5 MB is accepted', async () => {
    const many = Array.from({ length: 501 }, (_, i) => `p${i}.xml`);
    await refused(
      'createScriptUsingContent',
      content(
        many,
        many.map(() => 'AA=='),
      ),
      'ARG_TOO_LARGE',
      "Invalid Data, argument 'contentNames' exceeds allowed size",
    );
    const fiveMb = Buffer.alloc(5 * 1024 * 1024).toString('base64');
    const over = Buffer.alloc(1).toString('base64');
    await refused(
      'createScriptUsingContent',
      content(['main.xml', 'x.wav'], [fiveMb, over]),
      'ARG_TOO_LARGE',
      "Invalid Data, argument 'contentData' exceeds allowed size",
    );
    expect((await ok('createScriptUsingContent', content(['main.xml'], [fiveMb])))[0]!.externalId).toBe('Uploaded');
  });

  it('a name with invalid characters is ARG_INVALID_CHAR; mismatched names/data ARG_INVALID_DATA; a blank name ARG_NULL', async () => {
    await refused(
      'createScriptUsingContent',
      content(['main.xml'], ['AA=='], account(4), 'bad&lt;name'),
      'ARG_INVALID_CHAR',
      "Invalid Data, argument 'name' contains invalid characters",
    );
    await refused('createScriptUsingContent', content(['main.xml', 'b.xml'], ['AA==']), 'ARG_INVALID_DATA');
    await refused(
      'createScriptUsingContent',
      content(['main.xml'], ['AA=='], account(4), '  '),
      'ARG_NULL',
      "Invalid Data, argument 'name' must be non-null",
    );
  });
});

describe('deleteScript and listScripts', () => {
  it('deletes by internalId, or by externalId and owner; unknown is OBJECT_NOT_EXISTS, no owner ARG_NULL', async () => {
    const [first] = t.sb.section.scripts;
    await refused(
      'deleteScript',
      arg(1, el('externalId', first!.externalId)),
      'ARG_NULL',
      "Invalid Data, argument 'owner' must be non-null",
    );
    expect(
      await ok(
        'deleteScript',
        arg(1, el('externalId', first!.externalId) + `<owner>${account(1).slice(6, -7)}</owner>`),
      ),
    ).toEqual([]);
    await refused('deleteScript', arg(1, el('internalId', first!.internalId)), 'OBJECT_NOT_EXISTS');
  });

  it('lists an Account’s scripts, an Enterprise’s master account’s; more than 1,000 is RESULT_TOO_LARGE', async () => {
    const all = await ok('listScripts', account(1));
    expect(all.map((s) => s.internalId)).toEqual(
      [...t.sb.section.templates, ...t.sb.section.scripts].map((s) => s.internalId).sort(),
    );
    expect((await ok('listScripts', enterprise(1))).length).toBe(all.length);
    await t.sb.admin('POST', '/vendors/engage/seed', { scripts: 1000 - all.length }).expect(201);
    expect((await ok('listScripts', account(1))).length).toBe(1000);
    await t.sb.admin('POST', '/vendors/engage/seed', { scripts: 1 }).expect(201);
    await refused('listScripts', account(1), 'RESULT_TOO_LARGE', 'Result returned would be too large');
  });
});

describe('org rules', () => {
  it('(externalId, type) or (externalId, parent, type) name an org; unknown is OBJECT_NOT_EXISTS naming it', async () => {
    const { account: a, enterprise: e } = t.sb.section;
    const byName = arg(1, el('externalId', a.externalId) + el('type', 'Account'));
    expect((await ok('listScripts', byName)).length).toBeGreaterThan(0);
    const withParent = arg(
      1,
      el('externalId', a.externalId) +
        `<parent>${el('internalId', e.internalId)}${el('type', 'Enterprise')}</parent>` +
        el('type', 'Account'),
    );
    expect((await ok('listScripts', withParent)).length).toBeGreaterThan(0);
    await refused(
      'listScripts',
      arg(1, el('externalId', 'Nowhere Inc') + el('type', 'Account')),
      'OBJECT_NOT_EXISTS',
      "Referenced object 'Org Nowhere Inc' does not exist",
    );
    await refused(
      'listScripts',
      arg(1, el('internalId', '777')),
      'OBJECT_NOT_EXISTS',
      "Referenced object 'Org 777' does not exist",
    );
    await refused(
      'listScripts',
      arg(1, el('internalId', a.internalId) + el('type', 'Enterprise')),
      'OBJECT_NOT_EXISTS',
    );
    await refused(
      'listScripts',
      arg(1, el('externalId', a.externalId)),
      'ARG_NULL',
      "Invalid Data, argument 'type' must be non-null",
    );
  });
});
