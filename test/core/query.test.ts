import { describe, expect, it } from 'vitest';
import { flatQuery } from '../../simulators/core/pipeline.ts';

describe('flatQuery', () => {
  it('keeps the first value of each parameter', () => {
    expect(flatQuery('/x?a=1&b=2&a=3')).toEqual({ a: '1', b: '2' });
  });

  it('keeps keys named like Object.prototype members as plain data', () => {
    const query = flatQuery('/x?constructor=c&toString=t&__proto__=p&hasOwnProperty=h');
    expect(query.constructor).toBe('c');
    expect(query.toString).toBe('t');
    expect(query.hasOwnProperty).toBe('h');
    expect(Object.hasOwn(query, '__proto__')).toBe(true);
    expect(query['__proto__']).toBe('p');
    expect(Object.getPrototypeOf(query)).toBeNull();
  });

  it('is empty without a query string', () => {
    expect(Object.keys(flatQuery('/x'))).toEqual([]);
  });
});
