import type { z } from 'zod';
import { describeIssues } from './errors.ts';
import { SavedList } from './json-lines.ts';
import { OrderedShardedMap, ShardedMap } from './sharded-map.ts';

/** Two entities of a store would share a key of a unique index (or the id). */
export class DuplicateKey extends Error {
  constructor(
    readonly index: string,
    readonly key: string | number,
  ) {
    super(`${index} ${String(key)} is already taken`);
  }
}

type KeyOf<E> = (entity: E) => string | number | undefined;

/**
 * One collection of a vendor's entities in a sandbox: by id, plus unique indexes declared by name (a customer's
 * externalId, a task's clientId). Lookups are O(1) by id and by every index. Entities are plain objects the models
 * change in place; a change to an indexed field goes through `update`, which keeps the indexes true.
 */
export class EntityStore<E, I extends string = never> {
  // Sharded: a store of millions (Symbee's tasks) would otherwise rehash a whole Map in one step as it grows.
  private readonly byId = new OrderedShardedMap<string | number, E>(asSaved);
  private readonly indexes = new Map<I, { keyOf: KeyOf<E>; map: ShardedMap<string | number, E> }>();

  constructor(
    readonly name: string,
    private readonly idOf: (entity: E) => string | number,
    indexes: Record<I, KeyOf<E>> = {} as Record<I, KeyOf<E>>,
  ) {
    for (const [index, keyOf] of Object.entries(indexes) as [I, KeyOf<E>][]) {
      this.indexes.set(index, { keyOf, map: new ShardedMap() });
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string | number): E | undefined {
    return this.byId.get(id);
  }

  has(id: string | number): boolean {
    return this.byId.has(id);
  }

  /** The entity whose `index` key is `key`. */
  by(index: I, key: string | number): E | undefined {
    return this.indexes.get(index)?.map.get(key);
  }

  /** The keys of one index, in the entities' insertion order (lazily: a caller taking a few reads a few). */
  *keys(index: I): IterableIterator<string | number> {
    const { keyOf } = this.indexes.get(index) as { keyOf: KeyOf<E> };
    for (const entity of this.byId.values()) {
      const key = keyOf(entity);
      if (key !== undefined) yield key;
    }
  }

  values(): IterableIterator<E> {
    return this.byId.values();
  }

  /** Adds an entity; throws DuplicateKey (and changes nothing) when its id or an index key is taken. */
  insert(entity: E): E {
    const id = this.idOf(entity);
    if (this.byId.has(id)) throw new DuplicateKey(`${this.name} id`, id);
    for (const [index, { keyOf, map }] of this.indexes) {
      const key = keyOf(entity);
      if (key !== undefined && map.has(key)) throw new DuplicateKey(`${this.name} ${index}`, key);
    }
    this.byId.append(id, entity);
    for (const { keyOf, map } of this.indexes.values()) {
      const key = keyOf(entity);
      if (key !== undefined) map.set(key, entity);
    }
    return entity;
  }

  delete(entity: E): boolean {
    const id = this.idOf(entity);
    if (this.byId.get(id) !== entity) return false;
    this.byId.delete(id);
    for (const { keyOf, map } of this.indexes.values()) {
      const key = keyOf(entity);
      if (key !== undefined && map.get(key) === entity) map.delete(key);
    }
    return true;
  }

  /**
   * Changes indexed fields of an entity in place (its id and its place in the iteration order stay): `change` runs
   * between taking its keys out of the indexes and putting the new ones in. Check a new key with `by` first: a key
   * another entity holds throws DuplicateKey, and the entity is then missing from that index (a model bug).
   */
  update(entity: E, change: () => void): void {
    this.byId.aboutToChange(this.idOf(entity));
    for (const { keyOf, map } of this.indexes.values()) {
      const key = keyOf(entity);
      if (key !== undefined && map.get(key) === entity) map.delete(key);
    }
    change();
    for (const [index, { keyOf, map }] of this.indexes) {
      const key = keyOf(entity);
      if (key === undefined) continue;
      const holder = map.get(key);
      if (holder !== undefined && holder !== entity) throw new DuplicateKey(`${this.name} ${index}`, key);
      map.set(key, entity);
    }
  }

  clear(): void {
    this.byId.clear();
    for (const { map } of this.indexes.values()) map.clear();
  }

  /**
   * The entities as they are now, in insertion order, for a save that writes them while requests go on: taken at
   * once however many there are. Which entities it holds, and the ids and index keys they are written with, stay as
   * they were when it was taken (an entity deleted or re-keyed later is kept as its JSON as it stood then), so the
   * file restores without two entities sharing a key; other fields are written as they stand when their line is
   * written. For writing (`jsonLines`, `JSON.stringify`), not for reading entities back.
   */
  snapshot(): SavedList<E> {
    return new SavedList(this.byId.freeze(), this.byId.size);
  }

  /** A store holding `entities` (checked by `parseSnapshot` first), refusing duplicate keys as a corrupt snapshot. */
  static restore<E, I extends string>(
    name: string,
    idOf: (entity: E) => string | number,
    indexes: Record<I, KeyOf<E>>,
    entities: Iterable<E>,
  ): EntityStore<E, I> {
    const store = new EntityStore<E, I>(name, idOf, indexes);
    for (const entity of entities) {
      try {
        store.insert(entity);
      } catch (err) {
        if (err instanceof DuplicateKey) throw new SnapshotError(`${name}: ${err.message} twice`);
        throw err;
      }
    }
    return store;
  }
}

/** An entity as a save would write it, detached from the live one (what a snapshot keeps of one that changes). */
function asSaved<E>(entity: E): E {
  return JSON.parse(JSON.stringify(entity)) as E;
}

/**
 * A vendor section as its `snapshot` builds it for a save: the schema's type, where any list may also be a store's
 * SavedList (written as the same JSON array).
 */
export type Saving<T> = T extends readonly (infer I)[]
  ? readonly Saving<I>[] | SavedList<I>
  : T extends object
    ? { [K in keyof T]: Saving<T[K]> }
    : T;

/** A saved vendor section that is not what the vendor writes: the sandbox is refused, not restored half-way. */
export class SnapshotError extends Error {}

/**
 * Checks a vendor's saved section against its schema and returns it typed (no unchecked casts): a corrupt or
 * foreign file is refused with the offending fields named.
 */
export function parseSnapshot<T extends z.ZodType>(vendorId: string, schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (!result.success) throw new SnapshotError(`vendors.${vendorId}: ${describeIssues(result.error)}`);
  return result.data;
}
