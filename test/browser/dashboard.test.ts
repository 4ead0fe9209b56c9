import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.ts';
import { type TestServer, startTestServer } from '../helpers/sim.ts';
import { symbeeEnvelope } from '../symbee/harness.ts';
import type { SymbeeSection } from '../core/helpers.ts';

/**
 * The dashboard in a real browser (Debian's chromium through playwright-core): what a QA engineer does with it, end
 * to end, using only the page (labels, buttons, keyboard) — the vendor traffic comes from outside, as from an app.
 */
let t: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestServer(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (err) => {
    throw err;
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Resolves once the locator's element shows the text (the page polls once a second). */
async function see(selector: string, text: string | RegExp, timeout = 15_000): Promise<void> {
  await page.locator(selector).filter({ hasText: text }).first().waitFor({ timeout });
}

/** Resolves once a row of the table shows these cell texts, in this order (other cells may come between). */
async function seeRow(selector: string, cells: string[], timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    ({ selector, cells }) =>
      [...document.querySelectorAll(`${selector} tbody tr`)].some((row) => {
        const texts = [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim());
        let at = 0;
        for (const text of texts) if (at < cells.length && text === cells[at]) at++;
        return at === cells.length;
      }),
    { selector, cells },
    { timeout },
  );
}

async function symbeeCall(action: string, body: object): Promise<number> {
  const described = (await (await fetch(`${t.sim.url}/__admin/sandboxes/ui-e2e`)).json()) as {
    vendors: { symbee: SymbeeSection };
  };
  const s = described.vendors.symbee;
  const res = await fetch(`${s.baseUrl}/${action}`, {
    method: 'POST',
    headers: { ...s.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ ...symbeeEnvelope(s, s.campaigns[0]), ...body }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('dashboard (/__admin/ui) in chromium', () => {
  it('creates a sandbox, shows its traffic, fires a fault, and moves a lifecycle with the clock', async () => {
    // `/` sends a browser to the dashboard.
    await page.goto(`${t.sim.url}/`);
    expect(new URL(page.url()).pathname).toBe('/__admin/ui');
    await see('#sandbox-title', 'Sandbox default');

    // Create a sandbox from the form, by its labels; submitted with the keyboard.
    await page.getByLabel('Id (optional)').fill('ui-e2e');
    await page.getByLabel('Seed (optional)').fill('7');
    await page.getByLabel('Clock starts at (optional, ISO)').fill('2021-11-03T05:00:00Z');
    await page.getByLabel('Frozen clock').check();
    await page.getByLabel('Id (optional)').press('Enter');
    await see('#sandbox-title', 'Sandbox ui-e2e');
    await see('#sandbox-list button[aria-current="true"]', 'ui-e2e');
    await see('#clock-now', '2021-11-03T05:00:00.000Z');
    await see('#clock-state', 'frozen');

    // Vendor traffic shows up in the journal; opening it shows headers and the pretty-printed bodies.
    const record = { clientId: 'UI-1', previewRecordData: [{ key: 'Name', value: 'Kate Delaney', displayOrder: 1 }] };
    expect(await symbeeCall('addOrUpdateCampaignRecord', record)).toBe(200);
    await see('#journal tbody tr', /addOrUpdateCampaignRecord/);
    await page.locator('#journal tbody button', { hasText: 'addOrUpdateCampaignRecord' }).first().click();
    await see('#entry h3', /POST .*addOrUpdateCampaignRecord → 200/);
    await see('#entry table', /x-sc-company-code/);
    await see('#entry pre[aria-label="request body"]', '"clientId": "UI-1"');
    await see('#entry pre[aria-label="response body"]', '"previewResultStatus": "SUCCESS"');
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('#entry pre').count()).toBe(0);

    // The journal filter narrows the list.
    await page.getByLabel('Status').first().fill('4xx');
    await see('#journal', 'No requests journaled (yet) for this filter.');
    await page.getByLabel('Status').first().fill('');
    await see('#journal tbody tr', /addOrUpdateCampaignRecord/);

    // A misspelt action matches no operation: "only unmatched" lists it, opening it shows the near operation and why.
    expect(await symbeeCall('addOrUpdateCampaignRecrd', record)).toBe(404);
    await page.getByLabel('Only unmatched').check();
    await seeRow('#journal', ['symbee', 'none (1 near)', 'POST']);
    expect(await page.locator('#journal tbody tr').count()).toBe(1);
    await page.locator('#journal tbody button', { hasText: 'addOrUpdateCampaignRecrd' }).click();
    await seeRow('#entry', [
      'addOrUpdateCampaignRecord',
      'symbee',
      'POST',
      "path segment 6 'addOrUpdateCampaignRecrd' vs 'addOrUpdateCampaignRecord'",
    ]);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('Only unmatched').uncheck();

    // A fault added from the form fires once, then stays listed as exhausted with its count.
    const faultForm = page.locator('#fault-form');
    await faultForm.getByLabel('Vendor').selectOption('symbee');
    await faultForm.getByLabel('Path (substring or /regex/)').fill('searchPreviewCampaign');
    await faultForm.getByLabel('Status', { exact: true }).fill('503');
    await faultForm.getByLabel('Times (empty = always)').fill('1');
    await faultForm.getByRole('button', { name: 'Add fault' }).click();
    await seeRow('#faults', ['fault-1', 'symbee', 'searchPreviewCampaign', 'status 503', '1', '0', 'active']);
    expect(await symbeeCall('searchPreviewCampaign', { clientId: 'UI-1' })).toBe(503);
    expect(await symbeeCall('searchPreviewCampaign', { clientId: 'UI-1' })).toBe(200);
    await seeRow('#faults', ['fault-1', 'status 503', '1', '1', 'exhausted']);
    await seeRow('#journal', ['symbee', 'POST', '503', 'fault-1']);

    // Lifecycle: logged-in agents work the task once virtual time passes; the entity table shows the move.
    await seeRow('#entities', ['UI-1', 'NOTWORKED', '0']);
    const pool = await fetch(`${t.sim.url}/__admin/sandboxes/ui-e2e/vendors/symbee/agent-pool`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    expect(pool.status).toBe(200);
    await page.getByLabel('Advance by').fill('1');
    await page.getByLabel('Unit').selectOption({ label: 'hours' });
    await page.getByRole('button', { name: 'Advance clock' }).click();
    await see('#clock-now', '2021-11-03T06:00:00.000Z');
    await seeRow('#entities', ['UI-1', 'COMPLETED', '1']);

    // Credentials and OpenAPI links per vendor.
    await page.locator('#vendors summary', { hasText: 'symbee' }).click();
    await see('#vendors details[open] pre', /X-sc-company-api-key/);
    const openapi = page.locator('#vendors details[open] a', { hasText: 'OpenAPI document' });
    expect(await openapi.getAttribute('href')).toBe('/__admin/vendors/symbee/openapi.json');

    if (process.env.DASHBOARD_SCREENSHOT) {
      // The README's picture (docs/dashboard.png): the overview, scrolled to the top.
      await page.locator('#vendors summary', { hasText: 'symbee' }).click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT });
    }

    // Delete (after a confirmation) returns to the default sandbox.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete sandbox' }).click();
    await see('#sandbox-title', 'Sandbox default');
    expect(await page.locator('#sandbox-list button', { hasText: 'ui-e2e' }).count()).toBe(0);
  });
});

describe('dashboard of a simulator with an admin token', () => {
  it('asks for the token once (a wrong one again), keeps it for the tab, and every call carries it', async () => {
    const guarded = await startTestServer({ adminToken: 'dash-token' });
    const tab = await browser.newPage();
    const asked: string[] = [];
    const answers = ['wrong', 'dash-token'];
    tab.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept(answers.shift() ?? '');
    });
    try {
      await tab.goto(`${guarded.sim.url}/__admin/ui`);
      await tab.locator('#sandbox-title').filter({ hasText: 'Sandbox default' }).waitFor({ timeout: 15_000 });
      expect(asked).toEqual([
        'Admin token of this simulator (--admin-token):',
        'Wrong admin token. Admin token of this simulator:',
      ]);
      expect(await tab.evaluate(() => sessionStorage.getItem('campaign-sim.adminToken'))).toBe('dash-token');
      await tab.reload();
      await tab.locator('#sandbox-title').filter({ hasText: 'Sandbox default' }).waitFor({ timeout: 15_000 });
      expect(asked).toHaveLength(2);
    } finally {
      await tab.close();
      await guarded.close();
    }
  });
});
