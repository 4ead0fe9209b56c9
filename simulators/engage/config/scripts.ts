import type { Org, Script } from '../../../contracts/engage/entities.ts';
import { type EngageState, type ScriptModel, dateTime, nextId, orgRef, ownedName } from '../models.ts';
import { accountOf, resolveOrg } from '../orgs.ts';
import { type Call, MAX_TEXT, fault, hasInvalidChars, isBlank, within } from './common.ts';

/** Documented limits (createScript, createScriptUsingContent, listScripts). */
export const SCRIPT_LIMITS = {
  activeScripts: 100,
  templateItems: 10,
  contentItems: 500,
  contentBytes: 5 * 1024 * 1024,
  listed: 1000,
  extensions: ['.js', '.xml', '.xsl', '.wav'],
} as const;

export function scriptView(state: EngageState, script: ScriptModel) {
  return {
    internalId: script.internalId,
    externalId: script.externalId,
    owner: orgRef(state, script.ownerId),
    description: script.description,
    template: String(script.template),
    elements: script.elements.map((e) => e.name),
    ...(script.agentGroupRequirement ? { agentGroupRequirement: script.agentGroupRequirement } : {}),
    createdDate: dateTime(script.createdAt),
  };
}

/** Bytes a base64 text stands for, without decoding it (a 5 MB upload is never copied). */
export function base64Bytes(text: string): number {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((compact.length * 3) / 4) - padding);
}

const activeScripts = (state: EngageState, accountId: string) =>
  [...state.scripts.values()].filter((s) => s.ownerId === accountId && !s.template).length;

/** A script by internalId, or by externalId (in `owner`'s account when given, else the caller's account). */
export function findScript(call: Call, script: Script, needOwner: boolean): ScriptModel {
  const { state } = call;
  if (!isBlank(script.internalId)) {
    const found = state.scripts.get(script.internalId.trim());
    if (!found) throw fault(call, 'OBJECT_NOT_EXISTS', `Script ${script.internalId.trim()}`);
    return found;
  }
  if (isBlank(script.externalId)) throw fault(call, 'ARG_NULL', 'script');
  if (needOwner && !script.owner) throw fault(call, 'ARG_NULL', 'owner');
  const owner = script.owner
    ? accountOf(state, resolveOrg(state, call.operation.name, script.owner))
    : (state.orgs.get(state.accountId) as NonNullable<ReturnType<typeof state.orgs.get>>);
  const found = state.scripts.by('name', ownedName(owner.internalId, script.externalId));
  if (!found) throw fault(call, 'OBJECT_NOT_EXISTS', `Script ${script.externalId}`);
  return found;
}

function insertScript(
  call: Call,
  accountId: string,
  name: string,
  init: Omit<ScriptModel, 'internalId' | 'externalId' | 'ownerId' | 'createdAt'>,
) {
  const { state } = call;
  if (state.scripts.by('name', ownedName(accountId, name))) throw fault(call, 'OBJECT_EXISTS', name);
  if (activeScripts(state, accountId) >= SCRIPT_LIMITS.activeScripts) throw fault(call, 'SYSTEM_LIMIT_EXCEEDED');
  const script: ScriptModel = {
    internalId: nextId(state),
    externalId: name,
    ownerId: accountId,
    createdAt: call.now(),
    ...init,
  };
  state.scripts.insert(script);
  return [scriptView(state, script)];
}

export function createScript(call: Call) {
  const [templateArg, newName, names = [], contents = [], orgArg] = call.args as [
    Script,
    string,
    string[] | undefined,
    string[] | undefined,
    Org,
  ];
  const account = accountOf(call.state, resolveOrg(call.state, call.operation.name, orgArg));
  if (isBlank(newName)) throw fault(call, 'ARG_NULL', 'newName');
  if (newName.length > MAX_TEXT) throw fault(call, 'ARG_TOO_LARGE', 'newName');
  const template = findScript(call, templateArg, false);
  if (!template.template || names.length !== contents.length) throw fault(call, 'ARG_INVALID_DATA');
  if (names.length > SCRIPT_LIMITS.templateItems) throw fault(call, 'ARG_TOO_LARGE', 'elementNames');
  if (names.some((n) => isBlank(n))) throw fault(call, 'ATTRIBUTE_NULL', 'elementNames');
  // Only the template's own elements can be replaced (assumed: the document says "names of elements to be replaced").
  if (names.some((n) => !template.elements.some((e) => e.name === n))) throw fault(call, 'ARG_INVALID_DATA');
  const elements = template.elements.map((e) => {
    const index = names.indexOf(e.name);
    return index < 0 ? { ...e } : { name: e.name, bytes: base64Bytes(contents[index] as string) };
  });
  // The copy keeps the template's agent-group requirement (assumed: what the script does comes from its template).
  return insertScript(call, account.internalId, newName, {
    template: false,
    elements,
    description: template.description,
    ...(template.agentGroupRequirement ? { agentGroupRequirement: template.agentGroupRequirement } : {}),
  });
}

export function createScriptUsingContent(call: Call) {
  const [name, contentNames, contentData, orgArg] = call.args as [string, string[], string[], Org];
  const account = accountOf(call.state, resolveOrg(call.state, call.operation.name, orgArg));
  if (isBlank(name)) throw fault(call, 'ARG_NULL', 'name');
  if (hasInvalidChars(name)) throw fault(call, 'ARG_INVALID_CHAR', 'name');
  if (name.length > MAX_TEXT) throw fault(call, 'ARG_TOO_LARGE', 'name');
  if (contentNames.length === 0) throw fault(call, 'ARG_NULL', 'contentNames');
  if (contentNames.length !== contentData.length) throw fault(call, 'ARG_INVALID_DATA', 'contentData');
  if (contentNames.length > SCRIPT_LIMITS.contentItems) throw fault(call, 'ARG_TOO_LARGE', 'contentNames');
  for (const contentName of contentNames) {
    if (isBlank(contentName)) throw fault(call, 'ATTRIBUTE_NULL', 'contentNames');
    if (hasInvalidChars(contentName)) throw fault(call, 'ARG_INVALID_CHAR', 'contentNames');
    const extension = contentName.slice(contentName.lastIndexOf('.')).toLowerCase();
    if (!(SCRIPT_LIMITS.extensions as readonly string[]).includes(extension)) {
      throw fault(call, 'ARG_INVALID_DATA', contentName);
    }
  }
  const elements = contentNames.map((n, i) => ({ name: n, bytes: base64Bytes(contentData[i] as string) }));
  if (elements.reduce((sum, e) => sum + e.bytes, 0) > SCRIPT_LIMITS.contentBytes) {
    throw fault(call, 'ARG_TOO_LARGE', 'contentData');
  }
  return insertScript(call, account.internalId, name, { template: false, elements });
}

export function deleteScript(call: Call) {
  const [script] = call.args as [Script];
  call.state.scripts.delete(findScript(call, script, true));
}

export function listScripts(call: Call) {
  const { state } = call;
  const [orgArg] = call.args as [Org];
  const account = accountOf(state, resolveOrg(state, call.operation.name, orgArg));
  const scripts = [...state.scripts.values()].filter((s) => s.ownerId === account.internalId);
  return within(call, scripts, SCRIPT_LIMITS.listed).map((s) => scriptView(state, s));
}
