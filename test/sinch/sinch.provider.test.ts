import { sinch } from '../../simulators/sinch/index.ts';
import { verifyProviderPact } from '../helpers/pact.ts';

/**
 * Verifies the simulator against the Sinch reference client's pact (written by test/sinch/client.pact.test.ts: run
 * the pact-consumer project first). Provider states are set up only through the admin API: reset the default
 * sandbox on a frozen clock, then seed customers, force outcomes, activate and move the clock through the sinch
 * backdoors and the clock endpoint.
 */
const DAY_MS = 86_400_000;

verifyProviderPact({
  vendor: sinch,
  consumer: 'campaign-sim-sinch-client',
  provider: 'sinch-simulator',
  frozenAt: '2024-05-16T08:00:00.000Z',
  states: (admin) => ({
    'a customer exists': async (params) => {
      const { campaignId, customerId, externalId } = params as {
        campaignId: string;
        customerId: string;
        externalId: string;
      };
      await admin.reset();
      await admin.call('POST', admin.vendorPath(`/campaigns/${campaignId}/customers`), {
        customers: [
          {
            id: customerId,
            externalId,
            numbers: '0215428754',
            attributes: { attribute: [{ name: 'City', value: 'New York' }] },
          },
        ],
      });
      return undefined;
    },
    /** Every customer of the campaign answers SUCCESS; the campaign dials for a day. */
    'a campaign has dialed its customers': async (params) => {
      const { campaignId } = params as { campaignId: string };
      await admin.reset();
      await admin.call('POST', admin.vendorPath(`/campaigns/${campaignId}/outcomes`), { outcomes: ['SUCCESS'] });
      await admin.call('PATCH', admin.vendorPath(`/campaigns/${campaignId}`), { status: 'Active' });
      await admin.call('POST', '/sandboxes/default/clock', { advanceMs: DAY_MS });
      return undefined;
    },
  }),
});
