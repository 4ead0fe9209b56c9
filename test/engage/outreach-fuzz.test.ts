import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { OUTREACH_OPERATIONS } from '../../contracts/engage/operations.ts';
import { escapeXml } from '../../simulators/core/serializers/xml.ts';
import { useEngage } from './harness.ts';

/**
 * Fuzzing the 20 outreach methods with arguments built from their own vocabulary (ids that exist, states, dates,
 * numbers, nested references, junk): every answer is a 200 or a SOAP fault with a document code (never the
 * INTERNAL_ERROR of a crash), and a refused call changes nothing a client can read.
 */
const t = useEngage();
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 12) };
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });

const FIELDS = [
  'internalId',
  'externalId',
  'state',
  'type',
  'intensity',
  'maxDuration',
  'requestedStartTime',
  'messageText',
  'inboundDeviceType',
  'keywords',
  'tags',
  'channel',
  'contactsPerMinute',
  'allocatedCount',
] as const;
const NESTED = [
  'campaign',
  'owner',
  'subCampaign',
  'contactBatch',
  'passes',
  'devices',
  'secondaryDevice',
  'contact',
  'agentGroups',
] as const;

function values(section: { account: { internalId: string }; campaigns: { internalId: string }[] }) {
  return fc.oneof(
    fc.constantFrom(
      section.account.internalId,
      section.campaigns[0]!.internalId,
      '1000001',
      '1000009',
      '72345',
      'JOIN',
      'Running',
      'Paused',
      'Done',
      'Cancelled',
      'Active',
      'All',
      'Account',
      'Enterprise',
      'ShortCode',
      'archive',
      '2025-03-01T09:00:00Z',
      '2025-03-20T09:00:00.1234567-04:00',
      '720',
      '721',
      '0',
      '-1',
      '',
      ' ',
    ),
    fc.string({ maxLength: 20 }),
    fc.integer({ min: -10, max: 5000 }).map(String),
  );
}

function xmlOf(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const leaf = fc.tuple(fc.constantFrom(...FIELDS), value).map(([f, v]) => `<${f}>${escapeXml(v)}</${f}>`);
  const nested = fc
    .tuple(fc.constantFrom(...NESTED), fc.array(leaf, { maxLength: 3 }))
    .map(([f, children]) => `<${f}>${children.join('')}</${f}>`);
  return fc.array(fc.oneof(leaf, leaf, nested), { maxLength: 6 }).map((parts) => parts.join(''));
}

async function readable() {
  const org = `<arg1><internalId>${t.sb.section.account.internalId}</internalId><type>Account</type></arg1>`;
  const wide = '<arg3>2020-01-01T00:00:00Z</arg3><arg4>2030-01-01T00:00:00Z</arg4>';
  const parts = await Promise.all([
    t.sb.call('listSubCampaignStates', `${org}<arg2><state>All</state></arg2>${wide}`),
    t.sb.call('listContactBatchStates', '<arg2>2020-01-01T00:00:00Z</arg2><arg3>2030-01-01T00:00:00Z</arg3>'),
    t.sb.call('listContactAttempts', `${org}<arg2/><arg3>2025-02-28T12:00:00Z</arg3><arg4>2025-03-01T12:00:00Z</arg4>`),
  ]);
  return parts.map((r) => r.text).join('\n');
}

describe('outreach fuzz', () => {
  for (const op of OUTREACH_OPERATIONS) {
    it(`${op.name}: a 200 or a documented fault, and a refused call changes nothing`, async () => {
      const args = fc
        .array(xmlOf(values(t.sb.section)), { minLength: 0, maxLength: 5 })
        .map((list) => list.map((inner, i) => `<arg${i + 1}>${inner}</arg${i + 1}>`).join(''));
      await fc.assert(
        fc.asyncProperty(args, async (xml) => {
          const before = await readable();
          const res = await t.sb.call(op.name, xml);
          if (res.status === 200) return;
          expect(res.status, res.text).toBe(500);
          const fault = parser.parse(res.text).Envelope.Body.Fault;
          expect(fault.faultcode, res.text).toMatch(/^soap:(Client|Server)$/);
          expect(fault.detail?.ApiFault?.errorCode ?? 'protocol', res.text).not.toBe('INTERNAL_ERROR');
          expect(await readable()).toBe(before);
        }),
        RUNS,
      );
    });
  }
});
