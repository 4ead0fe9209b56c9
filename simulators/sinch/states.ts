import { toId32 } from '../../contracts/sinch/schemas.ts';
import { type ProviderStateCatalogue, type StateContext, acceptedRequests, basicOf } from '../core/states.ts';

/**
 * Sinch OBI's Pact provider states (docs/vendors/sinch.md lists them). Every verification sandbox has the document's
 * campaigns (`62718C7889CC44F7B944C1A6F6BE9B7F` PREVIEW, `8A7C98EAF1164F2FAA93B98EECB95D76` PREDICTIVE, …) and
 * answers to the HTTP Basic user and password the consumer's pact sends.
 */
const DAY_MS = 86_400_000;

const campaignOf = (ctx: StateContext, id: unknown): string =>
  typeof id === 'string' && id !== '' ? (toId32(id) ?? id) : ((ctx.section.campaigns as string[])[0] as string);

async function ensureCampaign(ctx: StateContext, params: Record<string, unknown>): Promise<string> {
  const id = campaignOf(ctx, params.campaignId);
  if (!(ctx.section.campaigns as string[]).includes(id)) {
    await ctx.admin.call('POST', ctx.vendorPath('/campaigns'), {
      id,
      name: String(params.name ?? `Campaign ${id.slice(0, 6)}`),
      dialingMode: String(params.dialingMode ?? 'PREVIEW'),
    });
  }
  return id;
}

async function setStatus(ctx: StateContext, params: Record<string, unknown>, status: 'Active' | 'Passive') {
  const campaignId = await ensureCampaign(ctx, params);
  await ctx.admin.call('PATCH', ctx.vendorPath(`/campaigns/${campaignId}`), { status });
  return { campaignId };
}

async function seedCustomer(ctx: StateContext, params: Record<string, unknown>) {
  const campaignId = await ensureCampaign(ctx, params);
  const { ids } = await ctx.admin.call<{ ids: string[] }>(
    'POST',
    ctx.vendorPath(`/campaigns/${campaignId}/customers`),
    {
      customers: [
        {
          ...(params.customerId === undefined ? {} : { id: String(params.customerId) }),
          externalId: String(params.externalId),
          numbers: String(params.numbers ?? '0215428754'),
          attributes: { attribute: [{ name: 'City', value: String(params.city ?? 'New York') }] },
        },
      ],
    },
  );
  return { campaignId, customerId: ids[0] };
}

const CAMPAIGN_PARAMS = {
  campaignId: 'the campaign (32 hex or a GUID; default: the first document campaign); created when missing',
  name: 'name of a created campaign',
  dialingMode: 'PREVIEW (default), PROGRESSIVE or PREDICTIVE, of a created campaign',
};

const CUSTOMER_PARAMS = {
  ...CAMPAIGN_PARAMS,
  customerId: 'a fixed customer id (default: assigned; answered as `customerId`)',
  numbers: 'phone numbers (default 0215428754)',
  city: 'the City attribute (default New York)',
};

export const sinchStates: ProviderStateCatalogue = {
  sandboxOptions(requests) {
    const credentials = acceptedRequests(requests)
      .map(basicOf)
      .find((c) => c !== undefined);
    return { fixtures: 'document', ...credentials };
  },
  states: [
    {
      name: 'campaign {campaignId} exists',
      description: 'the campaign exists (a document campaign, or created)',
      params: CAMPAIGN_PARAMS,
      setup: async (ctx, params) => ({ campaignId: await ensureCampaign(ctx, params) }),
    },
    {
      name: 'a campaign exists',
      description: 'as "campaign {campaignId} exists", campaignId as a parameter',
      params: CAMPAIGN_PARAMS,
      setup: async (ctx, params) => ({ campaignId: await ensureCampaign(ctx, params) }),
    },
    {
      name: 'campaign {campaignId} is stopped',
      description: 'the campaign is Passive (`PUT /campaigns/{id}/status` Passive)',
      setup: (ctx, params) => setStatus(ctx, params, 'Passive'),
    },
    {
      name: 'campaign {campaignId} is running',
      description: 'the campaign is Active',
      setup: (ctx, params) => setStatus(ctx, params, 'Active'),
    },
    {
      name: 'a customer with externalId {externalId} exists',
      description: 'a customer of the campaign; answers `customerId` and `campaignId`',
      params: CUSTOMER_PARAMS,
      setup: seedCustomer,
    },
    {
      name: 'a customer exists',
      description: 'as "a customer with externalId {externalId} exists", externalId as a parameter',
      params: { externalId: 'the customer’s externalId', ...CUSTOMER_PARAMS },
      setup: seedCustomer,
    },
    {
      name: 'a campaign has dialed its customers',
      description: 'every customer of the campaign answered SUCCESS: Active, then a day of dialing on the clock',
      params: { campaignId: CAMPAIGN_PARAMS.campaignId },
      setup: async (ctx, params) => {
        const campaignId = await ensureCampaign(ctx, params);
        await ctx.admin.call('POST', ctx.vendorPath(`/campaigns/${campaignId}/outcomes`), { outcomes: ['SUCCESS'] });
        await ctx.admin.call('PATCH', ctx.vendorPath(`/campaigns/${campaignId}`), { status: 'Active' });
        await ctx.admin.call('POST', ctx.sandboxPath('/clock'), { advanceMs: DAY_MS });
        return { campaignId };
      },
    },
  ],
};
