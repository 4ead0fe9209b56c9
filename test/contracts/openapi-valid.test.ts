import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulators/core/app.ts';
import { VENDORS } from '../../simulators/index.ts';

it('the validator rejects a broken document (control)', async () => {
  const [first] = VENDORS;
  const broken = JSON.parse(JSON.stringify(first!.openapi())) as { info: Record<string, unknown> };
  delete broken.info.title;
  expect((await new Validator().validate(broken)).valid).toBe(false);
});

/** Every vendor's generated document is valid OpenAPI 3.1, and the simulator serves exactly that document. */
describe.each(VENDORS.map((vendor) => [vendor.id, vendor] as const))('OpenAPI document of %s', (id, vendor) => {
  it('is valid OpenAPI 3.1', async () => {
    const document = vendor.openapi() as unknown as Record<string, unknown>;
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  // A SOAP vendor's document only points at its WSDLs (test/engage/wsdl.test.ts checks those).
  it.skipIf(vendor.wsdl !== undefined)('declares a unique operationId and at least one response per operation', () => {
    const document = vendor.openapi();
    const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
    const operations = Object.values(document.paths ?? {}).flatMap((item) =>
      methods.flatMap((method) => (item?.[method] ? [item[method]] : [])),
    );
    expect(operations.length).toBeGreaterThan(0);
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations)
      expect(Object.keys(op.responses ?? {}).length, String(op.operationId)).toBeGreaterThan(0);
  });

  it(`is served at GET /__admin/vendors/${id}/openapi.json`, async () => {
    const sim = await createSimulator({ vendors: [vendor] });
    try {
      const res = await request(sim.app).get(`/__admin/vendors/${id}/openapi.json`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(JSON.parse(JSON.stringify(vendor.openapi())));
    } finally {
      await sim.close();
    }
  });
});
