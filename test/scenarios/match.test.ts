import { describe, expect, it } from 'vitest';
import { interpolate, InterpolationError } from '../../src/scenarios/interpolate.ts';
import { match, resolveExpected } from '../../src/scenarios/match.ts';

const check = (expected: unknown, actual: unknown, mode: 'json' | 'text' = 'json', context = {}) =>
  match(resolveExpected(expected, context), actual, 'json', mode);

describe('matchers', () => {
  it.each([
    ['$any', 0, undefined],
    ['$absent', undefined, null],
    ['$number', 1.5, '1.5'],
    ['$string', '', 1],
    ['$null', null, undefined],
    ['$regex:^ab+$', 'abb', 'abc'],
    [7, 7, '7'],
    ['x', 'x', 'X'],
    [null, null, 'null'],
    [true, true, 'true'],
  ])('%j accepts %j and refuses %j', (expected, good, bad) => {
    expect(check(expected, good)).toEqual([]);
    expect(check(expected, bad)).toHaveLength(1);
  });

  it('regex also tests numbers and booleans, never objects', () => {
    expect(check('$regex:^4\\d\\d$', 404)).toEqual([]);
    expect(check('$regex:.', { a: 1 })).toEqual(['json: expected $regex:., got {"a":1}']);
  });

  it('objects match partially; missing and absent keys are told apart', () => {
    expect(check({ a: 1 }, { a: 1, b: 2 })).toEqual([]);
    expect(check({ a: 1, c: '$absent' }, { a: 1 })).toEqual([]);
    expect(check({ a: { b: 'x' } }, { a: {} })).toEqual(['json.a.b: expected "x", got nothing']);
    expect(check({ a: 1 }, [1])).toEqual(['json: expected an object, got [1]']);
  });

  it('arrays need the same length and match element-wise', () => {
    expect(check([1, '$any'], [1, 'z'])).toEqual([]);
    expect(check([1], [1, 2])).toEqual(['json: expected 1 item(s) (got 2), got [1,2]']);
    expect(check([{ id: 1 }, { id: 2 }], [{ id: 1 }, { id: 3 }])).toEqual(['json.1.id: expected 2, got 3']);
    expect(check([1], { 0: 1 })).toEqual(['json: expected an array of 1, got {"0":1}']);
  });

  it('reports every mismatch with its path', () => {
    expect(check({ a: 1, b: { c: '$string' } }, { a: 2, b: { c: 3 } })).toEqual([
      'json.a: expected 1, got 2',
      'json.b.c: expected $string, got 3',
    ]);
  });

  it('text mode compares scalars as text and wraps a lone XML element for arrays', () => {
    expect(check({ count: 2 }, { count: '2' }, 'text')).toEqual([]);
    expect(check({ count: 2 }, { count: '2' }, 'json')).toHaveLength(1);
    expect(check('$number', '12.5', 'text')).toEqual([]);
    expect(check('$number', 'abc', 'text')).toHaveLength(1);
    expect(check([{ id: 'a' }], { id: 'a' }, 'text')).toEqual([]);
  });

  it('$$ is a literal dollar, and interpolated values are never read as matchers', () => {
    expect(check('$$any', '$any')).toEqual([]);
    expect(check('$$any', 'whatever')).toHaveLength(1);
    expect(check('${captured.m}', '$any', 'json', { captured: { m: '$any' } })).toEqual([]);
    expect(check('${captured.m}', 'other', 'json', { captured: { m: '$any' } })).toHaveLength(1);
  });
});

describe('interpolation', () => {
  const context = { captured: { n: 5, obj: { a: [1] }, s: 'x' }, sandbox: { id: 'sbx-1' } };

  it('a whole-string reference keeps the type; embedded ones become text', () => {
    expect(interpolate({ n: '${captured.n}', o: '${captured.obj}', list: ['${captured.obj.a.0}'] }, context)).toEqual({
      n: 5,
      o: { a: [1] },
      list: [1],
    });
    expect(interpolate('id=${sandbox.id}/${captured.n} ${captured.obj}', context)).toBe('id=sbx-1/5 {"a":[1]}');
    expect(interpolate('${ captured.s }', context)).toBe('x');
  });

  it('$${ is a literal ${', () => {
    expect(interpolate('$${captured.n} and ${captured.n}', context)).toBe('${captured.n} and 5');
  });

  it('an unknown reference is an error that lists what exists', () => {
    expect(() => interpolate('${captured.missing}', context)).toThrow(InterpolationError);
    expect(() => interpolate('a ${captured.missing}', context)).toThrow('known captured keys: n, obj, s');
    expect(() => interpolate('${nope.x}', context)).toThrow('references start with captured, sandbox');
  });

  it('leaves non-string values alone', () => {
    expect(interpolate({ a: 1, b: null, c: true }, context)).toEqual({ a: 1, b: null, c: true });
  });
});
