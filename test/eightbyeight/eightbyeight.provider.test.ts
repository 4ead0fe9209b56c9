import { eightbyeight } from '../../simulators/eightbyeight/index.ts';
import { verifyProviderPact } from '../helpers/pact.ts';

/**
 * Verifies the simulator against the reference client's pact (written by test/eightbyeight/client.pact.test.ts: run
 * the pact-consumer project first). Provider states are set up only through the admin API: reset the default
 * sandbox on a frozen clock, then add a CRM customer and seed it into a campaign through the 8x8 backdoors.
 */
interface InCampaign {
  customerId: number;
  phone: string;
  campaignId: number;
}

verifyProviderPact({
  vendor: eightbyeight,
  consumer: 'campaign-sim-eightbyeight-client',
  provider: 'eightbyeight-simulator',
  frozenAt: '2024-03-01T10:00:00.000Z',
  states: (admin) => ({
    'a customer with a known phone is in a campaign': async (params) => {
      const { customerId, phone, campaignId } = params as InCampaign;
      await admin.reset();
      await admin.call('POST', admin.vendorPath('/crm/customers'), {
        customers: [{ 'customer-id': customerId, phone }],
      });
      await admin.call('POST', admin.vendorPath(`/campaigns/${campaignId}/customers`), {
        customers: [{ 'customer-id': customerId }],
      });
      return undefined;
    },
  }),
});
