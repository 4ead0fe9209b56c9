import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenarios } from '../../src/scenarios/runner.ts';
import { selectXPath } from '../../src/scenarios/soap.ts';

/** SOAP steps of the scenario runner: operation + args in, XPath or fault expectations out — and they can fail. */
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soap-scenarios-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(steps: string) {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, `name: soap\nseed: 1\nclock: { now: '2025-03-01T10:00:00Z', frozen: true }\nsteps:\n${steps}`);
  const summary = await runScenarios([file]);
  return summary.files[0]!.scenarios[0]!;
}

const account = "{ internalId: '${vendors.engage.account.internalId}', type: Account }";

describe('soap steps', () => {
  it('pass when the XPath values and the fault match', async () => {
    const result = await run(
      `  - soap: { vendor: engage, operation: listCampaigns, args: [${account}] }\n` +
        `    expect: { status: 200, xpath: { 'count(/Envelope/Body/listCampaignsResponse/return/data)': 3 } }\n` +
        `  - soap: { vendor: engage, operation: showCampaign, args: [{ internalId: '9' }] }\n` +
        `    expect: { status: 500, fault: { detail: { ApiFault: { errorCode: OBJECT_NOT_EXISTS } } } }\n`,
    );
    expect(result.failure?.message).toBeUndefined();
    expect(result.passed).toBe(true);
  });

  it('fail, naming the XPath, when a value differs; and on a fault that differs', async () => {
    const wrong = await run(
      `  - soap: { vendor: engage, operation: listCampaigns, args: [${account}] }\n` +
        `    expect: { xpath: { 'count(/Envelope/Body/listCampaignsResponse/return/data)': 4 } }\n`,
    );
    expect(wrong.passed).toBe(false);
    expect(wrong.failure?.message).toMatch(
      /xpath count\(\/Envelope\/Body\/listCampaignsResponse\/return\/data\): expected 4, got 3/,
    );
    const fault = await run(
      `  - soap: { vendor: engage, operation: showCampaign, args: [{ internalId: '9' }] }\n` +
        `    expect: { fault: { detail: { ApiFault: { errorCode: ARG_NULL } } } }\n`,
    );
    expect(fault.passed).toBe(false);
  });
});

describe('selectXPath', () => {
  const doc = { Envelope: { Body: { r: { return: { data: [{ id: '1' }, { id: '2' }] } } } } };
  it('selects by element names (prefixes ignored), positions and count()', () => {
    expect(selectXPath(doc, '/soap:Envelope/soap:Body/r/return/data/id')).toEqual(['1', '2']);
    expect(selectXPath(doc, '/Envelope/Body/r/return/data[2]/id')).toBe('2');
    expect(selectXPath(doc, 'count(/Envelope/Body/r/return/data)')).toBe(2);
    expect(selectXPath(doc, '/Envelope/Body/nothing')).toBeUndefined();
    expect(() => selectXPath(doc, '//data')).toThrow(/unsupported step/);
  });
});
