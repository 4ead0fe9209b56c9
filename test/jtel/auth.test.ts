import { describe, expect, it } from 'vitest';
import { jtelSandbox, useJtel } from './harness.ts';

const t = useJtel();

describe('Bearer auth and unknown endpoints', () => {
  it('answers 401 {status, error} for a missing or wrong token', async () => {
    const none = await t.api.get(`${t.sb.base}/dialler/campaigns`);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ status: 401, error: 'Unauthorized' });
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await t.sb.get('/dialler/campaigns', 'wrong-token')).status).toBe(401);
    expect(
      (await t.api.get(`${t.sb.base}/dialler/campaigns`).set('Authorization', `Basic ${t.sb.section.token}`)).status,
    ).toBe(401);
  });

  it('answers 401 for a ClientsID the token does not belong to', async () => {
    const other = await jtelSandbox(t.api);
    expect(other.section.clientsId).not.toBe(t.sb.section.clientsId);
    const res = await t.api.get(`${other.base}/dialler/campaigns`).set('Authorization', `Bearer ${t.sb.section.token}`);
    expect(res.status).toBe(401);
    expect(
      (
        await t.api
          .get('/jtel/rest/v1.0/999999999/dialler/campaigns')
          .set('Authorization', `Bearer ${t.sb.section.token}`)
      ).status,
    ).toBe(401);
  });

  it('answers an unknown endpoint with 404 and an empty body, journaled in the sandbox', async () => {
    for (const path of ['/dialler/nothing', '/acd/events/event', '/acd']) {
      const res = await t.sb.get(path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).toBe('');
    }
    expect((await t.api.put(`${t.sb.base}/dialler/campaigns`)).status).toBe(404);
    const journal = await t.sb.admin('GET', '/requests?vendor=jtel&status=404');
    expect(journal.body.requests.length).toBeGreaterThanOrEqual(3);
  });

  it('describes the sandbox section as the issue specifies', async () => {
    const s = t.sb.section;
    expect(Object.keys(s).sort()).toEqual(
      [
        'acdGroups',
        'agentGroups',
        'baseUrl',
        'clientsId',
        'configurationGroups',
        'diallerCampaigns',
        'eventTypes',
        'serviceNumbers',
        'token',
        'users',
      ].sort(),
    );
    expect(s.baseUrl).toMatch(new RegExp(`/jtel/rest/v1\\.0/${s.clientsId}$`));
    expect(s.acdGroups.length).toBeGreaterThanOrEqual(3);
    expect(s.acdGroups.some((g) => !g.allowDuplicates)).toBe(true);
    expect(s.users).toHaveLength(2);
    expect(s.diallerCampaigns).toHaveLength(3);
    expect(s.serviceNumbers.every((n) => /^\+49\d+$/.test(n))).toBe(true);
  });

  it('uses fixed credentials in the default sandbox', async () => {
    const res = await t.api.get('/jtel/rest/v1.0/1/acd/events/types').set('Authorization', 'Bearer jtel-demo-token');
    expect(res.status).toBe(200);
  });
});
