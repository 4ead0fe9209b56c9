import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiPath, renderOpenApi } from '../../contracts/generate.ts';
import { VENDORS } from '../../simulators/index.ts';

/**
 * contracts/<vendorId>/openapi.json is generated from the zod contracts and checked in; it must equal what
 * `npm run openapi:generate` would write now, for every served vendor (a vendor added to VENDORS is covered too).
 */
describe.each(VENDORS.map((vendor) => [vendor.id, vendor] as const))('contracts/%s/openapi.json', (id, vendor) => {
  it('is checked in and up to date (regenerate with `npm run openapi:generate`)', () => {
    const path = openApiPath(id);
    expect(existsSync(path), `${path} is missing: run npm run openapi:generate`).toBe(true);
    expect(readFileSync(path, 'utf8'), `${path} is stale: run npm run openapi:generate`).toBe(
      renderOpenApi(vendor.openapi()),
    );
  });
});
