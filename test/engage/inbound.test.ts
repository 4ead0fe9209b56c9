import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { orgArg, useEngage } from './harness.ts';

/**
 * createSubCampaignUsingInboundDevice's documented INBOUND_* and ONDEMAND_* codes over SOAP, each reached from a fresh
 * sandbox's fixtures: the templates need a Standard (Template 1) or a Portal (Template 2) agent group, the plain script
 * takes none; the agent groups are Standard and Portal; the default OnDemand strategy has Voice and Text passes; the
 * short code 72345 has its JOIN keyword active. A refusal creates nothing.
 */
const t = useEngage();
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (n) => n === 'data' });

interface Options {
  name?: string;
  script: string;
  groups?: string[];
  device?: string;
  passes?: string;
}
const LONG_CODE = '<externalId>+16175550199</externalId><inboundDeviceType>LongCode</inboundDeviceType>';
const SHORT_CODE = '<externalId>72345</externalId><inboundDeviceType>ShortCode</inboundDeviceType>';

function create({ name = 'Inbound', script, groups = [], device = LONG_CODE, passes = '' }: Options) {
  const { campaigns, account } = t.sb.section;
  const agentGroups = groups.map((g) => `<agentGroups><internalId>${g}</internalId></agentGroups>`).join('');
  return t.sb.call(
    'createSubCampaignUsingInboundDevice',
    `<arg1><externalId>${name}</externalId><campaign><internalId>${campaigns[0]!.internalId}</internalId></campaign>` +
      `${agentGroups}${passes}</arg1><arg2><internalId>${script}</internalId></arg2>${orgArg(3, account)}` +
      `<arg4>${device}</arg4>`,
  );
}

async function refused(options: Options, code: string, message: string) {
  const res = await create(options);
  expect(res.status, res.text).toBe(500);
  const fault = parser.parse(res.text).Envelope.Body.Fault;
  expect(fault.detail.ApiFault.errorCode).toBe(code);
  expect(fault.faultstring).toBe(message);
  // Nothing was created: the name is free afterwards.
  expect((await states(options.name ?? 'Inbound')).length).toBe(0);
}

async function states(externalId: string) {
  const res = await t.sb.call(
    'listSubCampaignStates',
    `${orgArg(1, t.sb.section.account)}<arg2><state>All</state><subCampaign><externalId>${externalId}</externalId>` +
      `</subCampaign></arg2>`,
  );
  expect(res.status, res.text).toBe(200);
  return (parser.parse(res.text).Envelope.Body.listSubCampaignStatesResponse.return?.data ?? []) as {
    subCampaign: { internalId: string; externalId: string };
    state: string;
  }[];
}

const templates = () => t.sb.section.templates.map((s) => s.internalId);
const groups = () => t.sb.section.agentGroups.map((g) => g.internalId);
const plainScript = () => t.sb.section.scripts[0]!.internalId;

describe('the script against the agent groups', () => {
  it('a script that needs an agent group, given none → INBOUND_SKILLGROUP_REQUIRED', async () => {
    await refused({ script: templates()[0]! }, 'INBOUND_SKILLGROUP_REQUIRED', 'This script requires an Agent Group.');
  });

  it('a Portal script with a Standard group → INBOUND_SCRIPT_REQUIRES_PORTAL_AGENT_GROUP, and the reverse', async () => {
    const [standard, portal] = groups() as [string, string];
    await refused(
      { script: templates()[1]!, groups: [standard] },
      'INBOUND_SCRIPT_REQUIRES_PORTAL_AGENT_GROUP',
      'This script cannot be used with an this type of Agent Group. Please use a Portal Agent Group.',
    );
    // Every group must be of the kind: a Standard one beside the Portal one is still refused.
    await refused(
      { script: templates()[1]!, groups: [portal, standard] },
      'INBOUND_SCRIPT_REQUIRES_PORTAL_AGENT_GROUP',
      'This script cannot be used with an this type of Agent Group. Please use a Portal Agent Group.',
    );
    await refused(
      { script: templates()[0]!, groups: [portal] },
      'INBOUND_SCRIPT_REQUIRES_STANDARD_AGENT_GROUP',
      'This script cannot be used with an this type of Agent Group. Please use a Standard Agent Group.',
    );
  });

  it('a script that takes no agent group, given one → INBOUND_NOSKILLGROUP_REQUIRED', async () => {
    await refused(
      { script: plainScript(), groups: [groups()[0]!] },
      'INBOUND_NOSKILLGROUP_REQUIRED',
      'This script cannot be used with an Agent Group.',
    );
  });

  it('the matching kind is accepted; scripts and the WSDL show the requirement and the kind', async () => {
    const res = await create({ name: 'Portal line', script: templates()[1]!, groups: [groups()[1]!] });
    expect(res.status, res.text).toBe(200);
    expect((await states('Portal line')).length).toBe(1);
    const scripts = await t.sb.call('listScripts', orgArg(1, t.sb.section.account));
    expect(scripts.text).toContain('<agentGroupRequirement>Portal</agentGroupRequirement>');
    expect(scripts.text).toContain('<agentGroupRequirement>None</agentGroupRequirement>');
    const wsdl = await t.api.get('/engage/SOAPAPI2/CampaignManagementService110?wsdl');
    expect(wsdl.text).toMatch(/name="agentGroupRequirement"/);
    expect(wsdl.text).toMatch(/<xs:complexType name="agentGroup">.*?name="type"/s);
  });
});

describe('the device and the default OnDemand strategy', () => {
  it('a ShortCode without a keyword while one of its keywords is active → INBOUND_TEXT_KEYWORD_CANNOT_BE_DELETED', async () => {
    await refused(
      { script: plainScript(), device: SHORT_CODE },
      'INBOUND_TEXT_KEYWORD_CANNOT_BE_DELETED',
      'Cannot delete ShortCode: 72345, since one of its keywords is active.',
    );
    // Once the seeded JOIN sub-campaign is Done, no keyword is active: the document's single-keyword rule answers.
    const [join] = await states('Text JOIN');
    await t.sb
      .admin('POST', `/vendors/engage/outreach/sub-campaigns/${join!.subCampaign.internalId}/state`, { state: 'Done' })
      .expect(200);
    await refused(
      { script: plainScript(), device: SHORT_CODE },
      'ARG_INVALID_DATA',
      'Argument contains invalid data: a ShortCode takes a single keyword.',
    );
  });

  it('a pass channel the default OnDemand strategy lacks → ONDEMAND_DEFAULT_STRATEGY_INVALID naming it', async () => {
    await refused(
      { script: plainScript(), passes: '<passes><channel>7</channel></passes>' },
      'ONDEMAND_DEFAULT_STRATEGY_INVALID',
      'The call pass with channel type Web is not found at on demand strategy, please check the default on demand ' +
        'strategy and try again.',
    );
    // Text is one of its channels (Voice then Text): accepted.
    const text = await create({
      name: 'Text line',
      script: plainScript(),
      passes: '<passes><channel>3</channel></passes>',
    });
    expect(text.status, text.text).toBe(200);
  });
});
