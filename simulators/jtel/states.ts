import {
  type PactRequestView,
  type ProviderStateCatalogue,
  type StateContext,
  type StateParams,
  pactCredentials,
} from '../core/states.ts';

/**
 * How a consumer's jtel pact maps onto the simulator: its paths (`/rest/v1.0/{ClientsID}/...`) are mounted below
 * `/jtel` (the default), and the verification sandbox takes the ClientsID and Bearer token the pact's accepted
 * requests send. The states (docs/vendors/jtel.md lists them) set objects up through the backdoors and answer
 * their ids for Pact V3 `fromProviderState` (`${DiallerCampaignsID}`, `${AcdEventsID}`, …).
 */
function credentialsOf(request: PactRequestView): { clientsId: number; token: string } | undefined {
  const clientsId = /^\/rest\/v1\.0\/(\d{1,9})\//.exec(request.path)?.[1];
  const auth = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const token = /^Bearer +([A-Za-z0-9\-._~+/]{8,200}=*)$/i.exec(auth ?? '')?.[1];
  return clientsId && token && Number(clientsId) >= 1 ? { clientsId: Number(clientsId), token } : undefined;
}

export const jtelStates: ProviderStateCatalogue = {
  sandboxOptions: (requests) => pactCredentials(requests, credentialsOf),
  states: [
    {
      name: 'dialler campaign {name} exists',
      description: 'a campaign of this name (a fixture, or a clone of the first one: settings and result codes)',
      params: { source: 'the campaign a missing one is cloned from (default: the first)' },
      setup: async (ctx, params) => ({ DiallerCampaignsID: (await ensureCampaign(ctx, params)).ID }),
    },
    {
      name: 'dialler campaign {name} does not exist',
      description: 'no campaign of this name (deleted with its result codes and contacts when it was there)',
      setup: async (ctx, { name }) => {
        const campaign = fixtureCampaigns(ctx).find((c) => c.name === String(name));
        if (campaign) await ctx.admin.call('DELETE', ctx.vendorPath(`/dialler/campaigns/${campaign.id}`));
      },
    },
    {
      name: 'contact {TelNumber} is in dialler campaign {name}',
      description: 'the campaign (as "dialler campaign {name} exists") holds a new contact with this number',
      params: { FirstName: 'first name (default empty)', LastName: 'last name (default empty)' },
      setup: async (ctx, params) => {
        const campaign = await ensureCampaign(ctx, params);
        const { contacts } = await ctx.admin.call<{ contacts: { ID: number }[] }>(
          'POST',
          ctx.vendorPath('/dialler/contacts'),
          {
            diallerCampaignsID: campaign.ID,
            contacts: [
              {
                TelNumber: String(params.TelNumber),
                FirstName: text(params.FirstName),
                LastName: text(params.LastName),
              },
            ],
          },
        );
        return { DiallerCampaignsID: campaign.ID, DiallerContactsID: contacts[0]?.ID };
      },
    },
    {
      name: 'an ACD event exists in group {AcdGroupsID}',
      description: 'a new Email event in the group, distributed by the agent pool as the clock moves',
      setup: async (ctx, params) => ({ AcdEventsID: await newEvent(ctx, params) }),
    },
    {
      name: 'an ACD event in group {AcdGroupsID} has status {status}',
      description: 'a new Email event put into the status (ID, name or ShortText), skipping the transition table',
      setup: async (ctx, params) => {
        const AcdEventsID = await newEvent(ctx, params);
        await ctx.admin.call('POST', ctx.vendorPath(`/acd/events/${AcdEventsID}/status`), { status: params.status });
        return { AcdEventsID };
      },
    },
    {
      name: 'the agent pool is off',
      description: 'simulated agents take no events: events stay where the interaction leaves them',
      setup: async (ctx) => {
        await ctx.admin.call('POST', ctx.vendorPath('/acd/agents'), { enabled: false });
      },
    },
  ],
};

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

function fixtureCampaigns(ctx: StateContext): { id: number; name: string }[] {
  return (ctx.section.diallerCampaigns as { id: number; name: string }[] | undefined) ?? [];
}

function ensureCampaign(ctx: StateContext, { name, source }: StateParams): Promise<{ ID: number }> {
  return ctx.admin.call('POST', ctx.vendorPath('/dialler/campaigns'), {
    Name: String(name),
    ...(source === undefined ? {} : { source: String(source) }),
  });
}

async function newEvent(ctx: StateContext, { AcdGroupsID }: StateParams): Promise<number> {
  const created = await ctx.admin.call<{ firstId: number }>('POST', ctx.vendorPath('/acd/events'), {
    generate: 1,
    AcdGroupsID: Number(AcdGroupsID),
  });
  return created.firstId;
}
