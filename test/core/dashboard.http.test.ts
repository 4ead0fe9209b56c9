import { describe, expect, it } from 'vitest';
import { indentXml, pretty } from '../../simulators/core/admin/ui/pretty.ts';
import { perFile } from '../helpers/sim.ts';
import { type TestSim, createSandbox, expectAdminError, newSim } from './helpers.ts';

let t: TestSim;
perFile(newSim, (v) => (t = v));

describe('dashboard routes', () => {
  it('/ and /__admin point to the dashboard, health and OpenAPI documents (browsers are redirected)', async () => {
    for (const path of ['/', '/__admin']) {
      const json = await t.api.get(path).accept('application/json');
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({ dashboard: '/__admin/ui', health: '/__admin/health' });
      expect(json.body.vendors).toContainEqual(
        expect.objectContaining({ id: 'symbee', openapi: '/__admin/vendors/symbee/openapi.json' }),
      );
      const html = await t.api.get(path).accept('text/html,application/xhtml+xml,*/*;q=0.8');
      expect(html.status).toBe(302);
      expect(html.headers.location).toBe('/__admin/ui');
    }
  });

  it('serves the page and its script', async () => {
    const page = await t.api.get('/__admin/ui');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<script src="/__admin/ui/app.js" defer></script>');
    expect(page.text).toMatch(/<label>Id \(optional\) <input name="id"/);
    const script = await t.api.get('/__admin/ui/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('/__admin');
  });

  it('lists each vendor’s entities with their lifecycle state column, bounded by limit', async () => {
    const sandbox = await createSandbox(t.api, { seed: 3 });
    const res = await t.api.get(`/__admin/sandboxes/${sandbox.id}/entities?limit=2`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.vendors).sort()).toEqual(['eightbyeight', 'engage', 'sinch', 'symbee']);
    const [records] = res.body.vendors.symbee;
    expect(records).toMatchObject({ total: 5, stateColumn: 'workedState' });
    expect(records.rows).toHaveLength(2);
    expect(records.rows[0][records.columns.indexOf('workedState')]).toBe('NOTWORKED');
    expect(res.body.vendors.sinch[0]).toMatchObject({ title: 'Campaigns', stateColumn: 'status' });
    expect(res.body.vendors.eightbyeight[0]).toMatchObject({ title: 'Campaigns', stateColumn: 'status' });
    const one = await t.api.get(`/__admin/sandboxes/${sandbox.id}/entities?vendor=sinch`);
    expect(Object.keys(one.body.vendors)).toEqual(['sinch']);
    expectAdminError(await t.api.get(`/__admin/sandboxes/${sandbox.id}/entities?vendor=nope`), 404);
    expectAdminError(await t.api.get(`/__admin/sandboxes/${sandbox.id}/entities?limit=0`), 400);
  });
});

describe('bodies as the dashboard shows them', () => {
  it('pretty-prints JSON, indents XML and SOAP, and leaves other text (and cut JSON) alone', () => {
    expect(pretty('{"a":{"b":[1,2]}}')).toBe('{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}');
    expect(pretty('{"a": 1…[20 more]')).toBe('{"a": 1…[20 more]');
    expect(pretty('plain text')).toBe('plain text');
    expect(indentXml('<?xml version="1.0"?><s:Envelope><s:Body><r><id>7</id><empty/></r></s:Body></s:Envelope>')).toBe(
      [
        '<?xml version="1.0"?>',
        '<s:Envelope>',
        '  <s:Body>',
        '    <r>',
        '      <id>7</id>',
        '      <empty/>',
        '    </r>',
        '  </s:Body>',
        '</s:Envelope>',
      ].join('\n'),
    );
  });
});
