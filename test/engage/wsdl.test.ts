import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ENGAGE_TYPES } from '../../contracts/engage/entities.ts';
import {
  CONFIGURATION_OPERATIONS,
  ENGAGE_METHODS,
  ENGAGE_OPERATIONS,
  OUTREACH_OPERATIONS,
  SERVICES,
} from '../../contracts/engage/operations.ts';
import type { SoapBinding } from '../../simulators/core/operations.ts';
import { xsdTypeOf } from '../../simulators/core/wsdl.ts';
import { vendorDocument } from '../helpers/vendor-docs.ts';
import { useEngage } from './harness.ts';

/**
 * The served WSDL against (1) the vendor's own document — every method with its documented parameters, in order — and
 * (2) the contracts the simulator validates with: a change to either side that the other does not follow fails here.
 */
const t = useEngage();
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['xs:element', 'xs:complexType', 'operation', 'message'].includes(name),
});

interface XsdElement {
  name: string;
  type: string;
  minOccurs?: string;
  maxOccurs?: string;
}
interface Wsdl {
  definitions: {
    targetNamespace: string;
    types: {
      'xs:schema': {
        'xs:element': XsdElement[];
        'xs:complexType': { name: string; 'xs:sequence': { 'xs:element'?: XsdElement[] } | '' }[];
      };
    };
    portType: { operation: { name: string }[] };
    service: { port: { 'soap:address': { location: string } } };
  };
}

async function served(path: string): Promise<Wsdl> {
  const res = await t.api.get(`/engage${path}?wsdl`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/xml/);
  return parser.parse(res.text) as Wsdl;
}

const typesOf = (wsdl: Wsdl) =>
  new Map(
    wsdl.definitions.types['xs:schema']['xs:complexType'].map((c) => [
      c.name,
      c['xs:sequence'] === '' ? [] : (c['xs:sequence']['xs:element'] ?? []),
    ]),
  );

/** `name(Type a, Type b[], …)` signature lines of the document: name and parameter names in order. */
function documentedSignatures(): Map<string, string[]> {
  const text = vendorDocument('002_ef0e3cab098c0db7.txt');
  const out = new Map<string, string[]>();
  for (const match of text.matchAll(/^([a-z][A-Za-z]+) ?\(([^)]*)\)$/gm)) {
    const params = match[2]!.split(',').map((p) => p.trim().split(/\s+/).pop()!.replace(/\[\]$/, ''));
    out.set(
      match[1]!,
      params.filter((p) => p !== ''),
    );
  }
  return out;
}

describe('the CampaignManagementService110 WSDL', () => {
  it('declares every method of the document, with its documented parameters in order (39)', async () => {
    const documented = documentedSignatures();
    expect(documented.size).toBe(39);
    const wsdl = await served(SERVICES.campaign);
    expect(wsdl.definitions.targetNamespace).toBe('http://www.soundbite.com/SOAPAPI2/110');
    expect(wsdl.definitions.portType.operation.map((o) => o.name).sort()).toEqual([...documented.keys()].sort());
    const declared = new Map<string, readonly { name: string }[]>(
      ENGAGE_OPERATIONS.map((op) => [op.name, (op.binding as SoapBinding).args ?? []]),
    );
    for (const [name, params] of documented) {
      expect(
        declared.get(name)?.map((a) => a.name),
        name,
      ).toEqual(params);
    }
    expect(CONFIGURATION_OPERATIONS.length + OUTREACH_OPERATIONS.length).toBe(39);
    expect(CONFIGURATION_OPERATIONS.length).toBe(19);
  });

  it('has the address it was fetched from', async () => {
    const wsdl = await served(SERVICES.campaign);
    expect(wsdl.definitions.service.port['soap:address'].location).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/engage\/SOAPAPI2\/CampaignManagementService110$/,
    );
  });
});

describe.each(Object.entries(SERVICES))('the %s WSDL and the contracts', (service, path) => {
  it('each operation element holds its declared argN with the declared XSD types', async () => {
    const types = typesOf(await served(path));
    const ops = ENGAGE_OPERATIONS.filter((op) => ENGAGE_METHODS.get(op.name)?.service === service);
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      const binding = op.binding as SoapBinding;
      const args = (binding.args ?? []).map((a, i) => {
        const x = xsdTypeOf(a.schema);
        return { name: `arg${i + 1}`, type: x.type, repeated: x.repeated, optional: Boolean(a.optional) };
      });
      const fromWsdl = (types.get(op.name) ?? []).map((e) => ({
        name: e.name,
        type: e.type,
        repeated: e.maxOccurs === 'unbounded',
        optional: e.minOccurs === '0',
      }));
      expect(fromWsdl, op.name).toEqual(args);
      const response = types.get(`${op.name}Response`) ?? [];
      expect(
        response.map((e) => e.name),
        op.name,
      ).toEqual(binding.result ? ['return'] : []);
    }
  });

  it('each entity type has exactly the fields of its zod schema', async () => {
    const types = typesOf(await served(path));
    for (const schema of ENGAGE_TYPES) {
      const name = (schema.meta() as { xsdType: string }).xsdType;
      const shape = (schema as unknown as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape;
      expect(
        (types.get(name) ?? []).map((e) => e.name),
        name,
      ).toEqual(Object.keys(shape));
    }
  });
});

describe('every entity the issue names', () => {
  it('has internalId, externalId and attributes; Org adds type and parent', async () => {
    const types = typesOf(await served(SERVICES.campaign));
    const named = [
      'org',
      'script',
      'campaign',
      'subCampaign',
      'subCampaignState',
      'pass',
      'passState',
      'outreachStrategy',
      'contactBatch',
      'contactBatchState',
      'contact',
      'device',
      'contactAttempt',
      'complianceRule',
      'pacingInfo',
      'list',
      'agentGroup',
      'user',
    ];
    for (const name of named) {
      expect(
        (types.get(name) ?? []).map((e) => e.name),
        name,
      ).toEqual(expect.arrayContaining(['internalId', 'externalId', 'attributes']));
    }
    expect(types.get('org')!.map((e) => e.name)).toEqual(expect.arrayContaining(['type', 'parent']));
    expect(types.get('attribute')!.map((e) => e.name)).toEqual(['name', 'value']);
  });
});

describe('GET /__admin/vendors/engage', () => {
  it('links the WSDLs and lists every method with its binding and argN names', async () => {
    const res = await t.api.get('/__admin/vendors/engage');
    expect(res.body.wsdl).toEqual(Object.values(SERVICES).map((p) => `/engage${p}?wsdl`));
    const createScript = res.body.operations.find((o: { name: string }) => o.name === 'createScript');
    expect(createScript.binding).toEqual({
      protocol: 'soap',
      path: '/engage/SOAPAPI2/CampaignManagementService110',
      element: 'createScript',
      args: ['arg1: scriptTemplate', 'arg2: newName', 'arg3: elementNames', 'arg4: elementContents', 'arg5: org'],
    });
    for (const link of res.body.wsdl as string[]) expect((await t.api.get(link)).status).toBe(200);
  });
});
