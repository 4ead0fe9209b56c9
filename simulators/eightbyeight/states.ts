import { CAMPAIGN_STATUS } from '../../contracts/eightbyeight/schemas.ts';
import { type ProviderStateCatalogue, type StateContext, acceptedRequests, basicOf } from '../core/states.ts';

/**
 * 8x8's Pact provider states (docs/vendors/eightbyeight.md lists them). A consumer's pact holds the real paths
 * (`/api/...` on `vcc-<platform>.8x8.com`): they are mounted below `/eightbyeight/vcc-<platform>`. The sandbox answers
 * to the pact's tenant, its Action Request Token (the password of accepted adds, where every 8x8 source agrees; of
 * other writes when the pact has no add) and its Data Request Token (of accepted reads; of DELETEs when the pact has
 * no read). DELETE and the status change take either token, so their passwords only decide when nothing else does.
 */
interface Section {
  campaigns: { id: number }[];
}

async function ensureCampaign(ctx: StateContext, params: Record<string, unknown>): Promise<number> {
  const campaigns = (ctx.section as unknown as Section).campaigns;
  const id = params.campaignId === undefined ? (campaigns[0]?.id as number) : Number(params.campaignId);
  if (!campaigns.some((c) => c.id === id)) {
    await ctx.admin.call('POST', ctx.vendorPath('/campaigns'), {
      id,
      name: String(params.name ?? `Campaign ${id}`),
      status: CAMPAIGN_STATUS.MANUAL_RUNNING,
    });
  }
  return id;
}

async function setStatus(ctx: StateContext, params: Record<string, unknown>, status: number) {
  const campaignId = await ensureCampaign(ctx, params);
  await ctx.admin.call('POST', ctx.vendorPath(`/campaigns/${campaignId}`), { status });
  return { campaignId };
}

/** A CRM customer (with a phone) and its record in the campaign. */
async function customerInCampaign(ctx: StateContext, params: Record<string, unknown>) {
  const campaignId = await ensureCampaign(ctx, params);
  const customer = { 'customer-id': Number(params.customerId) };
  await ctx.admin.call('POST', ctx.vendorPath('/crm/customers'), {
    customers: [{ ...customer, phone: String(params.phone ?? '5551234567') }],
  });
  await ctx.admin.call('POST', ctx.vendorPath(`/campaigns/${campaignId}/customers`), { customers: [customer] });
  return { campaignId };
}

const CAMPAIGN_PARAMS = {
  campaignId: 'the campaign id (default: 125, the document’s); created (dynamic, running) when missing',
  name: 'name of a created campaign',
};

export const eightByEightStates: ProviderStateCatalogue = {
  mount: (section) => new URL(String(section.baseUrl)).pathname,
  sandboxOptions(requests) {
    const accepted = acceptedRequests(requests);
    const passwordOf = (matches: (method: string, path: string) => boolean) =>
      accepted
        .filter((r) => matches(r.method.toUpperCase(), r.path))
        .map(basicOf)
        .find((c) => c)?.password;
    const username = accepted.map(basicOf).find((c) => c)?.username;
    const isAdd = (method: string, path: string) => method === 'POST' && /\/customers\/?$/.test(path);
    const actionToken = passwordOf(isAdd) ?? passwordOf((method) => method === 'POST' || method === 'PATCH');
    const dataToken = passwordOf((method) => method === 'GET') ?? passwordOf((method) => method === 'DELETE');
    return {
      platform: 'na12',
      ...(username === undefined ? {} : { username }),
      ...(actionToken === undefined ? {} : { actionToken }),
      // The vendor's two tokens differ: a pact reading with the action token gets the vendor's refusal.
      ...(dataToken === undefined || dataToken === actionToken ? {} : { dataToken }),
    };
  },
  states: [
    {
      name: 'campaign {campaignId} exists',
      description: 'the campaign exists (one of the fixtures 125–129, or created dynamic and running)',
      params: CAMPAIGN_PARAMS,
      setup: async (ctx, params) => ({ campaignId: await ensureCampaign(ctx, params) }),
    },
    {
      name: 'campaign {campaignId} is stopped',
      description: 'the campaign is Manual Stopped (status 5)',
      setup: (ctx, params) => setStatus(ctx, params, CAMPAIGN_STATUS.MANUAL_STOPPED),
    },
    {
      name: 'campaign {campaignId} is running',
      description: 'the campaign is Manual Running (status 3)',
      setup: (ctx, params) => setStatus(ctx, params, CAMPAIGN_STATUS.MANUAL_RUNNING),
    },
    {
      name: 'a CRM customer {customerId} exists',
      description: 'the tenant’s CRM has this ACCOUNTNUM (so adding it to a campaign succeeds)',
      params: { phone: 'its phone number (default 5551234567)' },
      setup: async (ctx, { customerId, phone }) => {
        await ctx.admin.call('POST', ctx.vendorPath('/crm/customers'), {
          customers: [{ 'customer-id': Number(customerId), phone: String(phone ?? '5551234567') }],
        });
      },
    },
    {
      name: 'customer {customerId} is in campaign {campaignId}',
      description: 'a CRM customer with a record in the campaign',
      params: { phone: 'its phone number (default 5551234567)' },
      setup: customerInCampaign,
    },
    {
      name: 'a customer with a known phone is in a campaign',
      description:
        'as "customer {customerId} is in campaign {campaignId}", all as parameters (the reference client’s pact)',
      params: { customerId: 'ACCOUNTNUM', phone: 'its phone number', campaignId: CAMPAIGN_PARAMS.campaignId },
      setup: customerInCampaign,
    },
  ],
};
