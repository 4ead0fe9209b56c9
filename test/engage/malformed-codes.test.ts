import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ENGAGE_METHODS, OUTREACH_OPERATIONS } from '../../contracts/engage/operations.ts';
import { type EngageSandbox, useEngage } from './harness.ts';

/**
 * Each part-2 method, driven from a valid call with one field at a time in a wrong form (non-numeric ids, a date that
 * is no date, a word for a number, an argument that is text instead of an entity), answers only codes its own page
 * lists — or one of the few assumed exceptions below, each with its reason. A protocol fault (soap:Client without
 * detail: an element the binding does not know, or repeated) carries no code and passes.
 */
const t = useEngage();
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });

/** `method code` → why the method answers a code its page does not list. */
const ASSUMED_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  [
    'changeSubCampaignState INVALID_STATE',
    'a move the lifecycle refuses: the document has no code of its own for it (docs/vendors/engage.md, assumed codes)',
  ],
]);

const FIELDS = [
  'internalId',
  'externalId',
  'intensity',
  'maxDuration',
  'requestedStartTime',
  'state',
  'type',
  'channel',
  'contactsPerMinute',
  'pacing',
  'pacingPriority',
  'allocatedCount',
  'tags',
  'inboundDeviceType',
  'keywords',
];
const REFS = ['campaign', 'subCampaign', 'contactBatch', 'owner', 'contact', 'passes', 'agentGroups', 'devices'];
const BAD = ['abc', '2025-13-45T99:00:00Z'];

interface Fixture {
  org: string;
  campaign: string;
  sub: string;
  attempt: string;
  script: string;
  list: string;
  user: string;
}

/** A call each method accepts (or refuses for its state, not its form) on a fresh sandbox. */
const VALID: Record<string, (f: Fixture) => string[]> = {
  createSubCampaign: (f) => [`<externalId>Probe</externalId>${f.campaign}`, f.list, f.script, f.org],
  listSubCampaigns: (f) => [f.campaign],
  showSubCampaignStateUsingContactAttempt: () => [
    '<secondaryDevice><externalId>72345</externalId></secondaryDevice><messageText>JOIN</messageText>',
  ],
  changeSubCampaign: (f) => [`${f.sub}<intensity>50</intensity>`],
  showSubCampaignState: (f) => [f.sub],
  listSubCampaignStates: (f) => [f.org, '<state>All</state>'],
  changeSubCampaignState: (f) => [`<subCampaign>${f.sub}</subCampaign><state>Paused</state>`],
  createContactAttempts: (f) => ['', '<channel>2</channel>', contact, f.script, f.org],
  createContactBatch: (f) => [batch(f), contact],
  createContactBatchAsync: (f) => [batch(f), contact],
  showContactBatchState: () => ['<externalId>Seeded batch</externalId>'],
  listContactBatchStates: () => ['<campaign><internalId>10007</internalId></campaign>'],
  changeContactBatchState: () => [
    '<contactBatch><externalId>Seeded batch</externalId></contactBatch><state>Cancelled</state>',
  ],
  showContactAttempts: (f) => [f.attempt],
  listContactAttempts: (f) => [f.org, '<contact><externalId>x</externalId></contact>'],
  listContactAttemptsUsingUser: (f) => [f.user],
  listContactAttemptsUsingContactBatch: () => ['<externalId>Seeded batch</externalId>'],
  changeContactAttempt: (f) => [`${f.attempt}<tags>archive</tags>`],
  createSubCampaignUsingInboundDevice: (f) => [
    `<externalId>Probe in</externalId>${f.campaign}<passes><channel>3</channel></passes>`,
    f.script,
    f.org,
    '<externalId>72345</externalId><inboundDeviceType>ShortCode</inboundDeviceType><keywords>PAY</keywords>',
  ],
  previewPacing: (f) => [`${f.sub}<intensity>50</intensity>`],
};
const contact = '<externalId>P1</externalId><devices><externalId>+13035550101</externalId></devices>';
const batch = (f: Fixture) =>
  `<externalId>Probe batch</externalId><owner>${f.org}</owner><maxDuration>60</maxDuration>`;

async function fixture(sb: EngageSandbox): Promise<Fixture> {
  const { section } = sb;
  const text = (
    await sb.call('listContactAttemptsUsingContactBatch', '<arg1><externalId>Seeded batch</externalId></arg1>')
  ).text;
  const sub = (
    await sb.call(
      'listSubCampaignStates',
      `<arg1><internalId>${section.account.internalId}</internalId><type>Account</type></arg1>`,
    )
  ).text;
  const first = (xml: string, after: string) => new RegExp(`<${after}><internalId>(\\d+)</internalId>`).exec(xml)?.[1];
  return {
    org: `<internalId>${section.account.internalId}</internalId><type>Account</type>`,
    campaign: `<campaign><internalId>${section.campaigns[0]!.internalId}</internalId></campaign>`,
    sub: `<internalId>${first(sub, 'subCampaign')}</internalId>`,
    attempt: `<internalId>${first(text, 'data')}</internalId>`,
    script: `<internalId>${section.scripts[0]!.internalId}</internalId>`,
    list: `<internalId>${section.lists[0]!.internalId}</internalId>`,
    user: `<internalId>${section.users[0]!.internalId}</internalId>`,
  };
}

/** The arguments' inner XML with one field of argument `k` in a wrong form: every variant. */
function malformed(args: string[], k: number): string[][] {
  const variants: string[] = [];
  const inner = args[k]!;
  const set = (name: string, value: string) => {
    const element = new RegExp(`<${name}>[^<]*</${name}>`);
    return element.test(inner)
      ? inner.replace(element, `<${name}>${value}</${name}>`)
      : `${inner}<${name}>${value}</${name}>`;
  };
  for (const bad of BAD) {
    variants.push(bad);
    for (const field of FIELDS) variants.push(set(field, bad));
    for (const ref of REFS) variants.push(`${inner}<${ref}><internalId>${bad}</internalId></${ref}>`);
  }
  return variants.map((variant) => args.map((a, i) => (i === k ? variant : a)));
}

describe('malformed fields get the method’s own codes', () => {
  for (const op of OUTREACH_OPERATIONS) {
    it(`${op.name}`, async () => {
      const documented = ENGAGE_METHODS.get(op.name)!.faults;
      const f = await fixture(t.sb);
      const valid = VALID[op.name]!(f);
      const count = op.binding.protocol === 'soap' ? (op.binding.args ?? []).length : 0;
      const args = Array.from({ length: count }, (_, i) => valid[i] ?? '');
      const undocumented: string[] = [];
      for (let k = 0; k < count; k++) {
        for (const variant of malformed(args, k)) {
          const xml = variant.map((inner, i) => (inner === '' ? '' : `<arg${i + 1}>${inner}</arg${i + 1}>`)).join('');
          const res = await t.sb.call(op.name, xml);
          if (res.status === 200) continue;
          const code = parser.parse(res.text).Envelope.Body.Fault.detail?.ApiFault?.errorCode as string | undefined;
          if (code === undefined || code in documented || ASSUMED_EXCEPTIONS.has(`${op.name} ${code}`)) continue;
          undocumented.push(`${code} for ${xml}`);
        }
      }
      expect(undocumented).toEqual([]);
    });
  }
});
