import {
  type PactRequestView,
  type ProviderStateCatalogue,
  type StateContext,
  type StateParams,
  pactCredentials,
} from '../core/states.ts';

/**
 * How a consumer's Engage pact maps onto the simulator: its paths (`/SOAPAPI2/...`) are mounted below `/engage`
 * (the default), and the verification sandbox answers to the WS-Security user and password its accepted requests
 * send. The states (docs/vendors/engage.md lists them) set part-2 objects up through the outreach backdoors, in the
 * account's first campaign, and answer their internalIds (`subCampaignId`, `contactBatchId`). A consumer names them
 * by externalId (a sub-campaign with its campaign), as the reference client's pact does: Pact injects no provider-state
 * value into an XML body.
 */
const text = (body: string, element: string) =>
  new RegExp(`<(?:\\w+:)?${element}\\b[^>]*>([^<]{1,128})</(?:\\w+:)?${element}>`).exec(body)?.[1];

function credentialsOf(request: PactRequestView): { username: string; password: string } | undefined {
  if (typeof request.body !== 'string') return undefined;
  const username = text(request.body, 'Username');
  const password = text(request.body, 'Password');
  return username && password && /^[A-Za-z0-9._@-]{3,64}$/.test(username) && password.length >= 8
    ? { username, password }
    : undefined;
}

export const engageStates: ProviderStateCatalogue = {
  // A refused WS-Security token is a fault on HTTP 500 like any other: only replies (2xx) vouch for credentials.
  sandboxOptions: (requests) => ({
    fixtures: 'document',
    ...pactCredentials(requests, credentialsOf, (all) => all.filter((r) => r.expectedStatus < 300)),
  }),
  states: [
    {
      name: 'sub-campaign {name} is running',
      description:
        'a new Outbound sub-campaign of this name in the account’s first campaign (contacts from its first list, one pass), put into Running',
      params: { contacts: 'how many contacts (default 10)' },
      setup: async (ctx, { name, contacts }) => {
        const { last } = await ctx.admin.call<Seeded>('POST', ctx.vendorPath('/outreach/sub-campaigns'), {
          subCampaigns: 1,
          contactsEach: count(contacts, 10),
          type: 'Outbound',
          externalId: String(name),
        });
        await ctx.admin.call('POST', ctx.vendorPath(`/outreach/sub-campaigns/${last.internalId}/state`), {
          state: 'Running',
        });
        return { subCampaignId: last.internalId };
      },
    },
    {
      name: 'contact batch {externalId} exists',
      description:
        'a new contact batch of this externalId in the account’s first campaign (default strategy, a Text pass at 1,000 a minute), Running',
      params: { contacts: 'how many contacts from the account’s first list (default 10)' },
      setup: async (ctx, { externalId, contacts }) => ({
        contactBatchId: await seedBatch(ctx, { externalId: String(externalId), contactsEach: count(contacts, 10) }),
      }),
    },
    {
      name: 'contact {externalId} has been attempted',
      description:
        'a new contact batch `Attempts of {externalId}` holding this one contact, the clock then advanced a minute: its Text pass attempted it',
      params: { device: 'the contact’s device (default +15550100001)' },
      setup: async (ctx, { externalId, device }) => {
        const contactBatchId = await seedBatch(ctx, {
          externalId: `Attempts of ${String(externalId)}`,
          contacts: [
            { externalId: String(externalId), device: device === undefined ? '+15550100001' : String(device) },
          ],
        });
        await ctx.admin.call('POST', ctx.sandboxPath('/clock'), { advanceMs: 60_000 });
        return { contactBatchId };
      },
    },
  ],
};

interface Seeded {
  last: { internalId: string; externalId: string };
}

const count = (value: unknown, fallback: number) => (value === undefined ? fallback : Number(value));

async function seedBatch(ctx: StateContext, batch: StateParams): Promise<string> {
  const { last } = await ctx.admin.call<Seeded>('POST', ctx.vendorPath('/outreach/contact-batches'), {
    batches: 1,
    ...batch,
  });
  return last.internalId;
}
