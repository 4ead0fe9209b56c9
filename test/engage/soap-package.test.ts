import * as soap from 'soap';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENGAGE_METHODS } from '../../contracts/engage/operations.ts';
import { SERVICES, type EngageService } from '../../contracts/engage/operations.ts';
import { useEngage } from './harness.ts';

/**
 * Interop with a standard SOAP toolkit we did not write: the npm `soap` package builds its client from the WSDL the
 * simulator serves (`?wsdl`), signs with its own WS-Security UsernameToken (PasswordText, with Created), and calls
 * every implemented method. Faults come back as its own errors carrying our fault body.
 */
const t = useEngage();

type Callback = (err: unknown, result: Record<string, unknown> | undefined) => void;
type Client = soap.Client & Record<string, (args: object, callback: Callback) => void>;
const clients = new Map<EngageService, Client>();

async function clientOf(service: EngageService): Promise<Client> {
  const { port } = t.server.server.address() as { port: number };
  // The toolkit reads an `attributes` key as XML attributes by default: Engage's `attributes` elements need another.
  const client = (await soap.createClientAsync(`http://127.0.0.1:${port}/engage${SERVICES[service]}?wsdl`, {
    attributesKey: '$attributes',
  })) as Client;
  client.setSecurity(
    new soap.WSSecurity(t.sb.section.username, t.sb.section.password, {
      passwordType: 'PasswordText',
      hasTimeStamp: false,
    }),
  );
  return client;
}

beforeEach(async () => {
  for (const service of Object.keys(SERVICES) as EngageService[]) clients.set(service, await clientOf(service));
});

const called = new Set<string>();
/** Calls a method through the generated client; answers the `data` items (always a list: `maxOccurs` unbounded). */
async function call(
  method: string,
  args: object,
  service: EngageService = 'campaign',
): Promise<Record<string, unknown>[]> {
  const client = clients.get(service) as Client;
  // The callback form: the toolkit's promise form `${method}Async` collides with the document's
  // `createContactBatchAsync` (which replaces createContactBatch's promise wrapper).
  const fn = client[method];
  expect(fn, `${method} is in the WSDL`).toBeTypeOf('function');
  called.add(method);
  const result = await new Promise<Record<string, unknown> | undefined>((resolve, reject) =>
    fn!.call(client, args, ((err, answer) => (err ? reject(err) : resolve(answer))) satisfies Callback),
  );
  return ((result?.return as { data?: Record<string, unknown>[] } | undefined)?.data ?? []) as Record<
    string,
    unknown
  >[];
}

async function fault(method: string, args: object): Promise<{ errorCode?: string; faultstring: string }> {
  try {
    await call(method, args);
  } catch (err) {
    const body = (
      err as {
        root?: {
          Envelope: { Body: { Fault: { faultstring: string; detail?: { ApiFault?: { errorCode: string } } } } };
        };
      }
    ).root;
    const f = body?.Envelope.Body.Fault;
    if (f) return { faultstring: f.faultstring, errorCode: f.detail?.ApiFault?.errorCode };
    throw err;
  }
  throw new Error(`${method} did not fault`);
}

const account = () => ({ internalId: t.sb.section.account.internalId, type: 'Account' });
const enterprise = () => ({ internalId: t.sb.section.enterprise.internalId, type: 'Enterprise' });
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('the npm soap package, from the served WSDL', () => {
  it('scripts: createScript, createScriptUsingContent, listScripts, deleteScript', async () => {
    const [template] = t.sb.section.templates;
    const [copy] = await call('createScript', {
      arg1: { internalId: template!.internalId },
      arg2: 'Copy of template',
      arg3: ['main.xml'],
      arg4: [b64('<vxml/>')],
      arg5: account(),
    });
    expect(copy).toMatchObject({ externalId: 'Copy of template', template: false });
    const [uploaded] = await call('createScriptUsingContent', {
      arg1: 'Uploaded',
      arg2: ['main.xml', 'prompt.wav'],
      arg3: [b64('<vxml/>'), b64('RIFF')],
      arg4: enterprise(),
    });
    // Documented: an Enterprise puts it in its master account.
    expect((uploaded!.owner as { internalId: unknown }).internalId).toBe(Number(t.sb.section.account.internalId));
    const names = (await call('listScripts', { arg1: enterprise() })).map((s) => s.externalId);
    expect(names).toEqual(expect.arrayContaining(['Copy of template', 'Uploaded']));
    expect(await call('deleteScript', { arg1: { internalId: uploaded!.internalId } })).toEqual([]);
    expect((await call('listScripts', { arg1: account() })).map((s) => s.externalId)).not.toContain('Uploaded');
  });

  it('campaigns: createCampaign, showCampaign, listCampaigns, listCampaignsUsingCampaign, changeCampaign', async () => {
    const [created] = await call('createCampaign', {
      arg1: {
        externalId: 'Spring Drive',
        description: 'via soap',
        attributes: [{ name: 'endDate', value: '2025-06-01T00:00:00Z' }],
      },
      arg2: account(),
    });
    expect(created).toMatchObject({ externalId: 'Spring Drive', description: 'via soap' });
    const [shown] = await call('showCampaign', { arg1: { internalId: created!.internalId } });
    expect(shown!.externalId).toBe('Spring Drive');
    const listed = await call('listCampaigns', { arg1: account(), arg2: '2025-03-01', arg3: '2025-03-01' });
    expect(listed.map((c) => c.externalId)).toContain('Spring Drive');
    const sampled = await call('listCampaignsUsingCampaign', { arg1: account(), arg2: { externalId: 'Spring Drive' } });
    expect(sampled.map((c) => c.internalId)).toEqual([created!.internalId]);
    const [changed] = await call('changeCampaign', {
      arg1: { internalId: created!.internalId, description: 'changed' },
    });
    expect(changed!.description).toBe('changed');
  });

  it('outreach strategies: create, show, list, change, delete', async () => {
    const [created] = await call('createOutreachStrategy', {
      arg1: { externalId: 'Text first', passes: [{ name: 'sms', channel: 3 }] },
      arg2: account(),
    });
    expect(created).toMatchObject({ externalId: 'Text first' });
    const [shown] = await call('showOutreachStrategy', { arg1: { externalId: 'Text first', owner: account() } });
    expect(shown!.internalId).toBe(created!.internalId);
    const listed = await call('listOutreachStrategy', { arg1: account() });
    expect(listed.length).toBe(t.sb.section.outreachStrategies.length + 1);
    const [changed] = await call('changeOutreachStrategy', {
      arg1: { internalId: created!.internalId, description: 'new' },
    });
    expect(changed!.description).toBe('new');
    expect(await call('deleteOutreachStrategy', { arg1: { internalId: created!.internalId } })).toEqual([]);
  });

  it('compliance rules: create, show, list, change, delete', async () => {
    const [rule] = await call('createComplianceRule', {
      arg1: { type: 'Date', elements: ['2025-12-25', '2025-12-26'], description: 'Holidays' },
      arg2: account(),
    });
    expect(rule).toMatchObject({ type: 'Date', elements: ['2025-12-25', '2025-12-26'] });
    const [region] = await call('createComplianceRule', {
      arg1: { type: 'Region', elements: ['CA'] },
      arg2: enterprise(),
    });
    expect(region!.type).toBe('Region');
    const [shown] = await call('showComplianceRule', { arg1: { internalId: rule!.internalId } });
    expect(shown!.description).toBe('Holidays');
    expect((await call('listComplianceRules', { arg1: account() })).map((r) => r.internalId)).toEqual([
      rule!.internalId,
    ]);
    const [changed] = await call('changeComplianceRule', {
      arg1: { internalId: rule!.internalId, elements: ['2025-07-04'] },
    });
    expect(changed!.elements).toEqual(['2025-07-04']);
    expect(await call('deleteComplianceRule', { arg1: { internalId: rule!.internalId } })).toEqual([]);
  });

  it('the platform and contact services: showSystemInfo, showCurrentSession, listLists, showList', async () => {
    const info = await call('showSystemInfo', {}, 'platform');
    expect(info.map((i) => i.name)).toContain('version');
    const [session] = await call('showCurrentSession', {}, 'platform');
    expect((session!.user as { externalId: string }).externalId).toBe(t.sb.section.username);
    const lists = await call('listLists', { arg1: account() }, 'contact');
    expect(lists.map((l) => l.externalId)).toEqual(t.sb.section.lists.map((l) => l.externalId));
    const [list] = await call('showList', { arg1: { internalId: t.sb.section.lists[0]!.internalId } }, 'contact');
    expect(list!.externalId).toBe(t.sb.section.lists[0]!.externalId);
  });

  it('faults reach the toolkit as SOAP faults carrying the documented code', async () => {
    expect(await fault('showCampaign', { arg1: { internalId: 424242 } })).toEqual({
      faultstring: "Referenced object 'Campaign 424242' does not exist",
      errorCode: 'OBJECT_NOT_EXISTS',
    });
    expect(
      (await fault('createCampaign', { arg1: { externalId: t.sb.section.campaigns[0]!.externalId }, arg2: account() }))
        .errorCode,
    ).toBe('OBJECT_EXISTS');
  });

  it('outreach: the 20 part-2 methods, from sub-campaign to attempts', async () => {
    const { section } = t.sb;
    const campaign = { internalId: section.campaigns[0]!.internalId };
    const script = { internalId: section.scripts[0]!.internalId };
    const [sub] = await call('createSubCampaign', {
      arg1: { externalId: 'Toolkit calls', campaign },
      arg2: { internalId: section.lists[1]!.internalId },
      arg3: script,
      arg4: account(),
    });
    expect(sub).toMatchObject({ externalId: 'Toolkit calls', type: 'Outbound' });
    const subRef = { internalId: sub!.internalId };
    expect((await call('listSubCampaigns', { arg1: campaign })).map((s) => s.externalId)).toContain('Toolkit calls');
    await t.sb.admin('POST', '/clock', { advanceMs: 60_000 }).expect(200);
    const [state] = await call('showSubCampaignState', { arg1: subRef });
    expect(state).toMatchObject({ subCampaign: { externalId: 'Toolkit calls' }, state: 'Running' });
    const [changed] = await call('changeSubCampaign', { arg1: { ...subRef, intensity: 50 } });
    expect(Number(changed!.intensity)).toBe(50);
    const [paused] = await call('changeSubCampaignState', { arg1: { subCampaign: subRef, state: 'Paused' } });
    expect(paused).toMatchObject({ state: 'Paused' });
    const states = await call('listSubCampaignStates', { arg1: account(), arg2: { state: 'All' } });
    expect(states.map((s) => (s.subCampaign as { externalId: string }).externalId)).toContain('Toolkit calls');
    const [pacing] = await call('previewPacing', { arg1: [{ ...subRef, intensity: 20 }] });
    expect(pacing).toHaveProperty('contactsPerMinute');

    const pay = { externalId: '72345', inboundDeviceType: 'ShortCode', keywords: ['PAY'] };
    const [inbound] = await call('createSubCampaignUsingInboundDevice', {
      arg1: { externalId: 'Toolkit pay', campaign },
      arg2: script,
      arg3: account(),
      arg4: pay,
    });
    expect(inbound).toMatchObject({ type: 'Inbound' });
    const [found] = await call('showSubCampaignStateUsingContactAttempt', {
      arg1: { secondaryDevice: { externalId: '72345' }, messageText: 'pay now' },
    });
    expect(found).toMatchObject({ subCampaign: { externalId: 'Toolkit pay' } });

    const contacts = (n: number) => [{ externalId: `T${n}`, devices: [{ externalId: `+1303555${1000 + n}` }] }];
    const [batch] = await call('createContactBatch', {
      arg1: { externalId: 'Toolkit batch', owner: account(), maxDuration: 60 },
      arg2: contacts(1),
    });
    const batchRef = { internalId: batch!.internalId };
    const [queued] = await call('createContactBatchAsync', {
      arg1: { externalId: 'Toolkit async', owner: account(), maxDuration: 60 },
      arg2: contacts(2),
    });
    expect(queued).toHaveProperty('internalId');
    const [cancelled] = await call('changeContactBatchState', {
      arg1: { contactBatch: { internalId: queued!.internalId }, state: 'Cancelled' },
    });
    expect(cancelled).toMatchObject({ state: 'Cancelled' });
    expect(await call('showContactBatchState', { arg1: batchRef })).toMatchObject([
      { contactBatch: { externalId: 'Toolkit batch' } },
    ]);
    const batches = await call('listContactBatchStates', {});
    expect(batches.map((b) => (b.contactBatch as { externalId: string }).externalId)).toContain('Toolkit batch');
    await t.sb.admin('POST', '/clock', { advanceMs: 3_600_000 }).expect(200);
    const attempts = await call('listContactAttemptsUsingContactBatch', { arg1: batchRef });
    expect(attempts.length).toBeGreaterThan(0);
    const attemptRef = { internalId: attempts[0]!.internalId };
    expect(await call('showContactAttempts', { arg1: [attemptRef] })).toMatchObject([attemptRef]);
    const [archived] = await call('changeContactAttempt', { arg1: { ...attemptRef, tags: ['archive'] } });
    expect([archived!.tags].flat()).toEqual(['archive']);
    expect(Array.isArray(await call('listContactAttempts', { arg1: account() }))).toBe(true);
    expect(
      Array.isArray(await call('listContactAttemptsUsingUser', { arg1: { internalId: section.users[0]!.internalId } })),
    ).toBe(true);
    const [deprecated] = await call('createContactAttempts', {
      arg2: { channel: 2 },
      arg3: [{ externalId: 'D1', devices: [{ externalId: 'd1@example.com' }] }],
      arg4: script,
      arg5: account(),
    });
    expect(deprecated).toHaveProperty('internalId');
  });

  it('every served method was called through the toolkit', () => {
    const served = [...ENGAGE_METHODS.values()].map((m) => m.name);
    expect(served.filter((name) => !called.has(name))).toEqual([]);
  });
});
