/**
 * Documented (method, code) pairs no shipped scenario reaches, each with the reason: where it is tested instead, or
 * why it cannot occur. test/engage/fault-coverage.test.ts fails for a pair missing from both, and for an exemption a
 * scenario reaches.
 */
export const FAULT_COVERAGE_EXEMPTIONS: ReadonlyMap<string, string> = new Map([
  [
    'showSubCampaignStateUsingContactAttempt OBJECT_NOT_EXISTS',
    'cannot occur: the document says a secondaryDevice that is not present or not authorized answers the system ' +
      'SubCampaignState, not a fault (scenario 07 and test/engage/outreach-client.test.ts check that answer)',
  ],
  [
    'createContactBatchAsync INTERNAL_ERROR',
    'cannot be provoked: it is the answer to the simulator failing itself (errors.ts renders any crash as ' +
      'INTERNAL_ERROR); test/engage/outreach-fuzz.test.ts asserts that no request ever gets it',
  ],
]);
