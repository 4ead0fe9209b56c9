import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { coerceLikeJackson } from '../../simulators/core/jackson.ts';

/**
 * Jackson 2.x default coercions, as jackson-databind's own tests pin them (CoerceStringToIntsTest,
 * CoerceFloatToIntTest, CoerceIntToStringTest, CoerceToBooleanTest): each row is what a default ObjectMapper binds.
 */
const Body = z.strictObject({
  text: z.string().optional(),
  mode: z.enum(['PREVIEW', 'PREDICTIVE']).optional(),
  count: z.number().int().optional(),
  ratio: z.number().optional(),
  flag: z.boolean().optional(),
  required: z.string(),
  nullable: z.string().nullable().optional(),
  items: z.array(z.strictObject({ n: z.number().int().optional() })).optional(),
  either: z.union([z.strictObject({ n: z.number().int() }), z.array(z.number().int())]).optional(),
  viaTransform: z
    .string()
    .transform((s) => s.toUpperCase())
    .optional(),
});

const bind = (value: Record<string, unknown>) => coerceLikeJackson(Body, structuredClone(value));

describe('coerceLikeJackson', () => {
  it.each([
    ['a number for a String', { text: 123 }, { text: '123' }],
    ['a fraction for a String', { text: 1.5 }, { text: '1.5' }],
    ['a boolean for a String', { text: true }, { text: 'true' }],
    ['a number for an enum String', { mode: 0 }, { mode: '0' }],
    ['an integer text for an int', { count: '28' }, { count: 28 }],
    ['a signed, padded integer text for an int', { count: ' -13 ' }, { count: -13 }],
    ['leading zeros', { count: '007' }, { count: 7 }],
    ['a whole float for an int', { count: 1.0 }, { count: 1 }],
    ['a fraction for an int (truncated, ACCEPT_FLOAT_AS_INT)', { count: -2.25 }, { count: -2 }],
    ['a decimal text for a double', { ratio: '1.5' }, { ratio: 1.5 }],
    ['an exponent text for a double', { ratio: '2e-1' }, { ratio: 0.2 }],
    ['a Java double suffix', { ratio: '1.5d' }, { ratio: 1.5 }],
    ['"True" for a boolean', { flag: 'True' }, { flag: true }],
    ['"FALSE" for a boolean', { flag: 'FALSE' }, { flag: false }],
    ['0 for a boolean', { flag: 0 }, { flag: false }],
    ['15 for a boolean', { flag: 15 }, { flag: true }],
    ['items of an array', { items: [{ n: '1' }, { n: 2.5 }] }, { items: [{ n: 1 }, { n: 2 }] }],
    ['the object member of a union', { either: { n: '4' } }, { either: { n: 4 } }],
    ['the array member of a union', { either: ['4', 5.5] }, { either: [4, 5] }],
    ['the input of a transform', { viaTransform: 12 }, { viaTransform: '12' }],
  ])('binds %s', (_label, input, bound) => {
    expect(bind({ required: 'r', ...input })).toEqual({ required: 'r', ...bound });
  });

  it.each([
    ['null', { count: null, text: null, flag: null }],
    ['an empty text for a number or boolean', { count: '', ratio: ' ', flag: '' }],
    ['"null" for a number', { count: 'null' }],
  ])('reads %s as no value: the property is absent', (_label, input) => {
    expect(bind({ required: 'r', ...input })).toEqual({ required: 'r' });
  });

  it('leaves a required property missing for null, and keeps null where the schema takes it', () => {
    expect(bind({ required: null, nullable: null })).toEqual({ nullable: null });
  });

  it.each([
    ['a fractional text for an int', { count: '1.5' }],
    ['an exponent text for an int', { count: '1e3' }],
    ['a boolean for an int', { count: true }],
    ['an object for a String', { text: { a: 1 } }],
    ['an array for a String', { text: ['a'] }],
    ['a word for a double', { ratio: 'high' }],
    ['"yes" for a boolean', { flag: 'yes' }],
    ['a single value for an array', { items: { n: 1 } }],
  ])('leaves %s as it is, for the schema to refuse as Jackson does', (_label, input) => {
    const bound = bind({ required: 'r', ...input });
    expect(bound).toEqual({ required: 'r', ...input });
    expect(Body.safeParse(bound).success).toBe(false);
  });

  it('leaves unknown properties alone (the strict schema refuses them)', () => {
    expect(bind({ required: 'r', unknown: 1, other: null })).toEqual({ required: 'r', unknown: 1, other: null });
  });

  it('takes a whole body that is not an object as it is', () => {
    expect(coerceLikeJackson(Body, [1])).toEqual([1]);
    expect(coerceLikeJackson(Body, 'text')).toBe('text');
    expect(coerceLikeJackson(z.array(Body), [{ required: 1 }])).toEqual([{ required: '1' }]);
  });
});
