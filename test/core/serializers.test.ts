import { describe, expect, it } from 'vitest';
import { JsonParseError, parseJson, serializeJson } from '../../simulators/core/serializers/json.ts';
import { XmlParseError, parseXml, serializeXml } from '../../simulators/core/serializers/xml.ts';

describe('JSON parser', () => {
  it('parses valid documents', () => {
    expect(parseJson('{"a":[1,"two",null,true]}')).toEqual({ a: [1, 'two', null, true] });
    expect(parseJson(' 42 ')).toBe(42);
  });

  it('refuses empty and malformed bodies with a clear message', () => {
    for (const empty of ['', '   ', '\n\t']) expect(() => parseJson(empty)).toThrow(/empty/);
    for (const bad of ['{', '{"a":}', "{'a':1}", 'undefined', '{"a":1,}']) {
      expect(() => parseJson(bad)).toThrow(JsonParseError);
      expect(() => parseJson(bad)).toThrow(/^Malformed JSON/);
    }
  });

  it('refuses __proto__ keys at any depth and pollutes nothing', () => {
    expect(() => parseJson('{"__proto__":{"polluted":true}}')).toThrow(/Forbidden key in JSON body: __proto__/);
    expect(() => parseJson('{"a":[{"b":{"__proto__":{"polluted":true}}}]}')).toThrow(JsonParseError);
    // The same key spelled with \u escapes is the same key once parsed.
    expect(() => parseJson('{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":true}}')).toThrow(/__proto__/);
    expect(() => parseJson('{"__pr\\u006fto__":{}}')).toThrow(/__proto__/);
    expect(parseJson('{"proto":"__proto__"}')).toEqual({ proto: '__proto__' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('serializes compactly', () => {
    expect(serializeJson({ a: 1, b: ['x'] })).toBe('{"a":1,"b":["x"]}');
  });
});

describe('XML serializer', () => {
  it('writes a declaration, elements, repeated elements and attributes', () => {
    const xml = serializeXml('items', {
      count: 2,
      item: [
        { '@_id': 'a1', name: 'first' },
        { '@_id': 'a2', name: 'second' },
      ],
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><items><count>2</count><item id="a1"><name>first</name></item><item id="a2"><name>second</name></item></items>',
    );
  });

  it('escapes text so it round-trips', () => {
    const xml = serializeXml('note', { text: 'a < b & "c"' });
    expect(xml).not.toContain('a < b');
    expect(parseXml(xml)).toMatchObject({ note: { text: 'a < b & "c"' } });
  });

  it('round-trips through the parser (values as strings; declared arrays stay arrays)', () => {
    const xml = serializeXml('customers', { customer: [{ '@_id': '7', name: 'Ann', phone: '+15550001' }] });
    const parsed = parseXml(xml, { arrayPaths: ['customers.customer'] });
    expect(parsed.customers).toEqual({ customer: [{ '@_id': '7', name: 'Ann', phone: '+15550001' }] });
    expect((parseXml(xml).customers as { customer: unknown }).customer).toEqual({
      '@_id': '7',
      name: 'Ann',
      phone: '+15550001',
    });
  });

  it('an empty root still produces a well-formed document', () => {
    const xml = serializeXml('empty', undefined);
    expect(parseXml(xml)).toHaveProperty('empty');
  });

  it('refuses empty and malformed XML', () => {
    expect(() => parseXml('  ')).toThrow(/empty/);
    for (const bad of ['<a>', '<a></b>', 'not xml', '<a><b></a></b>'])
      expect(() => parseXml(bad)).toThrow(XmlParseError);
  });

  it('strips namespace prefixes', () => {
    expect(parseXml('<ns:a xmlns:ns="urn:x"><ns:b>1</ns:b></ns:a>')).toMatchObject({ a: { b: '1' } });
  });
});
