import { z } from 'zod';
import { parseAdminBody } from '../core/errors.ts';
import { reply } from '../core/reply.ts';
import type { VendorCall } from '../core/vendor.ts';
import { type EngageState, dateTime, nextId } from './models.ts';

/**
 * Bulk seeding past the API's own limits (100 campaigns, 100 active scripts, 1,000 compliance rules; lists, which no
 * method creates), so a test can reach the documented list maximums (RESULT_TOO_LARGE) without thousands of calls.
 * Entities land in the master account.
 */
const SeedSchema = z.strictObject({
  campaigns: z.number().int().min(0).max(5000).default(0),
  scripts: z.number().int().min(0).max(5000).default(0),
  strategies: z.number().int().min(0).max(5000).default(0),
  complianceRules: z.number().int().min(0).max(5000).default(0),
  lists: z.number().int().min(0).max(5000).default(0),
});

export function seed(call: VendorCall<EngageState>) {
  const { state } = call;
  const counts = parseAdminBody(SeedSchema, call);
  const ownerId = state.accountId;
  const now = call.now();
  for (let i = 0; i < counts.campaigns; i++) {
    const id = nextId(state);
    state.campaigns.insert({
      internalId: id,
      externalId: `Seeded campaign ${id}`,
      ownerId,
      createdAt: now,
      attributes: [{ name: 'startDate', value: dateTime(now) }],
    });
  }
  for (let i = 0; i < counts.scripts; i++) {
    const id = nextId(state);
    state.scripts.insert({
      internalId: id,
      externalId: `Seeded script ${id}`,
      ownerId,
      template: false,
      elements: [],
      createdAt: now,
    });
  }
  for (let i = 0; i < counts.strategies; i++) {
    const id = nextId(state);
    state.strategies.insert({
      internalId: id,
      externalId: `Seeded strategy ${id}`,
      ownerId,
      passes: [],
      attributes: [],
    });
  }
  for (let i = 0; i < counts.complianceRules; i++) {
    const id = nextId(state);
    state.complianceRules.insert({ internalId: id, ownerId, type: 'Region', elements: ['CA'], attributes: [] });
  }
  for (let i = 0; i < counts.lists; i++) {
    const id = nextId(state);
    state.lists.push({ internalId: id, externalId: `Seeded list ${id}`, ownerId, size: 10 });
  }
  return reply.json(201, {
    lists: state.lists.length,
    complianceRules: state.complianceRules.size,
    campaigns: state.campaigns.size,
    scripts: state.scripts.size,
    strategies: state.strategies.size,
  });
}
