import { describe, expect, it } from 'vitest';
import { perFile, type TestServer, startTestServer } from '../helpers/sim.ts';
import { cli } from './spawn.ts';

let t: TestServer;
perFile(startTestServer, (v) => (t = v));

describe('campaign-sim admin', () => {
  it('runs long work as a job with a progress line and prints its result as JSON', async () => {
    const campaignName = 'WebsiteVisitReachouts';
    const data = JSON.stringify({ campaignName, generate: 20_000 });
    const proc = cli([
      'admin',
      'POST',
      '/sandboxes/default/vendors/symbee/records',
      '--data',
      data,
      '--url',
      t.sim.url,
    ]);
    expect(await proc.exited).toBe(0);
    const output = proc.output();
    expect(output).toMatch(
      /^POST \/__admin\/sandboxes\/default\/vendors\/symbee\/records: 20,000 \/ 20,000 \(100%\), \d+\.\d s done$/m,
    );
    expect(JSON.parse(output.slice(output.indexOf('{')))).toMatchObject({ campaignName, generated: 20_000 });
  });

  it('prints an inline answer as is, and exits 1 with the admin error of a refused call or failed job', async () => {
    const health = cli(['admin', 'GET', '/health', '--url', t.sim.url]);
    expect(await health.exited).toBe(0);
    expect(JSON.parse(health.output())).toMatchObject({ status: 'ok' });
    const missing = cli(['admin', 'GET', '/sandboxes/nope', '--url', t.sim.url]);
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toMatch(/HTTP 404/);
    const data = JSON.stringify({ campaignName: 'nope', generate: 1 });
    const failed = cli([
      'admin',
      'POST',
      '/sandboxes/default/vendors/symbee/records',
      '--data',
      data,
      '--url',
      t.sim.url,
    ]);
    expect(await failed.exited).toBe(1);
    expect(failed.output()).toMatch(/failed: 400 Campaign 'nope' not found/);
  });
});
