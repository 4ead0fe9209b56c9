import { expect, it } from 'vitest';
import type { PactRequestView } from '../../simulators/core/states.ts';
import { eightByEightStates } from '../../simulators/eightbyeight/states.ts';

/**
 * Which pact password becomes which token of the verification sandbox. DELETE and the status change take either token
 * (8x8's sources disagree), so a pact that deletes with the Action token — as 8x8's OpenAPI says — must not make it
 * the Data token: the add names the Action token and the reads the Data token, as every source agrees.
 */
const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`acme:${password}`).toString('base64')}` });
const call = (method: string, path: string, password: string, expectedStatus = 200): PactRequestView => ({
  method,
  path,
  headers: basic(password),
  expectedStatus,
});

it('takes the Action token from the add and the Data token from the reads, whatever DELETE and PATCH send', () => {
  const options = eightByEightStates.sandboxOptions!([
    call('DELETE', '/api/tstats/campaigns/125/customers/10003629', 'action-1', 204),
    call('PATCH', '/api/tstats/campaigns/125', 'data-1'),
    call('POST', '/api/tstats/campaigns/125/customers', 'action-1', 207),
    call('GET', '/api/stats/campaigns/125.json', 'data-1'),
  ]);
  expect(options).toMatchObject({ username: 'acme', actionToken: 'action-1', dataToken: 'data-1' });
});

it('falls back to the other writes and to DELETE when the pact has no add or no read', () => {
  const options = eightByEightStates.sandboxOptions!([
    call('POST', '/api/tstats/campaigns/125', 'action-2'),
    call('DELETE', '/api/tstats/campaigns/125/customers/10003629', 'data-2', 204),
    call('GET', '/api/stats/campaigns/125.json', 'wrong', 401),
  ]);
  expect(options).toMatchObject({ actionToken: 'action-2', dataToken: 'data-2' });
});
