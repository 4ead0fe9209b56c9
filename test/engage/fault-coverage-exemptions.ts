/**
 * Documented (method, code) pairs no shipped scenario reaches, each with the reason: where it is tested instead, or
 * why it cannot occur. test/engage/fault-coverage.test.ts fails for a pair missing from both, and for an exemption a
 * scenario reaches.
 */
export const FAULT_COVERAGE_EXEMPTIONS: ReadonlyMap<string, string> = new Map([]);
