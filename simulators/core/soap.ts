import type { z } from 'zod';
import type { VendorError } from './errors.ts';
import { describeIssues } from './errors.ts';
import { matchContentType } from './negotiate.ts';
import type { OperationName, OperationSpec, SoapArgument, SoapBinding } from './operations.ts';
import type { Reply } from './reply.ts';
import {
  EnvelopeError,
  type SoapEnvelope,
  type UsernameToken,
  readEnvelope,
  soapResponse,
  textOf,
} from './serializers/soap.ts';
import { type BodyDispatch, type Operation, type VendorCall, kernelFailure } from './vendor.ts';

/**
 * The SOAP 1.1 binding (document/literal, JAX-WS style): what every SOAP vendor's requests go through before its
 * handler. One `BodyDispatch` per service URL reads the envelope once and names the operation (the Body's first
 * element; a `SOAPAction`, when sent, must agree); the vendor's tenant lookup reads the WS-Security token from it;
 * `bindSoap` authenticates, decodes `arg1 … argN` with the operation's zod schemas and writes what the handler returns
 * as `{operation}Response/return/data…`. Every refusal is a VendorError from the vendor's `SoapProtocol`, rendered as
 * its SOAP fault by its `renderError`.
 */
export interface SoapProtocol<S> {
  /** The services' target namespace: the Body's first element must be in it. */
  namespace: string;
  /** Most XML tags a request may have (refused before parsing: each costs parse time every sandbox shares). */
  maxTags: number;
  /** Checks the WS-Security token (absent when the request had none); throws the vendor's fault to refuse. */
  authenticate(call: SoapCall<S>, token: UsernameToken | undefined): void;
  refuse: {
    /** A body that is not `text/xml` (SOAP 1.1): answered 415. */
    unsupportedMediaType(type: string): VendorError;
    /** An envelope that cannot be read (malformed, not SOAP 1.1, too many tags). */
    envelope(error: EnvelopeError): VendorError;
    /** The Body's element is not in the service namespace, or is not an operation of this service. */
    unknownOperation(namespace: string, element: string): VendorError;
    /** A `SOAPAction` naming another operation. */
    soapActionMismatch(soapAction: string, element: string): VendorError;
    /** A child of the operation element that is not one of its `argN` (or a scalar `argN` repeated). */
    unexpectedElement(name: string): VendorError;
    /** A required argument missing or `xsi:nil`. */
    argumentNull(argument: SoapArgument, operation: string): VendorError;
    /** An argument its schema refuses; `paths` are the refused fields (`''` the argument itself, `a.b` nested). */
    argumentInvalid(argument: SoapArgument, reason: string, operation: string, paths: readonly string[]): VendorError;
  };
}

export interface SoapCall<S> extends VendorCall<S> {
  operation: OperationSpec;
  envelope: SoapEnvelope;
  /** `arg1 … argN` as their schemas parsed them, in order; `undefined` for an omitted optional argument. */
  args: unknown[];
}

/** What a handler returns: the items of `return` (one per `data`), or nothing for a method with no response. */
export type SoapResult = readonly unknown[] | undefined | void;
export type SoapHandler<S> = (call: SoapCall<S>) => SoapResult | Promise<SoapResult>;
export type SoapHandlers<S, T extends readonly OperationSpec[]> = { [K in OperationName<T>]: SoapHandler<S> };

const soapBinding = (spec: OperationSpec): SoapBinding => {
  if (spec.binding.protocol !== 'soap') throw new Error(`${spec.name} is not a SOAP operation`);
  return spec.binding;
};

/** A `SOAPAction` value agrees when empty, equal to the declared one, or naming the element (`…/op`, `…#op`, `op`). */
function soapActionAgrees(header: string | undefined, binding: SoapBinding): boolean {
  const action = (header ?? '').trim().replace(/^"(.*)"$/, '$1');
  if (action === '' || action === binding.soapAction) return true;
  const last = action.slice(Math.max(action.lastIndexOf('/'), action.lastIndexOf('#'), action.lastIndexOf(':')) + 1);
  return last === binding.element;
}

/** One dispatcher per service URL: every POST there is one of `specs` (the operations bound to that path). */
export function soapDispatch<S>(
  path: string,
  specs: readonly OperationSpec[],
  protocol: SoapProtocol<S>,
): BodyDispatch {
  const byElement = new Map<string, OperationSpec>();
  for (const spec of specs) {
    const binding = soapBinding(spec);
    if (binding.path === path) byElement.set(binding.element, spec);
  }
  return {
    method: 'POST',
    path,
    resolve(req, rawBody) {
      const type = req.get('content-type');
      if (!matchContentType(type, ['text/xml'])) throw protocol.refuse.unsupportedMediaType(type ?? '');
      let envelope: SoapEnvelope;
      try {
        envelope = readEnvelope(rawBody, protocol.maxTags);
      } catch (err) {
        if (err instanceof EnvelopeError) throw protocol.refuse.envelope(err);
        throw err;
      }
      const spec = envelope.namespace === protocol.namespace ? byElement.get(envelope.operation) : undefined;
      if (!spec) throw protocol.refuse.unknownOperation(envelope.namespace, envelope.operation);
      if (!soapActionAgrees(req.get('soapaction'), soapBinding(spec))) {
        throw protocol.refuse.soapActionMismatch(req.get('soapaction') ?? '', envelope.operation);
      }
      return { operation: spec.name, decoded: envelope };
    },
  };
}

/** The token of a dispatched request (for the vendor's `tenantKeyOf`). */
export function tokenOf(decoded: unknown): UsernameToken | undefined {
  return (decoded as SoapEnvelope | undefined)?.token;
}

/** Binds each declared SOAP operation to its handler through the binding's steps. */
export function bindSoap<S, const T extends readonly OperationSpec[]>(
  specs: T,
  protocol: SoapProtocol<S>,
  handlers: SoapHandlers<S, T>,
): Operation<S>[] {
  return specs.map((spec) => {
    const handler = (handlers as Record<string, SoapHandler<S>>)[spec.name];
    if (!handler) throw new Error(`no handler for operation ${spec.name}`);
    return { ...spec, handler: soapHandler(spec, protocol, handler) };
  });
}

function soapHandler<S>(
  spec: OperationSpec,
  protocol: SoapProtocol<S>,
  handler: SoapHandler<S>,
): (call: VendorCall<S>) => Reply | Promise<Reply> {
  const binding = soapBinding(spec);
  const answer = (result: SoapResult): Reply => ({
    status: 200,
    body: {
      format: 'soap',
      value: soapResponse(protocol.namespace, binding.element, binding.result ? (result ?? []) : undefined),
    },
  });
  return (base) => {
    const envelope = base.decoded as SoapEnvelope | undefined;
    if (!envelope) throw kernelFailure('internal', `${spec.name} reached without a decoded envelope`);
    const call = base as SoapCall<S>;
    call.operation = spec;
    call.envelope = envelope;
    call.args = [];
    protocol.authenticate(call, envelope.token);
    call.args = decodeArguments(binding, envelope, protocol);
    const result = handler(call);
    return result instanceof Promise ? result.then(answer) : answer(result);
  };
}

// ---- Arguments ----------------------------------------------------------------------------------------------------

function decodeArguments<S>(binding: SoapBinding, envelope: SoapEnvelope, protocol: SoapProtocol<S>): unknown[] {
  const declared = binding.args ?? [];
  const [qualified] = envelope.qualifiedParts;
  if (qualified !== undefined) throw protocol.refuse.unexpectedElement(qualified);
  for (const name of envelope.parts.keys()) {
    const index = /^arg([1-9]\d{0,2})$/.exec(name)?.[1];
    if (index === undefined || Number(index) > declared.length) throw protocol.refuse.unexpectedElement(name);
  }
  return declared.map((argument, i) => {
    const name = `arg${i + 1}`;
    const occurrences = (envelope.parts.get(name) ?? []).filter((node) => !isNil(node));
    const array = kindOf(argument.schema) === 'array';
    if (occurrences.length === 0) {
      if (argument.optional) return undefined;
      throw protocol.refuse.argumentNull(argument, binding.element);
    }
    if (!array && occurrences.length > 1) throw protocol.refuse.unexpectedElement(name);
    const raw = array ? shape(occurrences, argument.schema) : shape(occurrences[0], argument.schema);
    const parsed = argument.schema.safeParse(raw);
    if (!parsed.success) {
      const paths = parsed.error.issues.map((issue) => issue.path.join('.'));
      throw protocol.refuse.argumentInvalid(argument, describeIssues(parsed.error), binding.element, paths);
    }
    return parsed.data;
  });
}

function isNil(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  return Object.entries(node).some(
    ([key, value]) => /^@_(\w+:)?nil$/.test(key) && /^\s*(true|1)\s*$/.test(String(value)),
  );
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/nullable/default wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); ; def = defOf(current)) {
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

const kindOf = (schema: z.ZodType) => defOf(unwrap(schema)).type;

/**
 * Parsed XML (fast-xml-parser, prefixes kept or stripped) brought to the shape a schema expects — for arguments here,
 * and for the `data` items a SOAP client reads.
 */
export const fromXml = (node: unknown, schema: z.ZodType): unknown => shape(node, schema);

/**
 * Brings parsed XML to the shape a schema expects: objects keep only their own, declared child elements (the rest is
 * ignored, as JAXB ignores unknown elements), an empty element is an empty object, a single element is a one-item
 * list, text with attributes (`xsi:type`) is its text. Anything else is left as it is, for the schema to refuse.
 */
function shape(node: unknown, schema: z.ZodType): unknown {
  if (isNil(node)) return undefined;
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'array': {
      const items = Array.isArray(node) ? node : [node];
      return items.filter((item) => !isNil(item)).map((item) => shape(item, def.element as z.ZodType));
    }
    case 'object': {
      if (typeof node === 'string') return node.trim() === '' ? {} : node;
      if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        if (!Object.hasOwn(node, key)) continue;
        const value = shape((node as Record<string, unknown>)[key], field);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    default: {
      if (Array.isArray(node)) return node;
      if (node && typeof node === 'object') {
        const children = Object.keys(node).some((key) => !key.startsWith('@_') && key !== '#text');
        return children ? node : textOf(node);
      }
      return node;
    }
  }
}
