import { beforeAll, describe, expect, it } from 'vitest';
import { type TestSimulator, newCustomer, startSinch } from './harness.ts';

/**
 * OBI is a Java (JAX-RS) service: bodies are bound by Jackson with its default coercions
 * (simulators/core/jackson.ts). What Jackson takes is taken — in JSON and in XML, whose values are text anyway —
 * and what it refuses stays HTTP 400 with the OBI message.
 */
let t: TestSimulator;
beforeAll(async () => {
  t = await startSinch();
});
const emptySandbox = () => t.sandbox({ sinch: { customersPerCampaign: 0 } });
const documentSandbox = () => t.sandbox({ sinch: { fixtures: 'document' } });

describe('POST /customers with Jackson coercions', () => {
  it('takes numbers for strings, numeric text for ints, a whole float and null for optional fields', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const res = await sb.send(
      'POST',
      `/campaigns/${campaign}/customers`,
      newCustomer(1, {
        externalId: 77,
        numbers: 4915100000003,
        previewTime: '30',
        priority: 2.0,
        date: null,
        agentId: null,
        timeZone: null,
        dialingMode: null,
      }),
    );
    expect(res.status, res.text).toBe(201);
    const customer = await sb.customer(campaign, res.text);
    expect(customer).toMatchObject({ externalId: '77', numbers: '4915100000003', previewTime: 30, priority: 2 });
    expect(customer).not.toHaveProperty('agentId');
    expect(customer).not.toHaveProperty('timeZone');
  });

  it('generates the externalId when it is null, as when it is absent', async () => {
    const sb = await emptySandbox();
    const res = await sb.send('POST', `/campaigns/${sb.campaign(0)}/customers`, newCustomer(1, { externalId: null }));
    expect(res.status, res.text).toBe(201);
    expect((await sb.customer(sb.campaign(0), res.text)).externalId).toBe('1');
  });

  it('truncates a fractional int as Jackson does (ACCEPT_FLOAT_AS_INT)', async () => {
    const sb = await emptySandbox();
    const res = await sb.send('POST', `/campaigns/${sb.campaign(0)}/customers`, newCustomer(1, { previewTime: 30.9 }));
    expect(res.status, res.text).toBe(201);
    expect((await sb.customer(sb.campaign(0), res.text)).previewTime).toBe(30);
  });

  it.each([
    [{ previewTime: '30s' }, "Invalid previewTime: '30s'"],
    [{ previewTime: '1.5' }, "Invalid previewTime: '1.5'"],
    [{ priority: true }, "Invalid priority: 'true'"],
    [{ externalId: { id: 1 } }, `Invalid externalId: '{"id":1}'`],
    [{ numbers: ['+4915100000003'] }, `Invalid numbers: '["+4915100000003"]'`],
  ])('refuses %o with the OBI message, as Jackson refuses it', async (extra, message) => {
    const sb = await emptySandbox();
    const res = await sb.send('POST', `/campaigns/${sb.campaign(0)}/customers`, newCustomer(1, extra));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: message });
  });

  it('binds the list items one by one (a coerced item is created, a refused one answers its 400)', async () => {
    const sb = await emptySandbox();
    const res = await sb.send('POST', `/campaigns/${sb.campaign(0)}/customers/list`, [
      newCustomer(1, { externalId: 5, priority: '3' }),
      newCustomer(2, { priority: 'high' }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { statusCode: 201, id: expect.stringMatching(/^[0-9A-F]{32}$/) },
      { error: "Invalid priority: 'high'", statusCode: 400 },
    ]);
    expect(await sb.customer(sb.campaign(0), res.body[0].id)).toMatchObject({ externalId: '5', priority: 3 });
  });
});

describe('PUT /campaigns/{id} with Jackson coercions', () => {
  const put = {
    name: 'Test Campaign',
    dialingMode: 'PREDICTIVE',
    queueId: '63AA93F493A54C5A8597FCFA670B2382',
    endDate: '2031-02-20T22:00:00Z',
  };

  it('takes "abandonRate": "1.5", "increasePredictiveRatio": 20 as text, and null for optional fields', async () => {
    const sb = await documentSandbox();
    const id = sb.campaign(1);
    const res = await sb.send('PUT', `/campaigns/${id}`, {
      ...put,
      abandonRate: '1.5',
      increasePredictiveRatio: '20',
      remarks: null,
      customIvrNumber: null,
      timeZone: null,
    });
    expect(res.status, res.text).toBe(204);
    const view = await sb.campaignView(id);
    expect(view).toMatchObject({ abandonRate: 1.5, increasePredictiveRatio: 20 });
    expect(view).not.toHaveProperty('remarks');
  });

  it('still refuses a required field sent as null (missing) and a rate that is no number', async () => {
    const sb = await documentSandbox();
    const id = sb.campaign(1);
    expect((await sb.send('PUT', `/campaigns/${id}`, { ...put, name: null })).body).toEqual({
      statusCode: 400,
      error: 'Invalid name: Value is required',
    });
    expect((await sb.send('PUT', `/campaigns/${id}`, { ...put, abandonRate: 'high' })).body).toEqual({
      statusCode: 400,
      error: "Invalid abandonRate: 'high'",
    });
  });

  it('binds XML text by the same rules (numbers where the schema has numbers)', async () => {
    const sb = await documentSandbox();
    const id = sb.campaign(1);
    const xml =
      '<campaign><name>Test Campaign</name><dialingMode>PREDICTIVE</dialingMode>' +
      '<queueId>63AA93F493A54C5A8597FCFA670B2382</queueId><endDate>2031-02-20T22:00:00Z</endDate>' +
      '<abandonRate>0.5</abandonRate><increasePredictiveRatio>3</increasePredictiveRatio><remarks>42</remarks></campaign>';
    const res = await sb.send('PUT', `/campaigns/${id}`, xml, { contentType: 'application/xml' });
    expect(res.status, res.text).toBe(204);
    expect(await sb.campaignView(id)).toMatchObject({ abandonRate: 0.5, increasePredictiveRatio: 3, remarks: '42' });
    const bad = await sb.send('PUT', `/campaigns/${id}`, xml.replace('0.5', 'half'), {
      contentType: 'application/xml',
    });
    expect(bad.body).toEqual({ statusCode: 400, error: "Invalid abandonRate: 'half'" });
  });
});
