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

  it('a snapshot holds the entities, ids and index keys as they were, however the store changes after it', () => {
    const s = store();
    const count = 70_000; // past the split into chunks
    for (let id = 0; id < count; id++) s.insert({ id, code: `c${id}`, name: `n${id}` });
    const before = JSON.stringify([...s.values()]);
    const snapshot = s.snapshot();
    // A save writes the snapshot while requests go on: one deletes the first entity, gives its code to the last,
    // renames one in place, and adds another.
    const first = s.get(0) as Item;
    const last = s.get(count - 1) as Item;
    s.delete(first);
    s.update(last, () => (last.code = 'c0'));
    (s.get(5) as Item).name = 'renamed';
    s.insert({ id: count, code: 'new', name: 'added' });
    expect(s.by('code', 'c0')).toBe(last);
    expect(s.size).toBe(count);

    expect(snapshot.length).toBe(count);
    const saved = JSON.parse(JSON.stringify(snapshot)) as Item[];
    // The deleted and the re-keyed entity as they stood; a field changed in place is written as it stands.
    expect(saved[0]).toEqual({ id: 0, code: 'c0', name: 'n0' });
    expect(saved.at(-1)).toEqual({ id: count - 1, code: `c${count - 1}`, name: `n${count - 1}` });
    expect(saved[5]?.name).toBe('renamed');
    expect(JSON.stringify(saved.map((i) => (i.id === 5 ? { ...i, name: 'n5' } : i)))).toBe(before);
    // So it restores: no two entities share a key.
    expect(EntityStore.restore('items', (i: Item) => i.id, { code: (i) => i.code }, saved).size).toBe(count);
  });
});
