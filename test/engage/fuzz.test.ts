import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_OPERATIONS } from '../../contracts/engage/operations.ts';
import type { SoapBinding } from '../../simulators/core/operations.ts';
import { bodyOf, calls } from './calls.ts';
import { NS, envelope, orgArg, useEngage } from './harness.ts';

/**
 * Fuzzing the SOAP binding and the configuration methods: whatever arrives — malformed XML, wrong namespaces, missing
 * or extra argN, random argument trees, oversized bodies, entity expansion — the answer is a reply or a SOAP fault
 * (never a 500 without a fault body, never an internal error), and a refused call changes nothing.
 */
const t = useEngage();
const { ok } = calls(t);
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 40) };

/** Every reply is a SOAP envelope; a 500 is a Fault, and never the simulator's own failure. */
function expectSoapAnswer(res: { status: number; text: string }): 'reply' | 'fault' | 'media' {
  if (res.status === 415) return 'media';
  expect([200, 404, 500], res.text).toContain(res.status);
  const body = bodyOf(res.text);
  if (res.status === 200) {
    expect(Object.keys(body)[0]).toMatch(/Response$/);
    return 'reply';
  }
  const fault = body.Fault as {
    faultcode: string;
    faultstring: string;
    detail?: { ApiFault?: { errorCode?: string } };
  };
  expect(fault.faultcode, res.text).toMatch(/^soap:(Client|Server|VersionMismatch)$/);
  expect(fault.faultstring).toBeTruthy();
  expect(fault.detail?.ApiFault?.errorCode, res.text).not.toBe('INTERNAL_ERROR');
  return 'fault';
}

/** Everything a client can read: what a refused call must leave unchanged. */
async function everything() {
  const org = orgArg(1, t.sb.section.account);
  return Promise.all([
    ok('listScripts', org),
    ok('listCampaigns', org),
    ok('listOutreachStrategy', org),
    ok('listComplianceRules', org),
  ]);
}

const methods = fc.constantFrom(...CONFIGURATION_OPERATIONS.map((op) => op.name));
const names = fc.constantFrom(
  'internalId',
  'externalId',
  'type',
  'description',
  'attributes',
  'name',
  'value',
  'owner',
  'elements',
  'passes',
  'channel',
  'parent',
  'x',
);
const leaf = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '10002',
    '10001',
    '10006',
    'Account',
    'Enterprise',
    'Date',
    'Region',
    '2025-12-25',
    '',
    ' ',
    'main.xml',
    'AA==',
  ),
);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A random element tree (escaped text, so well-formed). */
const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf.map(escape),
    fc
      .array(fc.tuple(names, tie('node')), { maxLength: 4 })
      .map((children) => children.map(([n, c]) => `<${n}>${c}</${n}>`).join('')),
  ),
})).node;
const args = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 7 }), tree), { maxLength: 6 })
  .map((items) => items.map(([n, inner]) => `<arg${n}>${inner}</arg${n}>`).join(''));

/** A call in the documented layout: the org arguments valid, every other argument a random tree (or absent). */
const layoutCalls = fc
  .constantFrom(...CONFIGURATION_OPERATIONS)
  .chain((op) =>
    fc.tuple(
      fc.constant(op.name),
      fc.tuple(
        ...((op.binding as SoapBinding).args ?? []).map((a) =>
          a.name === 'org' ? fc.constant(null) : fc.option(tree),
        ),
      ),
    ),
  )
  .map(([name, parts]) => ({
    name,
    body: parts
      .map((inner, i) =>
        inner === null
          ? isOrg(name, i)
            ? orgArg(i + 1, t.sb.section.account)
            : ''
          : `<arg${i + 1}>${inner}</arg${i + 1}>`,
      )
      .join(''),
  }));
const isOrg = (name: string, i: number) =>
  ((CONFIGURATION_OPERATIONS.find((op) => op.name === name)?.binding as SoapBinding).args ?? [])[i]?.name === 'org';

describe('the binding answers every body with a reply or a fault, and refusals change nothing', () => {
  it('calls in the documented layout (a valid org) with random entities', async () => {
    await fc.assert(
      fc.asyncProperty(layoutCalls, async ({ name, body }) => {
        const before = await everything();
        const res = await t.sb.call(name, body);
        if (expectSoapAnswer(res) !== 'reply') expect(await everything()).toEqual(before);
      }),
      RUNS,
    );
  });

  it('random argument trees for every configuration method', async () => {
    await fc.assert(
      fc.asyncProperty(methods, args, async (method, body) => {
        const before = await everything();
        const res = await t.sb.call(method, body);
        if (expectSoapAnswer(res) !== 'reply') expect(await everything()).toEqual(before);
      }),
      RUNS,
    );
  });

  it('mangled envelopes: cut, garbage, wrong namespaces, other content types', async () => {
    const good = envelope(
      'createCampaign',
      `<arg1><externalId>Fuzzed</externalId></arg1>${orgArg(2, t.sb.section.account)}`,
      t.sb.credentials,
    );
    const mangle = fc.oneof(
      fc.nat({ max: good.length }).map((cut) => good.slice(0, cut)),
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        good.replace(`xmlns:ns="${NS}"`, 'xmlns:ns="http://www.soundbite.com/SOAPAPI2/100"'),
        good.replace('http://schemas.xmlsoap.org/soap/envelope/', 'urn:not-soap'),
        good.replace(/xmlns:ns="[^"]*"/, ''),
        good.replace('<arg1>', '<ns:arg1>').replace('</arg1>', '</ns:arg1>'),
        good.replace('<soapenv:Header>', '<soapenv:Header><soapenv:Header/>'),
        good.replace('</soapenv:Body>', '<ns:listScripts/></soapenv:Body>'),
        good.replace('Fuzzed', '<![CDATA[Fuzzed]]>'),
        good.replace('Fuzzed', '&#0;'),
        good.replace('Fuzzed', '&unknown;'),
        `<?xml version="1.0"?>${good}`,
        `\uFEFF${good}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        mangle,
        fc.constantFrom('text/xml', 'text/xml; charset=utf-8', 'application/xml', ''),
        async (body, type) => {
          const before = await everything();
          const res = await t.sb.raw(body, type);
          if (expectSoapAnswer(res) !== 'reply') expect(await everything()).toEqual(before);
        },
      ),
      RUNS,
    );
  });

  it('entity expansion, external entities and oversized bodies are faults; nothing is created', async () => {
    const before = await everything();
    const org = orgArg(2, t.sb.section.account);
    const lol = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const bodies = [
      `<!DOCTYPE e [<!ENTITY l0 "lol">${lol}]>` +
        envelope('createCampaign', `<arg1><externalId>&l10;</externalId></arg1>${org}`, t.sb.credentials),
      `<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
        envelope('createCampaign', `<arg1><externalId>&x;</externalId></arg1>${org}`, t.sb.credentials),
      envelope(
        'createCampaign',
        `<arg1><externalId>x</externalId>${'<a/>'.repeat(100_001)}</arg1>${org}`,
        t.sb.credentials,
      ),
    ];
    for (const body of bodies) expect(expectSoapAnswer(await t.sb.raw(body))).toBe('fault');
    const huge = await t.sb.raw(
      envelope(
        'createCampaign',
        `<arg1><externalId>${'x'.repeat(9 * 1024 * 1024)}</externalId></arg1>${org}`,
        t.sb.credentials,
      ),
    );
    expect(expectSoapAnswer(huge)).toBe('fault');
    expect(bodyOf(huge.text).Fault).toMatchObject({ detail: { ApiFault: { errorCode: 'ARG_TOO_LARGE' } } });
    expect(await everything()).toEqual(before);
  });
});
