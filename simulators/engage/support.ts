import type { List, Org } from '../../contracts/engage/entities.ts';
import type { SUPPORT_OPERATIONS } from '../../contracts/engage/operations.ts';
import type { SoapCall, SoapHandlers } from '../core/soap.ts';
import { engageFault } from './errors.ts';
import { type EngageState, type NamedModel, dateTime, orgRef, orgView, ownedName } from './models.ts';
import { accountOf, resolveOrg } from './orgs.ts';

/**
 * Methods of the API's other services that real clients call at login and to find list ids (README; not in the
 * document, so every answer here is assumed): PlatformManagementService110 and ContactManagementService110.
 */
type Call = SoapCall<EngageState>;

export const SYSTEM_INFO = { product: 'Genesys Engage (campaign-sim)', version: '12.8', apiVersion: '110' } as const;

const listView = (state: EngageState, list: NamedModel) => ({
  internalId: list.internalId,
  externalId: list.externalId,
  owner: orgRef(state, list.ownerId),
  size: list.size === undefined ? undefined : String(list.size),
});

function showSystemInfo(call: Call) {
  return [
    ...Object.entries(SYSTEM_INFO).map(([name, value]) => ({ name, value })),
    { name: 'serverTime', value: dateTime(call.now()) },
  ];
}

function showCurrentSession(call: Call) {
  const { state } = call;
  return [
    {
      externalId: state.username,
      user: { externalId: state.username, role: 'API' },
      org: orgView(state, state.orgs.get(state.accountId) as NonNullable<ReturnType<typeof state.orgs.get>>),
      createdDate: dateTime(call.now()),
    },
  ];
}

function listLists(call: Call) {
  const { state } = call;
  const [orgArg] = call.args as [Org];
  const account = accountOf(state, resolveOrg(state, call.operation.name, orgArg));
  const lists = state.lists.filter((l) => l.ownerId === account.internalId);
  if (lists.length > 1000) throw engageFault(call.operation.name, 'RESULT_TOO_LARGE');
  return lists.map((l) => listView(state, l));
}

function showList(call: Call) {
  const { state } = call;
  const [list] = call.args as [List];
  const name = call.operation.name;
  const id = list.internalId?.trim();
  let found: NamedModel | undefined;
  if (id) found = state.lists.find((l) => l.internalId === id);
  else if (list.externalId && list.owner) {
    const owner = accountOf(state, resolveOrg(state, name, list.owner));
    found = state.lists.find(
      (l) => ownedName(l.ownerId, l.externalId) === ownedName(owner.internalId, list.externalId as string),
    );
  } else throw engageFault(name, 'ARG_NULL', 'list');
  if (!found) throw engageFault(name, 'OBJECT_NOT_EXISTS', `List ${id ?? list.externalId}`);
  return [listView(state, found)];
}

export const supportHandlers: SoapHandlers<EngageState, typeof SUPPORT_OPERATIONS> = {
  showSystemInfo,
  showCurrentSession,
  listLists,
  showList,
};
