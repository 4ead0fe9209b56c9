import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectScenarioFiles, parseScenarios, ScenarioFormatError } from '../../src/scenarios/load.ts';

function problemsOf(yaml: string): string[] {
  try {
    parseScenarios(yaml, 'x.yaml');
  } catch (err) {
    if (err instanceof ScenarioFormatError) return err.problems;
    throw err;
  }
  throw new Error('expected a format error');
}

describe('scenario format validation', () => {
  it('accepts the documented format, one scenario per YAML document', () => {
    const scenarios = parseScenarios(
      `name: one
description: d
seed: 42
clock: { now: "2021-11-03T05:00:00Z", frozen: true }
options: { symbee: { keyRotationMinutes: 60 } }
steps:
  - name: add
    request:
      vendor: symbee
      method: POST
      path: /addOrUpdateCampaignRecord
      query: { limit: "10" }
      headers: { Accept: application/xml }
      auth: false
      json: { a: 1 }
    expect:
      status: 200
      headers: { content-type: "$regex:json" }
      json: { a: { b: SUCCESS, c: $any, d: [1, $number] } }
      xml: { customers: { customer: $any } }
      text: "$regex:^[0-9A-F]{32}$"
    capture: { recordId: "previewRecordClientData.0.previewRecordID" }
  - clock: { advanceMs: 1800000 }
  - admin: { method: POST, path: /vendors/symbee/work, json: { n: 1 } }
    expect: { status: 200 }
---
name: two
steps:
  - clock: { now: "2021-11-03T06:00:00Z" }
`,
      'file.yaml',
    );
    expect(scenarios.map((s) => [s.name, s.file, s.index, s.steps.length])).toEqual([
      ['one', 'file.yaml', 0, 3],
      ['two', 'file.yaml', 1, 1],
    ]);
  });

  it('resolves YAML anchors and merge keys', () => {
    const [scenario] = parseScenarios(
      'name: m\nsteps:\n  - request: { vendor: symbee, method: POST, path: /a, json: &base { a: 1, b: 2 } }\n' +
        '  - request: { vendor: symbee, method: POST, path: /a, json: { <<: *base, b: 3 } }\n',
      'm.yaml',
    );
    expect(scenario!.steps.map((s) => ('request' in s ? s.request.json : undefined))).toEqual([
      { a: 1, b: 2 },
      { a: 1, b: 3 },
    ]);
  });

  it('names file, line, step and field of a bad value', () => {
    const problems = problemsOf(`name: s
steps:
  - name: add
    request: { vendor: symbee, method: FETCH, path: /a }
`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^x\.yaml:4:\d+: step 1 \(add\)\.request\.method: /);
  });

  it('refuses unknown keys (typos) at every level', () => {
    expect(
      problemsOf('name: s\nsteps:\n  - request: { vendor: symbee, method: GET, path: /a }\n    expcet: {}\n')[0],
    ).toMatch(/step 1: Unrecognized key: "expcet"/);
    expect(problemsOf('name: s\nsed: 1\nsteps:\n  - clock: { advanceMs: 1 }\n')[0]).toMatch(
      /^x\.yaml:1:1: Unrecognized key: "sed"/,
    );
  });

  it('requires a name and at least one step', () => {
    const problems = problemsOf('description: nothing\nsteps: []\n');
    expect(problems.some((p) => p.includes('name: Invalid input'))).toBe(true);
    expect(problems.some((p) => p.includes('steps: a scenario has at least one step'))).toBe(true);
  });

  it('requires exactly one action per step', () => {
    expect(
      problemsOf('name: s\nsteps:\n  - clock: { advanceMs: 1 }\n    admin: { method: GET, path: /clock }\n')[0],
    ).toContain('step 1: a step has exactly one of request, soap, clock, admin, verify (found clock, admin)');
    expect(problemsOf('name: s\nsteps:\n  - name: empty\n')[0]).toContain('step 1 (empty): a step has exactly one of');
  });

  it('checks clock steps, request bodies and paths', () => {
    expect(problemsOf('name: s\nsteps:\n  - clock: { now: "2021-01-01T00:00:00Z", advanceMs: 5 }\n')[0]).toContain(
      'give "now" or "advanceMs", not both',
    );
    expect(problemsOf('name: s\nsteps:\n  - clock: {}\n')[0]).toContain('clock step is empty');
    expect(
      problemsOf('name: s\nsteps:\n  - request: { vendor: symbee, method: POST, path: /a, json: {}, text: x }\n')[0],
    ).toContain('give at most one of json, xml, text, form');
    expect(problemsOf('name: s\nsteps:\n  - admin: { method: GET, path: clock }\n')[0]).toContain(
      'path starts with "/"',
    );
  });

  it('refuses unknown matchers and bad regular expressions', () => {
    const problems = problemsOf(`name: s
steps:
  - request: { vendor: symbee, method: GET, path: /a }
    expect: { json: { a: [1, $numbr] }, text: "$regex:(" }
`);
    expect(problems[0]).toContain('step 1.expect: json.a.1: $numbr: unknown matcher');
    expect(problems[1]).toContain('step 1.expect: text: $regex:(: invalid regular expression');
  });

  it('reports YAML syntax errors with their position', () => {
    const problems = problemsOf('name: s\nsteps:\n  - request: { vendor: symbee\n');
    expect(problems[0]).toMatch(/^x\.yaml:\d+:\d+: /);
  });

  it('refuses an empty file', () => {
    expect(problemsOf('# nothing here\n')).toEqual(['x.yaml: no scenario in this file']);
  });
});

describe('collecting files', () => {
  it('expands directories recursively to sorted *.yaml / *.yml files and keeps explicit files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'collect-'));
    try {
      await mkdir(join(dir, 'b', 'deep'), { recursive: true });
      for (const f of ['b/deep/z.yml', 'b/a.yaml', 'notes.md', 'c.yaml']) await writeFile(join(dir, f), '');
      await writeFile(join(dir, 'explicit.txt'), '');
      const files = await collectScenarioFiles([dir, join(dir, 'explicit.txt')]);
      expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['b/a.yaml', 'b/deep/z.yml', 'c.yaml', 'explicit.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
