import { z } from 'zod';
import { type OperationSpec, type SoapArgument, declareOperations } from '../../simulators/core/operations.ts';
import {
  Base64Text,
  BaseEntity,
  BooleanText,
  Campaign,
  ComplianceRule,
  Contact,
  ContactAttempt,
  ContactBatch,
  ContactBatchState,
  DateText,
  DateTimeText,
  Device,
  List,
  NameValue,
  OutreachStrategy,
  Org,
  PacingInfo,
  Pass,
  Script,
  Session,
  SubCampaign,
  SubCampaignState,
  Text,
  User,
} from './entities.ts';

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

type Faults = Record<string, string>;
const M = MESSAGES;
/** The errors most methods list, with their most common wording. */
const common = {
  ARG_NULL: { ARG_NULL: M.ARG_NULL },
  notExists: { OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS },
  type: { ARG_INVALID_TYPE: M.ARG_INVALID_TYPE },
  tooLarge: { RESULT_TOO_LARGE: M.RESULT_TOO_LARGE },
} as const;
const listFaults: Faults = { ...common.type, ...common.ARG_NULL, ...common.notExists, ...common.tooLarge };
const showFaults: Faults = { ...common.ARG_NULL, ...common.notExists };
const scriptLimit = 'maximum number of active scripts exceeded';
const subCampaignLimit = 'maximum number of active SubCampaigns exceeded';

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

type Arg = readonly [name: string, schema: z.ZodType, optional?: 'optional'];

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

const methods: EngageMethod[] = [];

function method<const N extends string>(input: MethodInput<N>): OperationSpec & { name: N } {
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

const one = (schema: z.ZodType) => ({ schema, many: false });
const many = (schema: z.ZodType) => ({ schema, many: true });
const strings = z.array(Text);
const bytes = z.array(Base64Text);

// ---- Part 1: the 19 configuration methods ---------------------------------------------------------------------

const configuration = [
  method({
    name: 'createScript',
    summary: "Creates a new script named 'newName' in the organization from a template, replacing elementNames",
    availability: 'Engage 7.3.3',
    args: [
      ['scriptTemplate', Script],
      ['newName', Text],
      ['elementNames', strings, 'optional'],
      ['elementContents', bytes, 'optional'],
      ['org', Org],
    ],
    result: one(Script),
    faults: {
      ARG_INVALID_DATA: 'Script specified is not a template or elementNames size != elementContents size',
      ARG_NULL: M.ARG_NULL_SHORT,
      ARG_TOO_LARGE: M.ARG_TOO_LARGE,
      ATTRIBUTE_NULL: M.ATTRIBUTE_NULL,
      OBJECT_EXISTS: M.OBJECT_EXISTS,
      OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS,
      SYSTEM_LIMIT_EXCEEDED: scriptLimit,
    },
    part: 'configuration',
  }),
  method({
    name: 'createScriptUsingContent',
    summary: "Creates a new script named 'name' in the organization from the XML interaction and data",
    availability: 'Engage 7.5.5',
    args: [
      ['name', Text],
      ['contentNames', strings],
      ['contentData', bytes],
      ['org', Org],
    ],
    result: one(Script),
    faults: {
      ARG_INVALID_CHAR: M.ARG_INVALID_CHAR,
      ARG_INVALID_DATA: M.ARG_INVALID_DATA,
      ARG_NULL: M.ARG_NULL,
      ARG_TOO_LARGE: M.ARG_TOO_LARGE,
      ATTRIBUTE_NULL: M.ATTRIBUTE_NULL,
      OBJECT_EXISTS: M.OBJECT_EXISTS,
      OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS,
      SYSTEM_LIMIT_EXCEEDED: scriptLimit,
    },
    part: 'configuration',
  }),
  method({
    name: 'deleteScript',
    summary: 'Deletes an existing script',
    availability: 'Engage 7.5.0',
    args: [['script', Script]],
    faults: showFaults,
    part: 'configuration',
  }),
  method({
    name: 'listScripts',
    summary: 'Retrieves the scripts of an organization (an Enterprise: its master account’s)',
    availability: 'Engage 7.5.0',
    args: [['org', Org]],
    result: many(Script),
    faults: listFaults,
    part: 'configuration',
  }),
  method({
    name: 'createCampaign',
    summary: 'Creates a new campaign associated with the identified entity',
    availability: 'Engage 7.6.0',
    args: [
      ['campaign', Campaign],
      ['org', Org],
    ],
    result: one(Campaign),
    faults: {
      ARG_INVALID_TYPE: M.ARG_INVALID_TYPE,
      ARG_NULL: M.ARG_NULL_SHORT,
      ATTRIBUTE_INVALID_CHAR: 'Contact list name contains invalid characters',
      ATTRIBUTE_NULL: M.ATTRIBUTE_NULL,
      ATTRIBUTE_TRUNCATED: 'Description for campaign is too long',
      OBJECT_EXISTS: M.OBJECT_EXISTS,
      OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS,
      SYSTEM_LIMIT_EXCEEDED: 'maximum number of active campaigns exceeded',
    },
    part: 'configuration',
  }),
  method({
    name: 'showCampaign',
    summary: 'Retrieves information about the supplied Campaign',
    availability: 'Engage 7.6.0',
    args: [['campaign', Campaign]],
    result: one(Campaign),
    faults: { ...showFaults, ATTRIBUTE_NULL: M.ATTRIBUTE_NULL },
    part: 'configuration',
  }),
  method({
    name: 'listCampaigns',
    summary: 'Retrieves the campaigns of the Account created between fromDate and toDate',
    availability: 'Engage 7.6.0',
    args: [
      ['org', Org],
      ['fromDate', DateText, 'optional'],
      ['toDate', DateText, 'optional'],
    ],
    result: many(Campaign),
    faults: listFaults,
    part: 'configuration',
  }),
  method({
    name: 'listCampaignsUsingCampaign',
    summary: 'Retrieves the campaigns of the Account that match the supplied sample (core attributes only)',
    availability: 'Engage 10.1',
    args: [
      ['org', Org],
      ['sample', Campaign, 'optional'],
    ],
    result: many(Campaign),
    faults: listFaults,
    part: 'configuration',
  }),
  method({
    name: 'changeCampaign',
    summary: 'Updates fields/attributes of the supplied Campaign',
    availability: 'Engage 7.6.0',
    args: [['campaign', Campaign]],
    result: one(Campaign),
    faults: {
      ARG_NULL: M.ARG_NULL,
      ARG_INVALID_TYPE: M.ARG_INVALID_TYPE,
      ATTRIBUTE_INVALID_CHAR: 'Campaign name contains invalid characters',
      ATTRIBUTE_INVALID_FORMAT: 'Attribute is not formatted correctly',
      ATTRIBUTE_NULL: M.ATTRIBUTE_NULL,
      ATTRIBUTE_TRUNCATED: 'Description or externalId is too long',
      OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS,
    },
    part: 'configuration',
  }),
  method({
    name: 'createOutreachStrategy',
    summary: 'Adds a new Outreach Strategy to the organization (externalId required)',
    availability: 'Engage 10.0',
    args: [
      ['outreachStrategy', OutreachStrategy],
      ['org', Org],
    ],
    result: one(OutreachStrategy),
    faults: {
      ARG_INVALID_CHAR: M.ARG_INVALID_CHAR,
      ARG_INVALID_DATA: M.ARG_INVALID_DATA,
      ARG_INVALID_TYPE: M.ARG_INVALID_TYPE,
      ARG_NULL: M.ARG_NULL,
      ARG_TOO_LARGE: M.ARG_TOO_LARGE,
      OBJECT_EXISTS: M.OBJECT_EXISTS,
      OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS,
    },
    part: 'configuration',
  }),
  method({
    name: 'deleteOutreachStrategy',
    summary: 'Deletes the supplied Outreach Strategy (by internalId)',
    availability: 'Engage 10.0',
    args: [['outreachStrategy', OutreachStrategy]],
    faults: showFaults,
    part: 'configuration',
  }),
  method({
    name: 'showOutreachStrategy',
    summary: 'Retrieves the supplied Outreach Strategy (externalId + owner)',
    availability: 'Engage 10.0',
    args: [['outreachStrategy', OutreachStrategy]],
    result: one(OutreachStrategy),
    faults: showFaults,
    part: 'configuration',
  }),
  method({
    name: 'listOutreachStrategy',
    summary: 'Lists the Outreach Strategies of the organization that match the sample (all attributes must match)',
    availability: 'Engage 10.0',
    args: [
      ['org', Org],
      ['sample', OutreachStrategy, 'optional'],
    ],
    result: many(OutreachStrategy),
    faults: { ...listFaults, ATTRIBUTE_NULL: M.ATTRIBUTE_NULL },
    part: 'configuration',
  }),
  method({
    name: 'changeOutreachStrategy',
    summary: 'Updates fields/attributes of the supplied Outreach Strategy (document: availability "Future")',
    availability: 'Future',
    args: [['outreachStrategy', OutreachStrategy]],
    result: one(OutreachStrategy),
    faults: {
      ARG_INVALID_CHAR: M.ARG_INVALID_CHAR,
      ARG_INVALID_DATA: M.ARG_INVALID_DATA,
      ARG_NULL: M.ARG_NULL,
      OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS,
    },
    part: 'configuration',
  }),
  method({
    name: 'createComplianceRule',
    summary: 'Creates a new ComplianceRule associated with the identified entity',
    availability: 'Engage 10.3.0',
    args: [
      ['complianceRule', ComplianceRule],
      ['org', Org],
    ],
    result: one(ComplianceRule),
    faults: {
      ARG_INVALID_TYPE: M.ARG_INVALID_TYPE,
      ARG_NULL: M.ARG_NULL_SHORT,
      ATTRIBUTE_NULL: M.ATTRIBUTE_NULL,
      OBJECT_EXISTS: M.OBJECT_EXISTS,
      OBJECT_NOT_EXISTS: M.OBJECT_NOT_EXISTS,
    },
    part: 'configuration',
  }),
  method({
    name: 'deleteComplianceRule',
    summary: 'Deletes a ComplianceRule (by internalId)',
    availability: 'Engage 10.3.0',
    args: [['complianceRule', ComplianceRule]],
    faults: { ...common.type, ...showFaults },
    part: 'configuration',
  }),
  method({
    name: 'showComplianceRule',
    summary: 'Retrieves the supplied ComplianceRule (by internalId)',
    availability: 'Engage 10.3.0',
    args: [['complianceRule', ComplianceRule]],
    result: one(ComplianceRule),
    faults: { ...showFaults, ATTRIBUTE_NULL: M.ATTRIBUTE_NULL },
    part: 'configuration',
  }),
  method({
    name: 'listComplianceRules',
    summary: 'Retrieves the ComplianceRules of the Org (Date rules from the start of the prior calendar year)',
    availability: 'Engage 10.3.0',
    args: [['org', Org]],
    result: many(ComplianceRule),
    faults: listFaults,
    part: 'configuration',
  }),
  method({
    name: 'changeComplianceRule',
    summary: 'Updates fields/attributes of the supplied ComplianceRule (by internalId)',
    availability: 'Engage 10.3.0',
    args: [['complianceRule', ComplianceRule]],
    // The document's response reads "ComplianceRule[] (D): updated ComplianceRule": one rule, in one data.
    result: one(ComplianceRule),
    faults: { ARG_INVALID: M.ARG_INVALID, ...common.type, ...showFaults },
    part: 'configuration',
  }),
] as const;

// ---- Part 2: sub-campaigns, contact batches, contact attempts, pacing ------------------------------------------

const time = [
  ['fromTime', DateTimeText, 'optional'],
  ['toTime', DateTimeText, 'optional'],
] as const;
const inboundFaults: Faults = {
  ARG_INVALID_DATA: 'Argument contains invalid data: {0}.',
  ATTRIBUTE_NULL: 'Attribute {0} must be non-null.',
  ATTRIBUTE_INVALID: 'Attribute is invalid, reason: {0}.',
  ATTRIBUTE_INVALID_DATA: 'Attribute contains invalid data: {0}.',
};
const batchFaults: Faults = {
  ...common.type,
  ...common.ARG_NULL,
  ARG_TOO_LARGE: M.ARG_TOO_LARGE,
  OBJECT_EXISTS: M.OBJECT_EXISTS,
  ...common.notExists,
};

const outreach = [
  method({
    name: 'createSubCampaign',
    summary: 'Creates a SubCampaign using a supplied Script',
    availability: 'Engage 7.5.10',
    args: [
      ['subCampaign', SubCampaign],
      ['list', List],
      ['script', Script],
      ['org', Org],
    ],
    result: one(SubCampaign),
    faults: {
      ...common.type,
      ...common.ARG_NULL,
      OBJECT_EXISTS: M.OBJECT_EXISTS,
      ...common.notExists,
      SYSTEM_LIMIT_EXCEEDED: subCampaignLimit,
    },
    part: 'outreach',
  }),
  method({
    name: 'listSubCampaigns',
    summary: 'Retrieves the SubCampaigns of a Campaign',
    availability: 'Future',
    args: [['campaign', Campaign], ['includeDeleted', BooleanText, 'optional'], ...time],
    result: many(SubCampaign),
    faults: listFaults,
    part: 'outreach',
  }),
  method({
    name: 'showSubCampaignStateUsingContactAttempt',
    summary: 'Retrieves the SubCampaignState associated with the supplied ContactAttempt',
    availability: 'Engage 7.8.0',
    args: [['contactAttempt', ContactAttempt]],
    result: one(SubCampaignState),
    faults: { ...common.type, ...showFaults, ATTRIBUTE_NULL: M.ATTRIBUTE_NULL },
    part: 'outreach',
  }),
  method({
    name: 'changeSubCampaign',
    summary: 'Updates fields/attributes of the supplied SubCampaign',
    availability: 'Engage 7.7.0',
    args: [['subCampaign', SubCampaign]],
    result: one(SubCampaign),
    faults: {
      ...common.ARG_NULL,
      ATTRIBUTE_INVALID_CHAR: 'ExternalId contains invalid characters',
      ATTRIBUTE_INVALID_DATA: M.ARG_INVALID_DATA,
      ATTRIBUTE_NULL: M.ATTRIBUTE_NULL,
      ATTRIBUTE_TRUNCATED: 'List Definition name is too long',
      ...common.notExists,
    },
    part: 'outreach',
  }),
  method({
    name: 'showSubCampaignState',
    summary: 'Retrieves state information about the identified SubCampaign',
    availability: 'Engage 7.3.3',
    args: [['subCampaign', SubCampaign]],
    result: one(SubCampaignState),
    faults: { ...common.type, ...showFaults },
    part: 'outreach',
  }),
  method({
    name: 'listSubCampaignStates',
    summary: 'Retrieves state information about the SubCampaigns of the org',
    availability: 'Engage 7.5.5',
    args: [['org', Org], ['sample', SubCampaignState, 'optional'], ...time],
    result: many(SubCampaignState),
    faults: listFaults,
    part: 'outreach',
  }),
  method({
    name: 'changeSubCampaignState',
    summary: 'Starts, pauses, resumes or stops a SubCampaign (Running, Paused, Done/Stopping)',
    availability: 'Engage 7.5.5',
    args: [['subCampaignState', SubCampaignState]],
    result: one(SubCampaignState),
    faults: { ...common.type, ...showFaults },
    part: 'outreach',
  }),
  method({
    name: 'createContactAttempts',
    summary: 'Creates attempts to a set of contacts (deprecated as of 10.0)',
    availability: 'Engage 8.1.0 – deprecated as of 10.0',
    args: [
      ['campaign', Campaign, 'optional'],
      ['pass', Pass],
      ['contacts', z.array(Contact)],
      ['script', Script],
      ['org', Org],
    ],
    result: many(ContactAttempt),
    faults: { ...common.type, ...showFaults },
    part: 'outreach',
  }),
  method({
    name: 'createContactBatch',
    summary: 'Initiates outreach to a set of contacts',
    availability: 'Engage 10.0',
    args: [
      ['contactBatch', ContactBatch],
      ['contacts', z.array(Contact)],
      ['override', OutreachStrategy, 'optional'],
    ],
    result: one(ContactBatch),
    faults: batchFaults,
    part: 'outreach',
  }),
  method({
    name: 'createContactBatchAsync',
    summary: 'Initiates outreach to a set of contacts, queued and processed in batches',
    availability: 'Engage 12.0',
    args: [
      ['contactBatch', ContactBatch],
      ['contacts', z.array(Contact)],
      ['override', OutreachStrategy, 'optional'],
    ],
    result: one(ContactBatch),
    faults: { ...batchFaults, INTERNAL_ERROR: 'Internal error while processing the request' },
    part: 'outreach',
  }),
  method({
    name: 'showContactBatchState',
    summary: 'Retrieves state information for the supplied ContactBatch',
    availability: 'Engage 10.0',
    args: [['contactBatch', ContactBatch]],
    result: one(ContactBatchState),
    faults: showFaults,
    part: 'outreach',
  }),
  method({
    name: 'listContactBatchStates',
    summary: 'Retrieves ContactBatchStates by ContactBatch sample and time window',
    availability: '10.5.29',
    args: [['sample', ContactBatch, 'optional'], ...time],
    result: many(ContactBatchState),
    faults: listFaults,
    part: 'outreach',
  }),
  method({
    name: 'changeContactBatchState',
    summary: 'Cancels a ContactBatch (the only supported state change)',
    availability: 'Engage 10.0',
    args: [['contactBatchState', ContactBatchState]],
    result: one(ContactBatchState),
    faults: {
      ...common.type,
      ...showFaults,
      INVALID_STATE: 'If an attempt is made to cancel a Done or Cancelled batch',
    },
    part: 'outreach',
  }),
  method({
    name: 'showContactAttempts',
    summary: 'Retrieves state information about the identified ContactAttempts (≤ 100)',
    availability: 'Engage 7.7.0',
    args: [['contactAttempts', z.array(ContactAttempt)]],
    result: many(ContactAttempt),
    faults: { ...common.type, ...showFaults, ARG_TOO_LARGE: M.ARG_TOO_LARGE },
    part: 'outreach',
  }),
  method({
    name: 'listContactAttempts',
    summary: 'Retrieves contact attempts by contact or device externalId (≤ 500)',
    availability: 'Engage 7.7.0',
    args: [['org', Org], ['sample', ContactAttempt, 'optional'], ...time],
    result: many(ContactAttempt),
    faults: listFaults,
    part: 'outreach',
  }),
  method({
    name: 'listContactAttemptsUsingUser',
    summary: 'Retrieves the contact attempts of an agent (≤ 500)',
    availability: 'Engage 12.0.0',
    args: [['user', User], ['sample', ContactAttempt, 'optional'], ...time],
    result: many(ContactAttempt),
    faults: {
      ATTRIBUTE_INVALID_DATA: "=Attribute contains invalid data: '%s'.",
      ATTRIBUTE_INVALID_FORMAT: "Attribute '%s' has an invalid format.",
      ...showFaults,
      ...common.tooLarge,
      ATTRIBUTE_NULL: "Attribute '%s' must be non-null.",
      NO_SESSION: M.NO_SESSION,
    },
    part: 'outreach',
  }),
  method({
    name: 'listContactAttemptsUsingContactBatch',
    summary: 'Retrieves the contact attempts of a ContactBatch (≤ 1000)',
    availability: 'Unscheduled',
    args: [['contactBatch', ContactBatch], ...time],
    result: many(ContactAttempt),
    faults: listFaults,
    part: 'outreach',
  }),
  method({
    name: 'changeContactAttempt',
    summary: 'Adds the archive tag to a ContactAttempt (Text only)',
    availability: 'Engage 7.7.0',
    args: [['contactAttempt', ContactAttempt]],
    result: one(ContactAttempt),
    faults: { ...common.type, ...showFaults },
    part: 'outreach',
  }),
  method({
    name: 'createSubCampaignUsingInboundDevice',
    summary: 'Creates a SubCampaign with an inbound Device using a supplied Script',
    availability: 'Engage 11.8',
    args: [
      ['subCampaign', SubCampaign],
      ['script', Script],
      ['org', Org],
      ['device', Device],
    ],
    result: one(SubCampaign),
    faults: {
      ...common.type,
      ...common.ARG_NULL,
      OBJECT_EXISTS: M.OBJECT_EXISTS,
      ...common.notExists,
      SYSTEM_LIMIT_EXCEEDED: subCampaignLimit,
      ...inboundFaults,
      INBOUND_SUBCAMPAIGN_INVALID_LABEL: 'Label invalid. Please enter a valid label.',
      INBOUND_TEXT_KEYWORD_ALREADY_ACTIVE: 'ShortCode: {0} with keyword: {1} is already active.',
    },
    part: 'outreach',
  }),
  method({
    name: 'previewPacing',
    summary: 'Returns the Pacing Info for a set of passes assuming the supplied AgentGroup/SubCampaign changes',
    availability: 'Engage 12.8',
    args: [['entities', z.array(BaseEntity)]],
    result: many(PacingInfo),
    faults: { ...common.type, ...showFaults, ...inboundFaults },
    part: 'outreach',
  }),
] as const;

// ---- Other services real clients call (not in the document: assumed) -------------------------------------------

const support = [
  method({
    name: 'showSystemInfo',
    service: 'platform',
    summary: 'assumed: name/value pairs describing the platform (real clients call it at login)',
    availability: 'assumed',
    args: [],
    result: many(NameValue),
    faults: {},
    part: 'support',
  }),
  method({
    name: 'showCurrentSession',
    service: 'platform',
    summary: 'assumed: the session the WS-Security token opened (user and org)',
    availability: 'assumed',
    args: [],
    result: one(Session),
    faults: {},
    part: 'support',
  }),
  method({
    name: 'listLists',
    service: 'contact',
    summary: 'assumed: the contact lists of an org (to find list ids for createSubCampaign)',
    availability: 'assumed',
    args: [['org', Org]],
    result: many(List),
    faults: listFaults,
    part: 'support',
  }),
  method({
    name: 'showList',
    service: 'contact',
    summary: 'assumed: one contact list (internalId, or externalId and owner)',
    availability: 'assumed',
    args: [['list', List]],
    result: one(List),
    faults: showFaults,
    part: 'support',
  }),
] as const;

/** Every method of the document (39: 19 configuration, 20 outreach), then the assumed support methods. */
export const ENGAGE_OPERATIONS = declareOperations([...configuration, ...outreach, ...support]);
export const CONFIGURATION_OPERATIONS = configuration;
export const OUTREACH_OPERATIONS = outreach;
export const SUPPORT_OPERATIONS = support;

/** The documented methods of the campaign methods page (the WSDL of CampaignManagementService110). */
export const DOCUMENTED_METHOD_COUNT = configuration.length + outreach.length;

export const ENGAGE_METHODS: ReadonlyMap<string, EngageMethod> = new Map(methods.map((m) => [m.name, m]));

/** A method's documented message for a code (its own wording, else the common one). */
export function faultMessage(operation: string | undefined, code: string): string | undefined {
  const own = operation ? ENGAGE_METHODS.get(operation)?.faults[code] : undefined;
  return own ?? (MESSAGES as Record<string, string>)[code];
}

/** The services and the operations each one serves, for dispatch and WSDL. */
export function operationsOf(service: EngageService): readonly OperationSpec[] {
  return ENGAGE_OPERATIONS.filter((op) => ENGAGE_METHODS.get(op.name)?.service === service);
}
