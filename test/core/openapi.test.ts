import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApi } from '../../simulators/core/openapi.ts';

const Item = z.strictObject({ id: z.string(), count: z.number().int().min(0) });

const document = buildOpenApi({
  title: 'Builder test',
  version: '1.0.0',
  description: 'operations declared as data',
  serverUrl: 'http://localhost:4010/jtel',
  securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
  security: [{ basic: [] }],
  operations: [
    {
      name: 'getItem',
      binding: { protocol: 'rest', method: 'GET', path: '/items/:id' },
      readOnly: true,
      summary: 'Read one item',
      tags: ['items'],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      query: z.object({ verbose: z.string().describe('any value turns it on').optional(), lang: z.string() }),
      headers: z.object({ 'X-Trace': z.string().optional() }),
      responses: {
        '200': { description: 'the item', schema: Item },
        '429': { description: 'slow down', headers: { 'Retry-After': 'seconds to wait' } },
      },
    },
    {
      name: 'putItem',
      binding: { protocol: 'rest', method: 'PUT', path: '/items/:id' },
      readOnly: false,
      summary: 'Replace one item',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { schema: Item, contentTypes: ['application/json', 'application/xml'] },
      responses: { '204': { description: 'replaced' } },
    },
  ],
});

describe('buildOpenApi', () => {
  it('produces a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.servers).toEqual([{ url: 'http://localhost:4010/jtel' }]);
    expect(document.security).toEqual([{ basic: [] }]);
  });

  it('merges operations on the same path and turns zod objects into parameters', () => {
    const item = document.paths!['/items/{id}']!;
    expect(Object.keys(item).sort()).toEqual(['get', 'put']);
    const params = item.get!.parameters as { name: string; in: string; required: boolean; description?: string }[];
    expect(params.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      'path:id:true',
      'query:verbose:false',
      'query:lang:true',
      'header:X-Trace:false',
    ]);
    expect(params[1]!.description).toBe('any value turns it on');
  });

  it('derives body and response schemas from the same zod contracts', () => {
    const item = document.paths!['/items/{id}']!;
    const ok = item.get!.responses!['200'] as { content: Record<string, { schema: Record<string, unknown> }> };
    expect(ok.content['application/json']!.schema).toMatchObject({
      type: 'object',
      properties: { id: { type: 'string' }, count: { type: 'integer', minimum: 0 } },
      required: ['id', 'count'],
      additionalProperties: false,
    });
    expect(ok.content['application/json']!.schema.$schema).toBeUndefined();
    const limited = item.get!.responses!['429'] as { headers: Record<string, unknown>; content?: unknown };
    expect(limited.headers['Retry-After']).toEqual({ description: 'seconds to wait', schema: { type: 'string' } });
    expect(limited.content).toBeUndefined();
    const body = item.put!.requestBody as { required: boolean; content: Record<string, unknown> };
    expect(body.required).toBe(true);
    expect(Object.keys(body.content)).toEqual(['application/json', 'application/xml']);
  });
});
