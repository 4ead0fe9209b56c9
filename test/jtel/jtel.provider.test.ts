import { jtel } from '../../simulators/jtel/index.ts';
import { verifyProviderPact } from '../helpers/pact.ts';

/**
 * Verifies the simulator against the jtel reference client's pact (written by test/jtel/client.pact.test.ts: run
 * the pact-consumer project first). Every interaction starts from the default sandbox reset on a frozen clock
 * through the admin API.
 */
verifyProviderPact({
  vendor: jtel,
  consumer: 'campaign-sim-jtel-client',
  provider: 'jtel-simulator',
  frozenAt: '2024-03-01T10:00:00.000Z',
  states: () => ({}),
});
