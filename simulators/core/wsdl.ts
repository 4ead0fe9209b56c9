import { z } from 'zod';
import type { OperationSpec, SoapBinding } from './operations.ts';
import { escapeXml } from './serializers/xml.ts';

/**
 * A WSDL 1.1 document (document/literal, wrapped, as JAX-WS publishes one) generated from a SOAP service's operation
 * declarations: each operation's element holds its `argN` (unqualified), its `{op}Response` a `return` holding `data`
 * items. XSD types come from the same zod schemas the binding validates with: an object schema carries its type name
 * as `meta({xsdType})`, a text schema the XSD built-in it stands for as `meta({xsd})`. So the WSDL cannot drift from
 * what the simulator accepts.
 */
export interface WsdlSpec {
  /** The service (and port type) name, e.g. `CampaignManagementService110`. */
  name: string;
  namespace: string;
  /** The endpoint URL written into `soap:address`. */
  location: string;
  operations: readonly OperationSpec[];
  /** The named types to declare (all object schemas the operations reach must be among them). */
  types: readonly z.ZodType[];
  /** The element every operation's fault carries in `detail`. */
  fault: { element: string; fields: readonly string[] };
}

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const metaOf = (schema: z.ZodType) => (z.globalRegistry.get(schema) ?? {}) as { xsdType?: string; xsd?: string };

/** The schema under optional/nullable wrappers, and whether one was there. */
function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let current = schema;
  let optional = false;
  for (let def = defOf(current); (def.type === 'optional' || def.type === 'nullable') && def.innerType;) {
    optional = true;
    current = def.innerType;
    def = defOf(current);
  }
  return { schema: current, optional };
}

/** The XSD type of a schema (`tns:org`, `xs:dateTime`, …) and whether it repeats. */
export function xsdTypeOf(schema: z.ZodType): { type: string; repeated: boolean; optional: boolean } {
  const { schema: inner, optional } = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'array') return { ...xsdTypeOf(def.element as z.ZodType), repeated: true, optional };
  const meta = metaOf(inner);
  if (def.type === 'object') {
    if (!meta.xsdType) throw new Error('an object schema in a WSDL needs meta({xsdType})');
    return { type: `tns:${meta.xsdType}`, repeated: false, optional };
  }
  return { type: `xs:${meta.xsd ?? 'string'}`, repeated: false, optional };
}

function element(name: string, schema: z.ZodType, required = false): string {
  const { type, repeated, optional } = xsdTypeOf(schema);
  const min = required && !optional ? '' : ' minOccurs="0"';
  const max = repeated ? ' maxOccurs="unbounded"' : '';
  const nil = required ? '' : optional ? ' nillable="true"' : '';
  return `<xs:element name="${name}" type="${type}"${min}${max}${nil}/>`;
}

function complexType(name: string, elements: string[]): string {
  return `<xs:complexType name="${name}"><xs:sequence>${elements.join('')}</xs:sequence></xs:complexType>`;
}

function entityType(schema: z.ZodType): string {
  const name = metaOf(schema).xsdType as string;
  const fields = Object.entries(defOf(schema).shape ?? {}).map(([field, s]) => element(field, s));
  return complexType(name, fields);
}

const soapBindingOf = (op: OperationSpec): SoapBinding => {
  if (op.binding.protocol !== 'soap') throw new Error(`${op.name} is not a SOAP operation`);
  return op.binding;
};

export function buildWsdl(spec: WsdlSpec): string {
  const ns = escapeXml(spec.namespace);
  const schemaParts: string[] = [];
  const results = new Map<string, string>();
  for (const op of spec.operations) {
    const binding = soapBindingOf(op);
    const el = binding.element;
    schemaParts.push(`<xs:element name="${el}" type="tns:${el}"/>`);
    schemaParts.push(`<xs:element name="${el}Response" type="tns:${el}Response"/>`);
    schemaParts.push(
      complexType(
        el,
        (binding.args ?? []).map((arg, i) =>
          element(`arg${i + 1}`, arg.optional ? arg.schema.optional() : arg.schema, !arg.optional),
        ),
      ),
    );
    if (binding.result) {
      const item = xsdTypeOf(binding.result.schema).type;
      const resultType = `${item.slice(item.indexOf(':') + 1)}Return`;
      results.set(
        resultType,
        complexType(resultType, [`<xs:element name="data" type="${item}" minOccurs="0" maxOccurs="unbounded"/>`]),
      );
      schemaParts.push(
        complexType(`${el}Response`, [`<xs:element name="return" type="tns:${resultType}" minOccurs="0"/>`]),
      );
    } else {
      schemaParts.push(complexType(`${el}Response`, []));
    }
  }
  const fault = spec.fault;
  schemaParts.push(`<xs:element name="${fault.element}" type="tns:${fault.element}"/>`);
  schemaParts.push(
    complexType(
      fault.element,
      fault.fields.map((f) => `<xs:element name="${f}" type="xs:string" minOccurs="0"/>`),
    ),
  );
  schemaParts.push(...results.values(), ...spec.types.map(entityType));

  const messages: string[] = [
    `<message name="${fault.element}"><part name="fault" element="tns:${fault.element}"/></message>`,
  ];
  const portOps: string[] = [];
  const bindingOps: string[] = [];
  for (const op of spec.operations) {
    const el = soapBindingOf(op).element;
    const action = escapeXml(soapBindingOf(op).soapAction ?? '');
    messages.push(`<message name="${el}"><part name="parameters" element="tns:${el}"/></message>`);
    messages.push(`<message name="${el}Response"><part name="parameters" element="tns:${el}Response"/></message>`);
    portOps.push(
      `<operation name="${el}"><documentation>${escapeXml(op.summary)}</documentation><input message="tns:${el}"/><output message="tns:${el}Response"/><fault message="tns:${fault.element}" name="${fault.element}"/></operation>`,
    );
    bindingOps.push(
      `<operation name="${el}"><soap:operation soapAction="${action}"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output><fault name="${fault.element}"><soap:fault name="${fault.element}" use="literal"/></fault></operation>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${ns}" targetNamespace="${ns}" name="${spec.name}">`,
    `<types><xs:schema xmlns:tns="${ns}" targetNamespace="${ns}" elementFormDefault="unqualified" version="1.0">`,
    ...schemaParts,
    '</xs:schema></types>',
    ...messages,
    `<portType name="${spec.name}">${portOps.join('')}</portType>`,
    `<binding name="${spec.name}PortBinding" type="tns:${spec.name}"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>${bindingOps.join('')}</binding>`,
    `<service name="${spec.name}"><port name="${spec.name}Port" binding="tns:${spec.name}PortBinding"><soap:address location="${escapeXml(spec.location)}"/></port></service>`,
    '</definitions>',
    '',
  ].join('\n');
}
