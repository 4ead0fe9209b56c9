import { symbee } from '../../simulators/symbee/index.ts';
import { verifyProviderPact } from '../helpers/pact.ts';

/**
 * Verifies the simulator against the reference client's pact (written by test/symbee/client.pact.test.ts: run the
 * pact-consumer project first). Provider states are set up only through the admin API: reset the default sandbox
 * on a frozen clock, then seed records through the symbee `records` backdoor.
 */
interface RecordParams {
  campaignName: string;
  clientId: string;
  name?: string;
}

verifyProviderPact({
  vendor: symbee,
  consumer: 'campaign-sim-symbee-client',
  provider: 'symbee-simulator',
  frozenAt: '2021-11-03T05:00:00.000Z',
  states: (admin) => ({
    /** Returns the record's previewRecordId for requests that inject it (`fromProviderState`). */
    'a record exists': async (params) => {
      const { campaignName, clientId, name = 'Mike Mars' } = params as RecordParams;
      await admin.reset();
      const seeded = await admin.call<{ records: { previewRecordID: string }[] }>(
        'POST',
        admin.vendorPath('/records'),
        {
          campaignName,
          records: [
            {
              clientId,
              previewRecordData: [
                { key: 'Name', value: name, displayOrder: 1 },
                { key: 'Home Phone', value: '+15552101257', displayOrder: 2 },
              ],
            },
          ],
        },
      );
      return { previewRecordId: seeded.records[0]!.previewRecordID };
    },
  }),
});
