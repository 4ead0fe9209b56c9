import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { NS, PASSWORD_TEXT, envelope, orgArg, security, useEngage } from './harness.ts';

/**
 * The kernel's SOAP binding as Engage clients meet it: envelope reading, operation dispatch, WS-Security, argN
 * decoding and the fault layout. Requests are written as the published iOS client writes them (harness.ts).
 */
const t = useEngage();
const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (n) => n === 'data',
});

/** The Body of a reply, prefixes stripped (as the published client reads it). */
const bodyOf = (text: string) => (parser.parse(text) as { Envelope: { Body: Record<string, unknown> } }).Envelope.Body;
const faultOf = (text: string) =>
  bodyOf(text).Fault as {
    faultcode: string;
    faultstring: string;
    detail?: { ApiFault: { errorCode: string; message: string } };
  };

async function expectFault(res: { status: number; text: string }, code: string | undefined, faultcode = 'soap:Client') {
  expect(res.status, res.text).toBe(500);
  const fault = faultOf(res.text);
  expect(fault.faultcode).toBe(faultcode);
  expect(fault.detail?.ApiFault.errorCode).toBe(code);
  return fault;
}

describe('replies', () => {
  it('are {operation}Response/return/data with a prefixed operation element and unqualified children', async () => {
    const res = await t.sb.call('listCampaigns', orgArg(1, t.sb.section.account));
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.text).toMatch(
      /<soap:Body><ns2:listCampaignsResponse xmlns:ns2="http:\/\/www\.soundbite\.com\/SOAPAPI2\/110"><return><data>/,
    );
    expect(res.text).not.toMatch(/<soap:Body><[^>]*xmlns="/);
    const data = (bodyOf(res.text).listCampaignsResponse as { return: { data: { internalId: string }[] } }).return.data;
    expect(data.map((d) => d.internalId)).toEqual(t.sb.section.campaigns.map((c) => c.internalId));
  });

  it('of a method with no response are an empty {operation}Response', async () => {
    const [script] = t.sb.section.scripts;
    const res = await t.sb.call('deleteScript', `<arg1><internalId>${script!.internalId}</internalId></arg1>`);
    expect(res.status, res.text).toBe(200);
    expect(res.text).toContain(`<ns2:deleteScriptResponse xmlns:ns2="${NS}"></ns2:deleteScriptResponse>`);
  });
});

describe('arguments', () => {
  it('keep whitespace inside strings and accept xsi:type on an argument', async () => {
    const name = '  Spaced   name  ';
    const res = await t.sb.call(
      'createCampaign',
      `<arg1 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ns:campaign"><externalId>${name}</externalId></arg1>` +
        orgArg(2, t.sb.section.account),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.text).toContain(`<externalId>${name}</externalId>`);
  });

  it('a required argN missing or xsi:nil is ARG_NULL naming the documented parameter', async () => {
    const missing = await expectFault(await t.sb.call('listScripts', ''), 'ARG_NULL');
    expect(missing.faultstring).toBe("Invalid Data, argument 'org' must be non-null");
    await expectFault(
      await t.sb.call('listScripts', '<arg1 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>'),
      'ARG_NULL',
    );
  });

  it('an extra argN, an unknown element or a repeated scalar argN is a soap:Client fault without detail', async () => {
    const org = orgArg(1, t.sb.section.account);
    for (const args of [org + '<arg2>x</arg2>', org + '<bogus/>', org + org, `<ns:arg1>${org}</ns:arg1>`]) {
      const fault = await expectFault(await t.sb.call('listScripts', args), undefined);
      expect(fault.faultstring).toMatch(/^Unexpected element/);
    }
  });

  it('an argument its schema refuses is ARG_INVALID_TYPE naming it', async () => {
    const res = await t.sb.call('listCampaigns', orgArg(1, t.sb.section.account) + '<arg2>yesterday</arg2>');
    expect((await expectFault(res, 'ARG_INVALID_TYPE')).faultstring).toBe("Argument is of invalid type 'fromDate'");
    const org = await t.sb.call('listScripts', '<arg1><internalId>12</internalId><type>Galaxy</type></arg1>');
    await expectFault(org, 'ARG_INVALID_TYPE');
  });
});

describe('dispatch', () => {
  it('a SOAPAction, when sent, must agree with the Body (empty, the element, or ns/element)', async () => {
    const body = envelope('listScripts', orgArg(1, t.sb.section.account), t.sb.credentials);
    const post = (action?: string) => {
      const req = t.api.post('/engage/SOAPAPI2/CampaignManagementService110').set('Content-Type', 'text/xml');
      return (action === undefined ? req : req.set('SOAPAction', action)).send(body);
    };
    for (const ok of [undefined, '""', 'listScripts', `"${NS}/listScripts"`]) expect((await post(ok)).status).toBe(200);
    const fault = await expectFault(await post(`"${NS}/listCampaigns"`), undefined);
    expect(fault.faultstring).toMatch(/SOAPAction/);
  });

  it('an unknown operation, a wrong namespace or another service’s method is a soap:Client fault', async () => {
    for (const body of [
      envelope('dropTables', '', t.sb.credentials),
      envelope('listScripts', orgArg(1, t.sb.section.account), t.sb.credentials).replace(
        `xmlns:ns="${NS}"`,
        'xmlns:ns="urn:other"',
      ),
      envelope('showSystemInfo', '', t.sb.credentials),
    ]) {
      const fault = await expectFault(await t.sb.raw(body), undefined);
      expect(fault.faultstring).toMatch(/^Cannot find dispatch method for \{/);
    }
    const platform = await t.sb.call('showSystemInfo', '', { service: 'platform' });
    expect(platform.status, platform.text).toBe(200);
  });

  it('a non-SOAP content type is 415 (with a fault body)', async () => {
    const body = envelope('listScripts', orgArg(1, t.sb.section.account), t.sb.credentials);
    for (const type of ['application/json', 'application/soap+xml', 'text/plain']) {
      const res = await t.sb.raw(body, type);
      expect(res.status, type).toBe(415);
      expect(faultOf(res.text).faultcode).toBe('soap:Client');
    }
  });
});

describe('WS-Security', () => {
  const account = () => orgArg(1, t.sb.section.account);
  it('a PasswordText UsernameToken with the sandbox user is served (Nonce and Created ignored)', async () => {
    const body = envelope('listScripts', account(), t.sb.credentials).replace(
      '</wsse:Password>',
      '</wsse:Password><wsse:Nonce>bm9uY2U=</wsse:Nonce><wsu:Created>2025-03-01T10:00:00Z</wsu:Created>',
    );
    expect((await t.sb.raw(body)).status).toBe(200);
  });

  it('no token, a wrong password, an unknown user or a digest password is NO_SESSION', async () => {
    const { username, password } = t.sb.credentials;
    const bodies = [
      envelope('listScripts', account()),
      envelope('listScripts', account(), { username, password: `${password}x` }),
      envelope('listScripts', account(), { username: 'nobody', password }),
      envelope('listScripts', account(), { username, password, type: PASSWORD_TEXT.replace('Text', 'Digest') }),
    ];
    for (const body of bodies) {
      const fault = await expectFault(await t.sb.raw(body), 'NO_SESSION');
      expect(fault.faultstring).toBe('No current session.');
    }
  });

  it('another sandbox’s credentials reach that sandbox only', async () => {
    const created = await t.sb.call(
      'createCampaign',
      '<arg1><externalId>Mine</externalId></arg1>' + orgArg(2, t.sb.section.account),
    );
    expect(created.status).toBe(200);
    const other = await t.api.post('/__admin/sandboxes').send({ seed: 7 });
    const section = other.body.vendors.engage;
    const theirs = await t.sb.call('listCampaigns', orgArg(1, section.account), { credentials: section });
    expect(theirs.status, theirs.text).toBe(200);
    expect(theirs.text).not.toContain('Mine');
    expect(security(t.sb.credentials)).toContain(t.sb.credentials.username);
  });
});

describe('unreadable envelopes', () => {
  const account = () => orgArg(1, t.sb.section.account);
  it('malformed XML, a non-envelope root or an empty Body is a soap:Client fault', async () => {
    const good = envelope('listScripts', account(), t.sb.credentials);
    for (const body of [
      good.slice(0, -20),
      '<hello/>',
      'not xml',
      '',
      good.replace(/<soapenv:Body>.*<\/soapenv:Body>/, '<soapenv:Body/>'),
    ]) {
      await expectFault(await t.sb.raw(body), undefined);
    }
  });

  it('a SOAP 1.2 envelope is a VersionMismatch fault', async () => {
    const body = envelope('listScripts', account(), t.sb.credentials).replace(
      'http://schemas.xmlsoap.org/soap/envelope/',
      'http://www.w3.org/2003/05/soap-envelope',
    );
    await expectFault(await t.sb.raw(body), undefined, 'soap:VersionMismatch');
  });

  it('DOCTYPEs are refused before parsing: no entity expansion, no external entity', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      envelope('createCampaign', '<arg1><externalId>&lol2;</externalId></arg1>' + account(), t.sb.credentials);
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      envelope('createCampaign', '<arg1><externalId>&xxe;</externalId></arg1>' + account(), t.sb.credentials);
    for (const body of [laughs, xxe]) {
      const fault = await expectFault(await t.sb.raw(body), undefined);
      expect(fault.faultstring).toMatch(/DOCTYPE/);
    }
    const list = await t.sb.call('listCampaigns', account());
    expect(list.text).not.toMatch(/lol|root:/);
  });
});
