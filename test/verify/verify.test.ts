import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPacts, type VerifySummary } from '../../src/pact/verify.ts';
import { AdminClient, type SinchSection } from '../../src/testing/admin.ts';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';
import { VENDORS } from '../../simulators/index.ts';
import { type Cli, cli } from '../cli/spawn.ts';

/**
 * `campaign-sim verify` on pact files written by hand from the vendor documents (test/verify/pacts: the vendors'
 * real paths, credentials of a made-up company, provider states from the catalogues), with Pact's own verifier.
 */
const PACTS = fileURLToPath(new URL('./pacts/', import.meta.url));
const quiet = { log: () => undefined };

const interactions = (summary: VerifySummary) => summary.pacts.flatMap((p) => p.interactions);

describe('verify in-process', () => {
  it('verifies every hand-written pact of the four vendors', async () => {
    const summary = await verifyPacts({ paths: [`${PACTS}passing`], ...quiet });
    expect(summary.pacts.map((p) => [p.vendor, p.passed, p.error])).toEqual([
      ['symbee', true, undefined],
      ['eightbyeight', true, undefined],
      ['sinch', true, undefined],
      ['jtel', true, undefined],
    ]);
    expect(interactions(summary).every((i) => i.passed)).toBe(true);
    expect(interactions(summary)).toHaveLength(16);
  });

  it("verifies the Engage reference client's pact as committed (SOAP bodies, the document fixtures' names)", async () => {
    // Written against the default sandbox on the provider test's frozen clock: the verification sandbox takes the
    // same names (fixtures: document) and the same time.
    const summary = await verifyPacts({
      paths: [
        fileURLToPath(
          new URL('../../contracts/pacts/campaign-sim-engage-client-engage-simulator.json', import.meta.url),
        ),
      ],
      now: '2025-03-01T10:00:00.000Z',
      ...quiet,
    });
    expect(summary.pacts.map((p) => [p.vendor, p.passed, p.error])).toEqual([['engage', true, undefined]]);
    expect(interactions(summary).length).toBeGreaterThanOrEqual(18);
  });

  it('fails an expectation the vendor does not meet, with what the pact expects and what the vendor does', async () => {
    const summary = await verifyPacts({ paths: [`${PACTS}failing/acme-dialer-sinch-wrong.json`], ...quiet });
    expect(summary.failed).toBe(1);
    const [listed, stopped] = interactions(summary);
    expect(listed?.passed).toBe(true);
    expect(stopped?.passed).toBe(false);
    expect(stopped?.diff).toContain('body $.status');
    expect(stopped?.diff).toContain('pact expects: "Stopped"');
    expect(stopped?.diff).toContain('vendor does:  "Passive"');
  });

  it('refuses an unknown provider state, listing the known ones, before running anything', async () => {
    const summary = await verifyPacts({ paths: [`${PACTS}failing/acme-dialer-sinch-unknown-state.json`], ...quiet });
    const [pact] = summary.pacts;
    expect(pact?.passed).toBe(false);
    expect(pact?.interactions).toEqual([]);
    expect(pact?.error).toContain('unknown provider state "it is a public holiday" for sinch');
    expect(pact?.error).toContain('  - campaign {campaignId} is stopped');
    expect(pact?.error).toContain('  - a customer with externalId {externalId} exists');
  });

  it('names the vendor from --vendor when the provider name does not, and refuses a name it cannot place', async () => {
    const unplaced = await verifyPacts({
      paths: [`${PACTS}passing/acme-dialer-sinch.json`],
      vendor: 'genesys-cloud',
      ...quiet,
    });
    expect(unplaced.pacts[0]?.error).toMatch(
      /vendor genesys-cloud is not served: use --vendor with one of symbee, eightbyeight, sinch, jtel, engage/,
    );
  });
});

describe('verify against a running simulator (--url)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ vendors: VENDORS, port: 0 });
  });
  afterAll(() => sim.stop());

  it('verifies there and leaves no sandbox behind', async () => {
    const summary = await verifyPacts({ paths: [`${PACTS}passing`], url: sim.url, ...quiet });
    expect(summary.failed).toBe(0);
    expect(sim.registry.list().map((s) => s.id)).toEqual(['default']);
  });
});

describe('verify against a running simulator with an admin token (--url --admin-token)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ vendors: VENDORS, port: 0, adminToken: 'verify-token' });
  });
  afterAll(() => sim.stop());

  it('passes the token to the admin API and to the provider-state changes', async () => {
    const refused = await verifyPacts({ paths: [`${PACTS}passing`], url: sim.url, ...quiet });
    expect(refused.failed).toBeGreaterThan(0);
    const summary = await verifyPacts({
      paths: [`${PACTS}passing`],
      url: sim.url,
      adminToken: 'verify-token',
      ...quiet,
    });
    expect(summary.failed).toBe(0);
    expect(interactions(summary).length).toBeGreaterThan(0);
    expect(sim.registry.list().map((s) => s.id)).toEqual(['default']);
  });
});

describe('drift check (--provider-base-url) against a second simulator process standing in for the vendor', () => {
  let vendor: Cli;
  let origin: string;
  let section: SinchSection;
  let sandboxId: string;
  beforeAll(async () => {
    vendor = cli(['serve', '--port', '0']);
    await vendor.waitFor(/Stop with Ctrl\+C/);
    origin = /base URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(vendor.output())?.[1] as string;
    // The "real" account: other credentials than the pact's, the document's campaigns.
    const created = await new AdminClient(origin).createSandbox({
      options: { sinch: { username: 'real-obi-user', password: 'real-obi-password', fixtures: 'document' } },
    });
    sandboxId = created.id;
    section = created.vendors.sinch as SinchSection;
  }, 30_000);
  afterAll(async () => {
    vendor.child.kill('SIGTERM');
    await vendor.exited;
  });

  it('sends the real credentials from the environment, skips states with a warning, and reports drift', async () => {
    const lines: string[] = [];
    const summary = await verifyPacts({
      paths: [`${PACTS}passing/acme-dialer-sinch.json`],
      providerBaseUrl: `${origin}/sinch`,
      env: { SINCH_USERNAME: section.username, SINCH_PASSWORD: section.password },
      log: (line) => lines.push(line),
    });
    const log = lines.join('\n');
    expect(log).toContain('warning: the drift check cannot set provider states up on the real vendor; skipped');
    expect(log).toContain('  - a customer by id (given a customer with externalId {externalId} exists)');
    const byName = Object.fromEntries(interactions(summary).map((i) => [i.description, i]));
    // True of any account with the document's campaigns: verified with the real credentials.
    expect(byName['a list of campaigns']?.passed).toBe(true);
    expect(byName['a stopped campaign']?.passed).toBe(true);
    // The deliberately wrong password is sent as written: still refused.
    expect(byName['a wrong password']?.passed).toBe(true);
    // Needs its state, which cannot be set up on a real vendor: reported, not hidden.
    expect(byName['a customer by id']?.passed).toBe(false);
    expect(byName['a customer by id']?.diff).toContain('pact expects: 200');
    const journal = await new AdminClient(origin).call<{
      requests: { status: number; requestHeaders: Record<string, string> }[];
    }>('GET', `/sandboxes/${sandboxId}/requests?vendor=sinch`);
    // The journal keeps the user and redacts the password: answers other than 401 show the real one was sent.
    const sent = `Basic [redacted] (user ${section.username})`;
    const accepted = journal.requests.filter((r) => r.requestHeaders.authorization === sent && r.status !== 401);
    expect(accepted.length).toBeGreaterThanOrEqual(3);
  });

  it('names the environment variables it needs', async () => {
    await expect(
      verifyPacts({
        paths: [`${PACTS}passing/acme-dialer-sinch.json`],
        providerBaseUrl: `${origin}/sinch`,
        env: {},
        ...quiet,
      }),
    ).resolves.toMatchObject({
      pacts: [{ passed: false, error: expect.stringContaining('SINCH_USERNAME, SINCH_PASSWORD') }],
    });
  });
});
