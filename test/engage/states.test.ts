import { expect, it } from 'vitest';
import { engageStates } from '../../simulators/engage/states.ts';
import { envelope } from './harness.ts';

/** A verification sandbox answers to the credentials of the pact's successful calls, never to a refused token's. */
it('sandbox options come from requests expected to succeed (a NO_SESSION fault is a 500)', () => {
  const request = (password: string, expectedStatus: number) => ({
    method: 'POST',
    path: '/engage/SOAPAPI2/CampaignManagementService110',
    headers: {},
    body: envelope('listScripts', '', { username: 'pact-user', password }),
    expectedStatus,
  });
  const options = engageStates.sandboxOptions!([request('wrong-password', 500), request('right-password', 200)]);
  expect(options).toEqual({ fixtures: 'document', username: 'pact-user', password: 'right-password' });
  expect(engageStates.sandboxOptions!([request('wrong-password', 500)])).toEqual({ fixtures: 'document' });
});
