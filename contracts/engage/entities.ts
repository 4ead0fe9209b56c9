import { z } from 'zod';

/**
 * The Engage (SoundBite) entity types as they travel in SOAP bodies: every leaf is text (XML has no numbers; whitespace
 * inside strings is kept), lists are repeated elements, extra properties are `attributes` name/value pairs. The
 * simulator validates arguments with these schemas, the WSDL's XSD types are generated from them (`wsdl.ts`), and the
 * reference client parses answers with them. Every field is optional on the wire: which ones a method needs is that
 * method's documented rule, checked by its handler with the documented error code.
 *
 * `xsd` metadata names the XSD built-in a text field stands for (dates, numbers, booleans, base64 bytes).
 */
const xsd = (type: string) => ({ xsd: type });

export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;
/** An xs:date; a dateTime is accepted too (clients send either where the document says `date`). */
export const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

export const Text = z.string();
export const DateTimeText = z.string().regex(DATE_TIME, 'not an xs:dateTime').meta(xsd('dateTime'));
export const DateText = z.string().regex(DATE, 'not an xs:date').meta(xsd('date'));
export const IntegerText = z
  .string()
  .regex(/^\s*[+-]?\d{1,18}\s*$/, 'not an integer')
  .meta(xsd('long'));
export const DecimalText = z
  .string()
  .regex(/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/, 'not a number')
  .meta(xsd('double'));
export const BooleanText = z
  .string()
  .regex(/^\s*(true|false|1|0)\s*$/, 'not a boolean')
  .meta(xsd('boolean'));
/** `byte[]` travels as base64 (whitespace allowed inside, as xs:base64Binary allows). */
export const Base64Text = z
  .string()
  .regex(/^[A-Za-z0-9+/=\s]*$/, 'not base64')
  .meta(xsd('base64Binary'));

export const Attribute = z.object({ name: Text.optional(), value: Text.optional() }).meta({ xsdType: 'attribute' });
export type Attribute = z.infer<typeof Attribute>;

/** Every entity has these (README: "Every entity has internalId, externalId and attributes"). */
const base = {
  internalId: IntegerText.optional(),
  externalId: Text.optional(),
  attributes: z.array(Attribute).optional(),
};

export const ORG_TYPES = ['Account', 'Enterprise'] as const;

export interface Org {
  internalId?: string;
  externalId?: string;
  attributes?: Attribute[];
  type?: (typeof ORG_TYPES)[number];
  parent?: Org;
}
export const Org: z.ZodType<Org> = z
  .object({
    ...base,
    type: z.enum(ORG_TYPES).optional(),
    get parent() {
      return Org.optional();
    },
  })
  .meta({ xsdType: 'org' });

/** A script; `template` marks the ones `createScript` copies, `elements` names its content parts. */
export const Script = z
  .object({
    ...base,
    owner: Org.optional(),
    description: Text.optional(),
    template: BooleanText.optional(),
    elements: z.array(Text).optional(),
    // Assumed (the document's INBOUND_*_AGENT_GROUP codes): `None`, `Standard` or `Portal`; absent = any or none.
    agentGroupRequirement: Text.optional(),
    createdDate: DateTimeText.optional(),
  })
  .meta({ xsdType: 'script' });
export type Script = z.infer<typeof Script>;

export const Campaign = z
  .object({ ...base, owner: Org.optional(), description: Text.optional(), createdDate: DateTimeText.optional() })
  .meta({ xsdType: 'campaign' });
export type Campaign = z.infer<typeof Campaign>;

/** Pass `channel`: 0 None, 1 Voice, 2 Email, 3 Text, 4 Dialer, 5 Preview, 6 Manual, 7 Web (README). */
export const PASS_CHANNELS = ['None', 'Voice', 'Email', 'Text', 'Dialer', 'Preview', 'Manual', 'Web'] as const;

export const Pass = z
  .object({
    ...base,
    name: Text.optional(),
    channel: IntegerText.optional(),
    pacing: Text.optional(),
    pacingPriority: IntegerText.optional(),
    contactsPerMinute: IntegerText.optional(),
    maxContactsPerMinute: IntegerText.optional(),
    leaveMessage: BooleanText.optional(),
    callerId: Text.optional(),
  })
  .meta({ xsdType: 'pass' });
export type Pass = z.infer<typeof Pass>;

export const PassState = z
  .object({ ...base, pass: Pass.optional(), state: Text.optional() })
  .meta({ xsdType: 'passState' });

export const OutreachStrategy = z
  .object({ ...base, owner: Org.optional(), description: Text.optional(), passes: z.array(Pass).optional() })
  .meta({ xsdType: 'outreachStrategy' });
export type OutreachStrategy = z.infer<typeof OutreachStrategy>;

export const COMPLIANCE_RULE_TYPES = ['Date', 'Region'] as const;

/** `elements`: the dates (Date type, `yyyy-MM-dd`) or region codes (Region type) the rule covers. */
export const ComplianceRule = z
  .object({
    ...base,
    owner: Org.optional(),
    type: Text.optional(),
    description: Text.optional(),
    elements: z.array(Text).optional(),
  })
  .meta({ xsdType: 'complianceRule' });
export type ComplianceRule = z.infer<typeof ComplianceRule>;

export const List = z
  .object({ ...base, owner: Org.optional(), size: IntegerText.optional() })
  .meta({ xsdType: 'list' });
export type List = z.infer<typeof List>;

export const AgentGroup = z
  .object({
    ...base,
    owner: Org.optional(),
    // Assumed (INBOUND_SCRIPT_REQUIRES_PORTAL/STANDARD_AGENT_GROUP): `Standard` or `Portal`.
    type: Text.optional(),
    allocatedCount: IntegerText.optional(),
    intensity: IntegerText.optional(),
  })
  .meta({ xsdType: 'agentGroup' });
export type AgentGroup = z.infer<typeof AgentGroup>;

export const User = z.object({ ...base, owner: Org.optional(), role: Text.optional() }).meta({ xsdType: 'user' });
export type User = z.infer<typeof User>;

export const SubCampaign = z
  .object({
    ...base,
    campaign: Campaign.optional(),
    owner: Org.optional(),
    list: List.optional(),
    script: Script.optional(),
    type: Text.optional(),
    intensity: IntegerText.optional(),
    passes: z.array(Pass).optional(),
    agentGroups: z.array(AgentGroup).optional(),
  })
  .meta({ xsdType: 'subCampaign' });
export type SubCampaign = z.infer<typeof SubCampaign>;

export const SubCampaignState = z
  .object({
    ...base,
    subCampaign: SubCampaign.optional(),
    state: Text.optional(),
    passStates: z.array(PassState).optional(),
  })
  .meta({ xsdType: 'subCampaignState' });
export type SubCampaignState = z.infer<typeof SubCampaignState>;

export const Device = z
  .object({
    ...base,
    inboundDeviceType: Text.optional(),
    keywords: z.array(Text).optional(),
    createdDate: DateTimeText.optional(),
    updatedDate: DateTimeText.optional(),
  })
  .meta({ xsdType: 'device' });
export type Device = z.infer<typeof Device>;

export const Contact = z
  .object({ ...base, owner: Org.optional(), devices: z.array(Device).optional() })
  .meta({ xsdType: 'contact' });
export type Contact = z.infer<typeof Contact>;

export const ContactBatch = z
  .object({
    ...base,
    campaign: Campaign.optional(),
    outreachStrategy: OutreachStrategy.optional(),
    script: Script.optional(),
    agentGroup: AgentGroup.optional(),
    agent: User.optional(),
    owner: Org.optional(),
    requestedStartTime: DateTimeText.optional(),
    maxDuration: IntegerText.optional(),
  })
  .meta({ xsdType: 'contactBatch' });
export type ContactBatch = z.infer<typeof ContactBatch>;

export const ContactBatchState = z
  .object({ ...base, contactBatch: ContactBatch.optional(), state: Text.optional() })
  .meta({ xsdType: 'contactBatchState' });
export type ContactBatchState = z.infer<typeof ContactBatchState>;

export const ContactAttempt = z
  .object({
    ...base,
    contact: Contact.optional(),
    device: Device.optional(),
    secondaryDevice: Device.optional(),
    messageText: Text.optional(),
    subCampaign: SubCampaign.optional(),
    contactBatch: ContactBatch.optional(),
    state: Text.optional(),
    tags: z.array(Text).optional(),
    attemptedDate: DateTimeText.optional(),
    // Part 2 (issue: "ContactAttempt: … user, outcome, startTime"): who took it, how it ended, when it started.
    user: User.optional(),
    outcome: Text.optional(),
    startTime: DateTimeText.optional(),
  })
  .meta({ xsdType: 'contactAttempt' });
export type ContactAttempt = z.infer<typeof ContactAttempt>;

export const PacingInfo = z
  .object({
    ...base,
    subCampaign: SubCampaign.optional(),
    pass: Pass.optional(),
    contactsPerMinute: IntegerText.optional(),
    pacing: Text.optional(),
  })
  .meta({ xsdType: 'pacingInfo' });
export type PacingInfo = z.infer<typeof PacingInfo>;

/** `previewPacing` takes AgentGroups and SubCampaigns: the common base (the kind is told by `xsi:type`). */
export const BaseEntity = z
  .object({
    ...base,
    allocatedCount: IntegerText.optional(),
    intensity: IntegerText.optional(),
    passes: z.array(Pass).optional(),
  })
  .meta({ xsdType: 'baseEntity' });
export type BaseEntity = z.infer<typeof BaseEntity>;

/** A `data` item of `showSystemInfo`: one name/value pair (assumed, README: "name/value data items"). */
export const NameValue = z.object({ name: Text.optional(), value: Text.optional() }).meta({ xsdType: 'nameValue' });

/** `showCurrentSession` (assumed): who the WS-Security token authenticated, in which org. */
export const Session = z
  .object({ ...base, user: User.optional(), org: Org.optional(), createdDate: DateTimeText.optional() })
  .meta({ xsdType: 'session' });

/** Every named XSD type, in WSDL order. */
export const ENGAGE_TYPES = [
  Attribute,
  Org,
  Script,
  Campaign,
  Pass,
  PassState,
  OutreachStrategy,
  ComplianceRule,
  List,
  AgentGroup,
  User,
  SubCampaign,
  SubCampaignState,
  Device,
  Contact,
  ContactBatch,
  ContactBatchState,
  ContactAttempt,
  PacingInfo,
  BaseEntity,
  NameValue,
  Session,
] as const;
