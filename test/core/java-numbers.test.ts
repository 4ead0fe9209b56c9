import { describe, expect, it } from 'vitest';
import { javaDouble, javaFloat, javaNumberText, withJavaNumbers } from '../../simulators/core/serializers/java.ts';
import { serializeJson } from '../../simulators/core/serializers/json.ts';
import { serializeXml } from '../../simulators/core/serializers/xml.ts';

/** Expected texts are what `Double.toString` / `Float.toString` print on a JDK (19+, shortest digits). */
describe('javaNumberText', () => {
  it.each([
    [0, '0.0'],
    [-0, '-0.0'],
    [1, '1.0'],
    [100, '100.0'],
    [1.5, '1.5'],
    [-2.5, '-2.5'],
    [99.195, '99.195'],
    [0.1 + 0.2, '0.30000000000000004'],
    [123456.789, '123456.789'],
    [9999999, '9999999.0'],
    [1e7, '1.0E7'],
    [12345678.5, '1.23456785E7'],
    [1e21, '1.0E21'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [0.00012345, '1.2345E-4'],
    [-1.5e-10, '-1.5E-10'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('double %d → %s', (value, text) => {
    expect(javaNumberText(value, 'double')).toBe(text);
  });

  it.each([
    [1.4059999, '1.4059999'],
    [0.6630001, '0.6630001'],
    [5122.0327, '5122.0327'],
    [0.0030002594, '0.0030002594'],
    [20.573732, '20.573732'],
    [0.1, '0.1'],
    [Math.fround(Math.fround(0.1) + Math.fround(0.2)), '0.3'],
    [1.406, '1.406'],
    [16777217, '1.6777216E7'],
    [1, '1.0'],
  ])('float %d → %s', (value, text) => {
    expect(javaNumberText(value, 'float')).toBe(text);
  });
});

describe('the serializers print marked numbers as Java does', () => {
  const view = withJavaNumbers(
    { id: 7, rate: 1, stats: [{ amount: 0, loginTime: 99.195, calls: 2 }], note: '1.0', nothing: null },
    { doubles: new Set(['rate']), floats: new Set(['amount', 'loginTime']) },
  );

  it('JSON: doubles and floats with their fraction, integers and strings untouched', () => {
    expect(serializeJson(view)).toBe(
      '{"id":7,"rate":1.0,"stats":[{"amount":0.0,"loginTime":99.195,"calls":2}],"note":"1.0","nothing":null}',
    );
  });

  it('XML: the same texts', () => {
    expect(serializeXml('campaign', { rate: javaDouble(2), stats: { wrapTime: javaFloat(80.682) } })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><campaign><rate>2.0</rate><stats><wrapTime>80.682</wrapTime></stats></campaign>',
    );
  });

  it('leaves text that merely looks like a mark alone (the mark is random per process)', () => {
    const text = '"@java-number-x@1.0@java-number-x@"';
    expect(serializeJson({ text })).toBe(JSON.stringify({ text }));
  });
});
