import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulators/core/server.ts';
import { runScenarios, type ScenarioResult } from '../../src/scenarios/runner.ts';
import { tinyVendor } from './tinyVendor.ts';

let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ vendors: [tinyVendor], port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'scenarios-'));
});

afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
/** Writes one scenario file and runs it against the test's own simulator. */
async function run(yaml: string): Promise<ScenarioResult[]> {
  const file = join(dir, `s${++fileCount}.yaml`);
  await writeFile(file, yaml);
  const summary = await runScenarios([file], { url: sim.url });
  return summary.files[0]!.scenarios;
}

async function runOne(yaml: string): Promise<ScenarioResult> {
  const [result] = await run(yaml);
  return result!;
}

describe('requests, captures and interpolation', () => {
  it('captures a value and reuses it with its type, and sends default credentials', async () => {
    const result = await runOne(`
name: counter round trip
steps:
  - name: bump
    request: { vendor: symbee, method: POST, path: /counters/visits }
    expect: { status: 200, json: { name: visits, value: 1 } }
    capture: { count: value, counterName: name }
  - name: echo captured
    request:
      vendor: symbee
      method: POST
      path: /echo
      query: { who: "\${captured.counterName}" }
      json: { count: "\${captured.count}", text: "n=\${captured.count} in \${sandbox.id}", first: "\${vendors.symbee.counters.0}" }
    expect:
      json:
        query: { who: visits }
        body: { count: 1, text: "$regex:^n=1 in sbx-", first: visits }
        headers: { x-sc-company-code: "$regex:^tiny-sbx-", x-sc-company-api-key: tiny-key, content-type: application/json }
`);
    expect(result.failure).toBeUndefined();
    expect(result.passed).toBe(true);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed']);
  });

  it('merges step headers over the defaults (any case) and sends none with auth: false', async () => {
    const result = await runOne(`
name: headers
steps:
  - request:
      vendor: symbee
      method: POST
      path: /echo
      headers: { x-SC-company-api-key: overridden, X-Extra: "1" }
    expect: { json: { headers: { x-sc-company-api-key: overridden, x-extra: "1", x-sc-company-code: $string } } }
  - request: { vendor: symbee, method: POST, path: /echo, auth: false }
    expect: { status: 401 }
`);
    expect(result.failure).toBeUndefined();
  });

  it('sends xml, text and form bodies with their content types', async () => {
    const result = await runOne(`
name: bodies
steps:
  - request: { vendor: symbee, method: POST, path: /echo, xml: "<a>\${sandbox.seed}</a>" }
    expect: { json: { body: "<a>7</a>", headers: { content-type: application/xml } } }
  - request: { vendor: symbee, method: POST, path: /echo, text: "plain", headers: { Content-Type: text/csv } }
    expect: { json: { body: plain, headers: { content-type: text/csv } } }
  - request: { vendor: symbee, method: POST, path: /echo, form: { a: "1 2", b: x } }
    expect: { json: { body: "a=1+2&b=x", headers: { content-type: application/x-www-form-urlencoded } } }
seed: 7
`);
    expect(result.failure).toBeUndefined();
  });

  it('matches XML and text bodies and captures from XML', async () => {
    const result = await runOne(`
name: xml and text
steps:
  - request: { vendor: symbee, method: GET, path: /items.xml }
    expect:
      headers: { content-type: "$regex:xml" }
      xml: { items: { count: 2, item: [ { "@_id": a1, name: first }, { "@_id": a2, name: $string } ] } }
    capture: { secondId: "items.item.1.@_id" }
  - request: { vendor: symbee, method: POST, path: /echo, json: { id: "\${captured.secondId}" } }
    expect: { json: { body: { id: a2 } } }
  - request: { vendor: symbee, method: GET, path: /token }
    expect: { text: "$regex:^TOKEN-[0-9A-F]{16}$" }
    capture: { token: "" }
  - request: { vendor: symbee, method: POST, path: /echo, text: "\${captured.token}" }
    expect: { json: { body: TOKEN-0123456789ABCDEF } }
`);
    expect(result.failure).toBeUndefined();
  });

  it('fails a step when an interpolation refers to nothing', async () => {
    const result = await runOne(`
name: bad reference
steps:
  - request: { vendor: symbee, method: POST, path: "/counters/\${captured.nope}" }
`);
    expect(result.passed).toBe(false);
    expect(result.failure?.message).toContain('step 1: ${captured.nope} refers to nothing');
  });

  it('fails a capture whose path is missing', async () => {
    const result = await runOne(`
name: bad capture
steps:
  - name: bump
    request: { vendor: symbee, method: POST, path: /counters/a }
    capture: { id: items.0.id }
`);
    expect(result.failure?.message).toMatch(/^step 1 \(bump\): capture id: nothing at "items\.0\.id"/);
  });
});

describe('failures', () => {
  it('names the step and every mismatch path, shows the response and skips the remaining steps', async () => {
    const result = await runOne(`
name: mismatch
steps:
  - request: { vendor: symbee, method: POST, path: /counters/c }
  - name: check value
    request: { vendor: symbee, method: GET, path: /counters/c }
    expect: { status: 201, headers: { content-type: "$regex:xml" }, json: { value: 2, name: $absent } }
  - request: { vendor: symbee, method: GET, path: /counters/c }
`);
    expect(result.passed).toBe(false);
    expect(result.failure?.step).toBe('step 2 (check value)');
    const message = result.failure?.message ?? '';
    expect(message).toContain('step 2 (check value): status: expected 201, got 200');
    expect(message).toContain('headers.content-type: expected $regex:xml, got "application/json; charset=utf-8"');
    expect(message).toContain('json.value: expected 2, got 1');
    expect(message).toContain('json.name: expected $absent, got "c"');
    expect(message).toContain('(response 200: {"name":"c","value":1})');
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);
  });

  it('fails a request to a vendor the simulator does not serve', async () => {
    const result = await runOne('name: absent vendor\nsteps:\n  - request: { vendor: jtel, method: GET, path: /x }\n');
    expect(result.failure?.message).toBe(`step 1: vendor jtel is not served by the simulator at ${sim.url}`);
  });

  it('reports a non-JSON body when JSON is expected', async () => {
    const result = await runOne(`
name: not json
steps:
  - request: { vendor: symbee, method: GET, path: /token }
    expect: { json: { a: 1 } }
`);
    expect(result.failure?.message).toContain('body: expected JSON');
  });

  it('reports an invalid file as one failed scenario and still runs the other files', async () => {
    const bad = join(dir, 'bad.yaml');
    const good = join(dir, 'good.yaml');
    await writeFile(bad, 'name: x\nsteps:\n  - request: { vendor: nobody, method: GET, path: /a }\n');
    await writeFile(good, 'name: ok\nsteps:\n  - request: { vendor: symbee, method: GET, path: /token }\n');
    const summary = await runScenarios([bad, good], { url: sim.url });
    expect(summary.passed).toBe(1);
    expect(summary.failed).toBe(1);
    expect(summary.files[0]!.scenarios[0]!.failure?.message).toMatch(/bad\.yaml:3:\d+: step 1\.request\.vendor: /);
  });

  it('fails a scenario whose sandbox cannot be created', async () => {
    const result = await runOne(`
name: bad clock
clock: { now: "not a date" }
steps:
  - request: { vendor: symbee, method: GET, path: /token }
`);
    expect(result.failure?.message).toMatch(/^creating the sandbox: POST \/__admin\/sandboxes answered 400/);
  });

  it('fails a step on a refused connection instead of crashing', async () => {
    const file = join(dir, 'unreachable.yaml');
    await writeFile(file, 'name: x\nsteps:\n  - clock: { advanceMs: 1 }\n');
    const summary = await runScenarios([file], { url: 'http://127.0.0.1:1' });
    expect(summary.failed).toBe(1);
    expect(summary.files[0]!.scenarios[0]!.failure?.message).toContain('creating the sandbox');
  });
});

describe('clock and admin steps', () => {
  it('moves the virtual clock and the admin API sees it', async () => {
    const result = await runOne(`
name: clock
clock: { now: "2021-11-03T05:00:00Z", frozen: true }
steps:
  - admin: { method: GET, path: /clock }
    expect: { json: { now: "2021-11-03T05:00:00.000Z", frozen: true } }
  - clock: { advanceMs: 1800000 }
  - admin: { method: GET, path: /clock }
    expect: { json: { now: "2021-11-03T05:30:00.000Z" } }
  - clock: { now: "2021-11-03T07:00:00Z" }
  - request: { vendor: symbee, method: GET, path: /time }
    expect: { json: { nowIso: "\${clock.nowIso}", nowMs: "\${clock.nowMs}" } }
  - request: { vendor: symbee, method: GET, path: /time }
    expect: { json: { nowIso: "2021-11-03T07:00:00.000Z" } }
`);
    expect(result.failure).toBeUndefined();
  });

  it('fails a clock step the simulator refuses, unless the step expects the refusal', async () => {
    const refused = await runOne(`
name: backwards
clock: { now: "2021-11-03T05:00:00Z", frozen: true }
steps:
  - name: go back
    clock: { now: "2020-01-01T00:00:00Z" }
`);
    expect(refused.failure?.message).toContain('step 1 (go back): status: expected 2xx, got 400');
    const expected = await runOne(`
name: backwards expected
clock: { now: "2021-11-03T05:00:00Z", frozen: true }
steps:
  - clock: { now: "2020-01-01T00:00:00Z" }
    expect: { status: 400, json: { error: { message: "$regex:backwards" } } }
`);
    expect(expected.failure).toBeUndefined();
  });

  it('calls vendor backdoors relative to the sandbox, with interpolated paths', async () => {
    const result = await runOne(`
name: backdoor
steps:
  - admin: { method: POST, path: "/vendors/symbee/counters/\${vendors.symbee.counters.1}", json: { value: 41 } }
    expect: { json: { value: 41 } }
  - request: { vendor: symbee, method: POST, path: /counters/calls }
    expect: { json: { value: 42 } }
  - admin: { method: GET, path: /requests, query: { method: POST } }
    expect: { json: { requests: [ { path: /symbee/api/counters/calls, status: 200 } ] } }
`);
    expect(result.failure).toBeUndefined();
  });

  it('gives each scenario a fresh sandbox and deletes it afterwards', async () => {
    const results = await run(`
name: first
seed: 5
steps:
  - request: { vendor: symbee, method: POST, path: /counters/x }
    expect: { json: { value: 1 } }
---
name: second
seed: 5
steps:
  - request: { vendor: symbee, method: POST, path: /counters/x }
    expect: { json: { value: 1 } }
  - name: the sandbox itself
    admin: { method: GET, path: / }
    expect: { json: { id: "\${sandbox.id}", seed: 5, default: false } }
`);
    expect(results.map((r) => [r.name, r.passed, r.failure])).toEqual([
      ['first', true, undefined],
      ['second', true, undefined],
    ]);
    const listed = (await (await fetch(`${sim.url}/__admin/sandboxes`)).json()) as { sandboxes: { id: string }[] };
    expect(listed.sandboxes.map((s) => s.id)).toEqual(['default']);
  });
});

describe('against the real Symbee simulator', () => {
  it('sends the sandbox X-sc-* headers by default and none with auth: false', async () => {
    const file = join(dir, 'symbee.yaml');
    await writeFile(
      file,
      `name: symbee credentials
steps:
  - request:
      vendor: symbee
      method: POST
      path: /searchPreviewCampaign
      json:
        platform: "\${vendors.symbee.platform}"
        companyCode: "\${vendors.symbee.companyCode}"
        environment: "\${vendors.symbee.environment}"
        region: "\${vendors.symbee.region}"
        campaignName: "\${vendors.symbee.campaigns.0}"
        clientId: no-such-client
    expect: { status: 200, json: { previewResult: { previewResultStatus: NORECORDFOUND }, previewRecordClientData: [] } }
  - request: { vendor: symbee, method: POST, path: /searchPreviewCampaign, auth: false, json: {} }
    expect: { status: 401 }
`,
    );
    const summary = await runScenarios([file]);
    expect(summary.files[0]!.scenarios[0]!.failure).toBeUndefined();
    expect(summary.passed).toBe(1);
  });
});

describe('verify steps (WireMock-style counts on the journal)', () => {
  it('passes when the count is what times allows, fails naming expected and found counts', async () => {
    const result = await runOne(`
name: verify counts
steps:
  - request: { vendor: symbee, method: POST, path: /counters/visits }
  - request: { vendor: symbee, method: POST, path: /counters/visits }
  - request: { vendor: symbee, method: POST, path: /echo, json: { who: ann } }
  - verify: { vendor: symbee, path: "$regex:/counters/", times: 2 }
  - verify: { json: { who: "$regex:^an" }, times: { atLeast: 1, atMost: 1 } }
  - verify: { method: POST }
  - name: none of these
    verify: { path: "$regex:/echo", json: { who: bob }, times: 0 }
  - name: wrong count
    verify: { path: "$regex:/counters/", times: 3 }
`);
    expect(result.steps.map((s) => s.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'failed',
    ]);
    expect(result.failure?.message).toMatch(/wrong count.*expected exactly 3 matching request\(s\), found 2/s);
  });

  it('a failed verify prints the closest requests and the near-miss operations of unmatched ones', async () => {
    const result = await runOne(`
name: verify near misses
steps:
  - request: { vendor: symbee, method: POST, path: /counters/visits }
  - request: { vendor: symbee, method: POST, path: /countrs/visits }
    expect: { status: 404 }
  - name: misspelt counter
    verify: { method: POST, path: "$regex:/counters/visits$", times: 2 }
`);
    const message = result.failure?.message ?? '';
    expect(message).toMatch(/misspelt counter.*expected exactly 2 matching request\(s\), found 1/s);
    expect(message).toContain('closest requests (near misses of the pattern):');
    expect(message).toContain('path: expected $regex:/counters/visits$, got "/symbee/api/countrs/visits"');
    // The unmatched request names the operation it nearly was, and why it was not.
    expect(message).toContain(
      "≈ POST /api/counters/:name (POST /symbee/api/counters/:name): path segment 3 'countrs' vs 'counters'",
    );
  });

  it('a matcher typo in a verify step is a format error, not a pattern that never matches', async () => {
    const [result] = await run(`
name: typo
steps:
  - verify: { json: { who: "$regx:a" } }
`);
    expect(result!.name).toBe('invalid scenario file');
    expect(result!.failure?.message).toMatch(/verify.*unknown matcher/);
  });
});
