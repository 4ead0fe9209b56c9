import { z } from 'zod';
import type { OperationSpec, SoapArgument } from '../../simulators/core/operations.ts';
import { Base64Text, Text } from './entities.ts';

/*
 * How one Engage method is declared: the kernel's operation (SOAP binding, argN schemas, result) plus what the Engage
 * contract adds (documented faults per method, availability, the part of the simulator that serves it).
 */

/** README: endpoints `https://{stack}.soundbite.com/SOAPAPI2/{Service}110`, one target namespace. */
export const ENGAGE_NAMESPACE = 'http://www.soundbite.com/SOAPAPI2/110';
export const SERVICES = {
  campaign: '/SOAPAPI2/CampaignManagementService110',
  platform: '/SOAPAPI2/PlatformManagementService110',
  contact: '/SOAPAPI2/ContactManagementService110',
} as const;
export type EngageService = keyof typeof SERVICES;

/** The documented messages (`%s` filled in with the argument or object named). Per method where it words them so. */
export const MESSAGES = {
  ARG_NULL: "Invalid Data, argument '%s' must be non-null",
  ARG_NULL_SHORT: 'Argument supplied is null',
  ARG_TOO_LARGE: "Invalid Data, argument '%s' exceeds allowed size",
  ARG_INVALID_TYPE: "Argument is of invalid type '%s'",
  ARG_INVALID_CHAR: "Invalid Data, argument '%s' contains invalid characters",
  // Sic: the document's message has no closing quote.
  ARG_INVALID_DATA: "Invalid Data '%s",
  ARG_INVALID: "Argument is invalid – reason '%s'",
  ATTRIBUTE_NULL: 'Attribute supplied is null',
  OBJECT_EXISTS: "Object '%s' already exists",
  OBJECT_NOT_EXISTS: "Referenced object '%s' does not exist",
  RESULT_TOO_LARGE: 'Result returned would be too large',
  NO_SESSION: 'No current session.',
  /** Not worded by the methods that do not list the code (assumed). */
  SYSTEM_LIMIT_EXCEEDED: 'maximum number of %s exceeded',
} as const;

export type Faults = Record<string, string>;
export const M = MESSAGES;
/** The errors most methods list, with their most common wording. */
export const common = {
  ARG_NULL: { ARG_NULL: M.ARG_NULL },
  notExists: { OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS },
  type: { ARG_INVALID_TYPE: M.ARG_INVALID_TYPE },
  tooLarge: { RESULT_TOO_LARGE: M.RESULT_TOO_LARGE },
} as const;
export const listFaults: Faults = { ...common.type, ...common.ARG_NULL, ...common.notExists, ...common.tooLarge };
export const showFaults: Faults = { ...common.ARG_NULL, ...common.notExists };
export const scriptLimit = 'maximum number of active scripts exceeded';
export const subCampaignLimit = 'maximum number of active SubCampaigns exceeded';

/** Which part of the product serves a method: part 1 (configuration), part 2 (outreach), or not at all yet. */
export type EngagePart = 'configuration' | 'outreach' | 'support';

/**
 * What the Engage contract says of one method beyond the kernel's declaration: the documented faults (code → the
 * message this method's page gives), the release that added it, and which part of the simulator serves it.
 */
export interface EngageMethod {
  name: string;
  service: EngageService;
  availability: string;
  faults: Faults;
  part: EngagePart;
}

export type Arg = readonly [name: string, schema: z.ZodType, optional?: 'optional'];

interface MethodInput<N extends string> {
  name: N;
  service?: EngageService;
  summary: string;
  availability: string;
  args: readonly Arg[];
  /** The documented response: an entity (D/K), a list of them, or none. */
  result?: { schema: z.ZodType; many: boolean };
  faults: Faults;
  part: EngagePart;
}

export const methods: EngageMethod[] = [];

export function method<const N extends string>(input: MethodInput<N>): OperationSpec & { name: N } {
  const service = input.service ?? 'campaign';
  methods.push({
    name: input.name,
    service,
    availability: input.availability,
    faults: input.faults,
    part: input.part,
  });
  const args: SoapArgument[] = input.args.map(([name, schema, optional]) => ({
    name,
    schema,
    ...(optional ? { optional: true } : {}),
  }));
  return {
    name: input.name,
    binding: {
      protocol: 'soap',
      path: SERVICES[service],
      element: input.name,
      args,
      ...(input.result ? { result: input.result } : {}),
    },
    readOnly: /^(show|list|preview)/.test(input.name),
    summary: input.summary,
    description: `Availability: ${input.availability}.`,
    tags: [input.part],
    responses: {
      '200': {
        description: input.result
          ? `documented: ${input.result.many ? 'a list in return/data' : 'one return/data'}`
          : 'documented: none (an empty response element)',
        ...(input.result ? { schema: input.result.schema } : {}),
      },
      '500': {
        description: `documented faults: ${Object.entries(input.faults)
          .map(([code, message]) => `${code} – ${message}`)
          .join('; ')}`,
      },
    },
  };
}

export const one = (schema: z.ZodType) => ({ schema, many: false });
export const many = (schema: z.ZodType) => ({ schema, many: true });
export const strings = z.array(Text);
export const bytes = z.array(Base64Text);
