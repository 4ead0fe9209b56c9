import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../simulators/core/jobs.ts';
import { perFile, startTestServer } from '../helpers/sim.ts';
import { type TestSim, createSandbox, expectAdminError, newSim } from './helpers.ts';

let t: TestSim;
perFile(newSim, (v) => (t = v));

const records = (id: string) => `/__admin/sandboxes/${id}/vendors/symbee/records`;

async function waitForJob(api: TestSim['api'], location: string): Promise<{ job: JobView; polls: JobView[] }> {
  const polls: JobView[] = [];
  for (let i = 0; i < 2000; i++) {
    const job = (await api.get(location)).body as JobView;
    polls.push(job);
    if (job.state !== 'running') return { job, polls };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${location} did not finish`);
}

describe('long admin work as jobs, in slices', () => {
  it('a big seed with Prefer: respond-async is a 202 job; health answers while it runs; the result is kept', async () => {
    const sandbox = await createSandbox(t.api);
    const campaignName = sandbox.vendors.symbee.campaigns[0];
    const started = await t.api
      .post(records(sandbox.id))
      .set('prefer', 'respond-async')
      .send({ campaignName, generate: 60_000 });
    expect(started.status).toBe(202);
    expect(started.headers.location).toBe(`/__admin/jobs/${started.body.id}`);
    expect(started.body).toMatchObject({ state: 'running', sandbox: sandbox.id, kind: `POST ${records(sandbox.id)}` });
    // The event loop is free between slices: health answers while the job is still running.
    const health = await t.api.get('/__admin/health');
    expect(health.status).toBe(200);
    const meanwhile = (await t.api.get(started.headers.location!)).body as JobView;
    expect(meanwhile.state).toBe('running');
    expect(meanwhile.done).toBeLessThan(60_000);
    const { job, polls } = await waitForJob(t.api, started.headers.location!);
    expect(job).toMatchObject({
      state: 'done',
      done: 60_000,
      total: 60_000,
      result: { status: 201, body: { generated: 60_000, total: 60_005 } },
    });
    // It ran in many slices (the event loop was given back between them).
    expect(job.slices.count).toBeGreaterThan(1);
    expect(job.slices.longestMs).toBeGreaterThan(0);
    // Progress moves forward between polls.
    const progress = polls.map((p) => p.done);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect((await t.api.get('/__admin/jobs')).body.jobs.map((j: JobView) => j.id)).toContain(job.id);
  });

  it('without the preference the same seed answers inline (201), as before', async () => {
    const sandbox = await createSandbox(t.api);
    const res = await t.api
      .post(records(sandbox.id))
      .send({ campaignName: sandbox.vendors.symbee.campaigns[0], generate: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ generated: 3, total: 8 });
  });

  it('Sinch and 8x8 seeding backdoors run as jobs too (?async=true)', async () => {
    const sandbox = await createSandbox(t.api);
    const vendors = sandbox.vendors as unknown as {
      sinch: { campaigns: string[] };
      eightbyeight: { campaigns: { id: number }[] };
    };
    const sinchCampaign = vendors.sinch.campaigns[0];
    const sinch = await t.api
      .post(`/__admin/sandboxes/${sandbox.id}/vendors/sinch/campaigns/${sinchCampaign}/customers?async=true`)
      .send({ count: 2000 });
    expect(sinch.status).toBe(202);
    const sinchJob = (await waitForJob(t.api, sinch.headers.location!)).job;
    expect(sinchJob).toMatchObject({ state: 'done', done: 2000, total: 2000, result: { status: 201 } });
    expect((sinchJob.result!.body as { ids: string[] }).ids).toHaveLength(2000);

    const ebeCampaign = vendors.eightbyeight.campaigns[0]!.id;
    const ebe = await t.api
      .post(`/__admin/sandboxes/${sandbox.id}/vendors/eightbyeight/campaigns/${ebeCampaign}/customers?async=true`)
      .send({ generate: 20_000 });
    expect(ebe.status).toBe(202);
    const ebeJob = (await waitForJob(t.api, ebe.headers.location!)).job;
    expect(ebeJob).toMatchObject({
      state: 'done',
      total: 20_000,
      result: { status: 201, body: { generated: 20_000 } },
    });
  });

  it('a job that fails keeps the admin error; an unknown job is a 404', async () => {
    const sandbox = await createSandbox(t.api);
    const res = await t.api
      .post(records(sandbox.id))
      .set('prefer', 'respond-async')
      .send({ campaignName: 'no-such-campaign', generate: 10 });
    expect(res.status).toBe(202);
    const { job } = await waitForJob(t.api, res.headers.location!);
    expect(job).toMatchObject({
      state: 'failed',
      error: { status: 400, message: "Campaign 'no-such-campaign' not found" },
    });
    expectAdminError(await t.api.get('/__admin/jobs/job-999999'), 404);
  });

  it('a reset and a save run as jobs on request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jobs-'));
    const persistent = await startTestServer({ dataDir: dir });
    try {
      const save = await persistent.api.post('/__admin/save?async=true');
      expect(save.status).toBe(202);
      expect((await waitForJob(persistent.api, save.headers.location!)).job).toMatchObject({
        state: 'done',
        done: 1,
        total: 1,
        result: { status: 200, body: { saved: 1 } },
      });
      const reset = await persistent.api.post('/__admin/sandboxes/default/reset').set('prefer', 'respond-async');
      expect(reset.status).toBe(202);
      const resetJob = (await waitForJob(persistent.api, reset.headers.location!)).job;
      expect(resetJob).toMatchObject({ state: 'done', result: { status: 200, body: { id: 'default' } } });
    } finally {
      await persistent.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
