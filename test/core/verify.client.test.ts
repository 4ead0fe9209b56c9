import { describe, expect, it } from 'vitest';
import { VerificationError, countRequests, verify } from '../../src/clients/core/verify.ts';
import { perFile } from '../helpers/sim.ts';
import { type TestSim, addRecord, createSandbox, newSim } from './helpers.ts';

let t: TestSim;
perFile(newSim, (v) => (t = v));

describe('verify(pattern, times) of the clients’ shared core', () => {
  it('resolves with the count when times allows it, throws VerificationError listing what arrived otherwise', async () => {
    const sandbox = await createSandbox(t.api);
    const target = { origin: t.sim.url, sandbox: sandbox.id };
    await addRecord(t.api, sandbox, 'V-1');
    await addRecord(t.api, sandbox, 'V-2');
    const added = { vendor: 'symbee', path: '$regex:addOrUpdateCampaignRecord$' };
    expect(await verify(target, added, 2)).toBe(2);
    expect(await verify(target, added)).toBe(2); // default: at least once
    expect(await verify(target, { ...added, json: { clientId: 'V-2' } }, { atMost: 1 })).toBe(1);
    expect(await countRequests(target, { vendor: 'sinch' })).toBe(0);
    const failed = await verify(target, added, { atLeast: 3 }).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(VerificationError);
    expect((failed as VerificationError).count).toBe(2);
    expect((failed as Error).message).toMatch(/expected at least 3 request\(s\) matching .* found 2/);
    expect((failed as Error).message).toMatch(/POST \/symbee\/.*addOrUpdateCampaignRecord → 200/);
    await expect(verify(target, { json: { clientId: '$regx:V' } })).rejects.toThrow(/400.*unknown matcher/);
  });
});
