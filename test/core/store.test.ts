import { describe, expect, it } from 'vitest';
import { DuplicateKey, EntityStore, SnapshotError } from '../../simulators/core/store.ts';

interface Item {
  id: number;
  code?: string;
  name: string;
}
const store = () => new EntityStore<Item, 'code'>('items', (i) => i.id, { code: (i) => i.code });

describe('EntityStore', () => {
  it('finds entities by id and by each unique index, in insertion order', () => {
    const s = store();
    s.insert({ id: 2, code: 'b', name: 'two' });
    s.insert({ id: 1, code: 'a', name: 'one' });
    s.insert({ id: 3, name: 'no code' });
    expect(s.size).toBe(3);
    expect(s.get(1)?.name).toBe('one');
    expect(s.by('code', 'b')?.id).toBe(2);
    expect([...s.values()].map((i) => i.id)).toEqual([2, 1, 3]);
    expect([...s.keys('code')]).toEqual(['b', 'a']);
  });

  it('refuses a taken id or index key and then changes nothing', () => {
    const s = store();
    s.insert({ id: 1, code: 'a', name: 'one' });
    expect(() => s.insert({ id: 1, code: 'z', name: 'x' })).toThrow(DuplicateKey);
    expect(() => s.insert({ id: 2, code: 'a', name: 'x' })).toThrow(/items code a is already taken/);
    expect(s.size).toBe(1);
    expect(s.by('code', 'z')).toBeUndefined();
  });

  it('updates an indexed field in place: the old key is free, the order unchanged', () => {
    const s = store();
    const first = s.insert({ id: 1, code: 'a', name: 'one' });
    s.insert({ id: 2, code: 'b', name: 'two' });
    s.update(first, () => (first.code = 'c'));
    expect(s.by('code', 'a')).toBeUndefined();
    expect(s.by('code', 'c')).toBe(first);
    expect([...s.values()].map((i) => i.id)).toEqual([1, 2]);
    expect(() => s.update(first, () => (first.code = 'b'))).toThrow(DuplicateKey);
  });

  it('deletes only the entity it holds under that id', () => {
    const s = store();
    const one = s.insert({ id: 1, code: 'a', name: 'one' });
    expect(s.delete({ id: 1, code: 'a', name: 'impostor' })).toBe(false);
    expect(s.delete(one)).toBe(true);
    expect(s.get(1)).toBeUndefined();
    expect(s.by('code', 'a')).toBeUndefined();
  });

  it('restores from a snapshot, refusing duplicates as a corrupt snapshot', () => {
    const s = store();
    s.insert({ id: 1, code: 'a', name: 'one' });
    s.insert({ id: 2, code: 'b', name: 'two' });
    const again = EntityStore.restore('items', (i: Item) => i.id, { code: (i) => i.code }, s.snapshot());
    expect(again.by('code', 'b')?.name).toBe('two');
    expect(() =>
      EntityStore.restore('items', (i: Item) => i.id, { code: (i) => i.code }, [
        { id: 1, code: 'a', name: 'one' },
        { id: 2, code: 'a', name: 'two' },
      ]),
    ).toThrow(SnapshotError);
  });
});
