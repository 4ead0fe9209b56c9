import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { JsonLinesReader, SavedList, jsonLines } from '../../simulators/core/json-lines.ts';

function read(lines: Iterable<string>): unknown {
  const reader = new JsonLinesReader();
  for (const line of lines) reader.push(line);
  return reader.value();
}

/** A value with big containers (laid out over lines) around small ones, and strings JSON must escape. */
const bigValue = {
  id: 'x',
  text: 'line\nbreak \u2028 "quoted" \\ 😀',
  records: Array.from({ length: 2000 }, (_, i) => ({ n: i, data: [{ key: 'k', value: `v${i}\n` }] })),
  byId: Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`id-${i}`, { i }])),
  empty: [],
  nested: [[...Array(600).keys()], { deep: Array.from({ length: 600 }, () => ({})) }],
  skipped: undefined,
  when: new Date(0),
  withHoles: [...Array(600).keys()].map((i) => (i % 100 === 0 ? undefined : i)),
};

describe('JSON lines', () => {
  it('is plain JSON with the meaning JSON.stringify gives, one line per element of a big array', () => {
    const lines = [...jsonLines(bigValue)];
    const text = lines.join('\n');
    const expected = JSON.parse(JSON.stringify(bigValue));
    expect(JSON.parse(text)).toEqual(expected);
    expect(read(lines)).toEqual(expected);
    // Each record is one line of its own: the file is read and written a record at a time.
    expect(lines.filter((l) => l.startsWith('{"n":'))).toHaveLength(2000);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
  });

  it('round-trips any JSON value, small or laid out over lines', () => {
    const big = (item: fc.Arbitrary<unknown>) => fc.array(item, { minLength: 520, maxLength: 600 });
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), big(fc.jsonValue({ maxDepth: 2 })), fc.dictionary(fc.string(), big(fc.string()))),
        (value) => {
          const expected = JSON.parse(JSON.stringify(value) ?? 'null');
          expect(read(jsonLines(value))).toEqual(expected);
          expect(JSON.parse([...jsonLines(value)].join('\n'))).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a __proto__ key is an own property, as JSON.parse makes it, never a prototype', () => {
    const value = JSON.parse(`{"__proto__": {"polluted": true}, "list": [${'1,'.repeat(600)}1]}`);
    const back = read(jsonLines(value)) as Record<string, unknown>;
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect((back as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('reads a single-line JSON file as written before the line layout, and refuses broken ones with the line', () => {
    expect(read([JSON.stringify(bigValue)])).toEqual(JSON.parse(JSON.stringify(bigValue)));
    expect(read(['null'])).toBeNull();
    expect(() => read([])).toThrow(/empty file/);
    expect(() => read(['{', '"a":1,'])).toThrow(/ends inside the value/);
    expect(() => read(['{', '"a":1', ']'])).toThrow(/line 3: unexpected \]/);
    expect(() => read(['{', '1'])).toThrow(/line 2: a member line must start with "key":/);
    expect(() => read(['[', '{"a":', ']'])).toThrow(/line 2/);
    expect(() => read(['1', '2'])).toThrow(/line 2: text after the end/);
  });

  it('walks a copy of a big array: an element removed during the walk is still written, never a hole', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const lines: string[] = [];
    for (const line of jsonLines({ items })) {
      lines.push(line);
      if (lines.length === 10) items.splice(0, 500);
    }
    expect((read(lines) as { items: unknown[] }).items).toHaveLength(1000);
  });
});

describe('JSON lines reviver', () => {
  it('hands every value read from a line to the reviver with its path, and keeps what it returns', () => {
    const seen: string[] = [];
    const reader = new JsonLinesReader((path, value) => {
      seen.push(path.join('.'));
      return path[0] === 'records' && path.length === 2 ? { revived: (value as { n: number }).n } : value;
    });
    for (const line of jsonLines(bigValue)) reader.push(line);
    const value = reader.value() as { records: unknown[]; id: string; byId: Record<string, unknown> };
    expect(value.records[1999]).toEqual({ revived: 1999 });
    expect(value.id).toBe('x');
    expect(value.byId['id-3']).toEqual({ i: 3 });
    // Values inside a one-line container are not lines of their own: only the container is revived.
    expect(seen).toContain('records.0');
    expect(seen).toContain('nested.1.deep.599');
    expect(seen).not.toContain('records.0.n');
  });
});

describe('saved lists', () => {
  const listOf = <T>(items: T[], chunkSize: number) => {
    const chunks: Map<number, T>[] = [];
    items.forEach((item, i) => {
      if (i % chunkSize === 0) chunks.push(new Map());
      chunks.at(-1)!.set(i, item);
    });
    return new SavedList(chunks, items.length);
  };

  it('are written exactly as the array of their items, short or long, over one chunk or many', () => {
    for (const length of [0, 3, 512, 513, 2_000]) {
      const items = Array.from({ length }, (_, i) => ({ id: i, name: `n${i}`, skip: undefined, tags: [i] }));
      for (const chunkSize of [1, 7, 4096]) {
        const list = listOf(items, chunkSize);
        expect([...jsonLines({ list, after: 1 })]).toEqual([...jsonLines({ list: items, after: 1 })]);
        expect(JSON.stringify(list)).toBe(JSON.stringify(items));
      }
    }
  });

  it('are never copied whole when written over lines (their toJSON is for JSON.stringify only)', () => {
    const list = listOf(
      Array.from({ length: 600 }, (_, i) => i),
      100,
    );
    const toJSON = vi.spyOn(list, 'toJSON');
    const lines = [...jsonLines({ nested: { list, more: true } })];
    expect(lines).toHaveLength(600 + 7); // `{`, `"nested":{`, `"list":[`, the items, `],`, `"more":true`, `}`, `}`
    expect(toJSON).not.toHaveBeenCalled();
  });

  it('are walked as they are (their chunks do not change), where big arrays are copied first', () => {
    const lastLine = (value: unknown, change: () => void) => {
      const lines = jsonLines({ value });
      for (let i = 0; i < 3; i++) lines.next(); // `{`, `"value":[` and the first item: the walk has begun
      change();
      return [...lines].at(-3); // the last item, before `]` and `}`
    };
    const items = Array.from({ length: 600 }, (_, i) => i);
    expect(lastLine(items, () => (items[599] = -1))).toBe('599');
    const chunk = new Map(items.map((item, i) => [i, item]));
    expect(lastLine(new SavedList([chunk], 600), () => chunk.set(599, -2))).toBe('-2');
  });
});
