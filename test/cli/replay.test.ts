import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulators/core/server.ts';
import { tinyVendor } from '../scenarios/tinyVendor.ts';
import { cli } from './spawn.ts';

let sim: RunningSimulator;
let dir: string;

const PASSING = `name: bump once
steps:
  - request: { vendor: symbee, method: POST, path: /counters/a }
    expect: { json: { value: 1 } }
`;

const FAILING = `name: wrong count
steps:
  - name: bump
    request: { vendor: symbee, method: POST, path: /counters/a }
    expect: { json: { value: 2 } }
`;

beforeAll(async () => {
  sim = await startSimulator({ vendors: [tinyVendor], port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'replay-'));
  await mkdir(join(dir, 'mixed', 'nested'), { recursive: true });
  await mkdir(join(dir, 'green'));
  await writeFile(join(dir, 'mixed', 'pass.yaml'), PASSING);
  await writeFile(join(dir, 'mixed', 'nested', 'fail.yml'), FAILING);
  await writeFile(join(dir, 'green', 'pass.yaml'), PASSING);
});

afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('campaign-sim replay', () => {
  it('exits 1 when a scenario fails, names the step and path, and writes JUnit', async () => {
    const junit = join(dir, 'reports', 'junit.xml');
    const proc = cli(['replay', join(dir, 'mixed'), '--url', sim.url, '--junit', junit]);
    expect(await proc.exited).toBe(1);
    const out = proc.output();
    expect(out).toMatch(/PASS {2}.*pass\.yaml > bump once/);
    expect(out).toMatch(/FAIL {2}.*fail\.yml > wrong count[^\n]*\n\s+step 1 \(bump\): json\.value: expected 2, got 1/);
    expect(lastLine(out)).toBe('1 passed, 1 failed');
    const xml = await readFile(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toContain('<failure message="step 1 (bump): json.value: expected 2, got 1"');
  });

  it('exits 0 when every scenario passes', async () => {
    const proc = cli(['replay', join(dir, 'green'), '--url', sim.url]);
    expect(await proc.exited).toBe(0);
    expect(lastLine(proc.output())).toBe('1 passed, 0 failed');
  });

  it('runs against an in-process simulator when no --url is given', async () => {
    const file = join(dir, 'clock.yaml');
    await writeFile(
      file,
      `name: clock only
clock: { now: "2030-01-01T00:00:00Z", frozen: true }
steps:
  - clock: { advanceMs: 60000 }
  - admin: { method: GET, path: /clock }
    expect: { json: { now: "2030-01-01T00:01:00.000Z" } }
`,
    );
    const proc = cli(['replay', file]);
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('against an in-process simulator');
    expect(lastLine(proc.output())).toBe('1 passed, 0 failed');
  });

  it('exits 2 on a path that does not exist', async () => {
    const proc = cli(['replay', join(dir, 'missing.yaml'), '--url', sim.url]);
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('ENOENT');
  });
});
