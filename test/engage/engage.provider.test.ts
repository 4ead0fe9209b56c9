import { engage } from '../../simulators/engage/index.ts';
import { verifyProviderPact } from '../helpers/pact.ts';

/**
 * Verifies the simulator against the Engage reference client's pact (written by test/engage/client.pact.test.ts:
 * run the pact-consumer project first). Every interaction starts from the default sandbox reset on a frozen clock
 * through the admin API.
 */
verifyProviderPact({
  vendor: engage,
  consumer: 'campaign-sim-engage-client',
  provider: 'engage-simulator',
  frozenAt: '2025-03-01T10:00:00.000Z',
  states: () => ({}),
  catalogue: true,
});
