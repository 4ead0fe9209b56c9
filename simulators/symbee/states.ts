import { HEADER_NAMES, REGIONS } from '../../contracts/symbee/schemas.ts';
import { type ProviderStateCatalogue, type StateContext, acceptedRequests, headerOf } from '../core/states.ts';

/**
 * Symbee's Pact provider states (docs/vendors/symbee.md lists them). Every verification sandbox uses the document's
 * names (campaigns `WebsiteVisitReachouts`, `WebsitVisitFollowups`, their skill queues and agents) and answers to
 * the company code, environment, region and API key the consumer's pact sends.
 */
const campaignOf = (ctx: StateContext, name: unknown): string =>
  typeof name === 'string' && name !== '' ? name : ((ctx.section.campaigns as string[])[0] as string);

async function ensureCampaign(ctx: StateContext, name: string): Promise<void> {
  if ((ctx.section.campaigns as string[]).includes(name)) return;
  await ctx.admin.call('POST', ctx.vendorPath('/campaigns'), { name });
}

async function seedRecord(ctx: StateContext, params: Record<string, unknown>) {
  const campaignName = campaignOf(ctx, params.campaignName);
  await ensureCampaign(ctx, campaignName);
  const seeded = await ctx.admin.call<{ records: { previewRecordID: string }[] }>('POST', ctx.vendorPath('/records'), {
    campaignName,
    records: [
      {
        clientId: String(params.clientId),
        ...(params.previewRecordId === undefined ? {} : { previewRecordID: String(params.previewRecordId) }),
        previewRecordData: [
          { key: 'Name', value: String(params.name ?? 'Mike Mars'), displayOrder: 1 },
          { key: 'Home Phone', value: String(params.phone ?? '+15552101257'), displayOrder: 2 },
        ],
      },
    ],
  });
  return { campaignName, previewRecordId: seeded.records[0]?.previewRecordID };
}

const RECORD_PARAMS = {
  campaignName: 'campaign of the record (default: the first campaign, WebsiteVisitReachouts); created when missing',
  name: 'its Name field (default Mike Mars)',
  phone: 'its Home Phone field (default +15552101257)',
  previewRecordId: 'a fixed previewRecordID (default: assigned)',
};

export const symbeeStates: ProviderStateCatalogue = {
  sandboxOptions(requests) {
    const accepted = acceptedRequests(requests).find((r) => headerOf(r, HEADER_NAMES.companyCode));
    if (!accepted) return { fixtures: 'document' };
    const region = headerOf(accepted, HEADER_NAMES.secretsRegion);
    const options: Record<string, unknown> = {
      fixtures: 'document',
      keyRotationMinutes: 0,
      companyCode: headerOf(accepted, HEADER_NAMES.companyCode),
      environment: headerOf(accepted, HEADER_NAMES.environment),
      apiKey: headerOf(accepted, HEADER_NAMES.apiKey),
      ...((REGIONS as readonly string[]).includes(region ?? '') ? { region } : {}),
    };
    return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  },
  states: [
    {
      name: 'a campaign named {campaignName} exists',
      description: 'the campaign exists (created with no records when the sandbox lacks it)',
      setup: async (ctx, { campaignName }) => ensureCampaign(ctx, String(campaignName)),
    },
    {
      name: 'a record with clientId {clientId} exists',
      description: 'a record (task) with this clientId; answers `previewRecordId` for provider-state injection',
      params: RECORD_PARAMS,
      setup: seedRecord,
    },
    {
      name: 'a record exists',
      description:
        'as "a record with clientId {clientId} exists", clientId as a parameter (the reference client’s pact)',
      params: { clientId: 'the record’s clientId', ...RECORD_PARAMS },
      setup: seedRecord,
    },
    {
      name: 'the API key has rotated',
      description: 'the key was rotated: the key the consumer sends is the previous one and is refused',
      setup: async (ctx) => {
        await ctx.admin.call('POST', ctx.vendorPath('/rotate-key'));
      },
    },
  ],
};
