/**
 * JSON written and read line by line, so a sandbox of millions of records is never one string (V8 strings stop at
 * ~512 MiB: one `JSON.stringify` of 820,000 Symbee records threw `RangeError: Invalid string length`) and never one
 * `JSON.parse`.
 *
 * The text is ordinary JSON — `JSON.parse` reads it, and so do jq and editors — laid out so that every line is one
 * of: an opening `{` or `[` (after a `"key":` inside an object), a closing `}` or `]`, or a whole small value (after a
 * `"key":` inside an object); any line may end with the `,` that separates it from the next member. A container is
 * laid out over lines only when it is big (more than `SMALL_NODES` values inside); small ones stay on one line, so a
 * record is one line and one `JSON.parse`. Newlines inside strings are escaped by JSON itself, so a line break is
 * always structure.
 */

/** Up to this many values inside, a value is written on one line. */
const SMALL_NODES = 512;

/** True when `value` holds at most `budget` values (counted no further than that). */
function isSmall(value: unknown, budget = SMALL_NODES): boolean {
  let left = budget;
  const walk = (v: unknown): boolean => {
    if (--left < 0) return false;
    if (v === null || typeof v !== 'object') return true;
    if (Array.isArray(v)) return v.every(walk);
    if (v instanceof SavedList) return v.length <= left && [...(v as SavedList<unknown>)].every(walk);
    for (const key in v) if (Object.hasOwn(v, key) && !walk((v as Record<string, unknown>)[key])) return false;
    return true;
  };
  return walk(value);
}

/** What `JSON.stringify` would write for `value` (its `toJSON`, if any). */
function jsonValue(value: unknown): unknown {
  const toJSON = (value as { toJSON?: unknown } | null)?.toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}

const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Whether JSON leaves out a member holding `value` (a SavedList never: asking its `toJSON` would copy it whole). */
const omittedMember = (value: unknown) => !(value instanceof SavedList) && omitted(jsonValue(value));

/**
 * A list as it stood at one moment, read later: a store's entities when a save began (`EntityStore.snapshot`). It
 * reads chunks nobody changes any more (the store copies a chunk before changing it), so taking one costs nothing per
 * entity and `jsonLines` walks it as it is: copying 5,000,000 references into an array took 100–400 ms, during which
 * no request was answered. Written as the JSON array of its items (`toJSON` for `JSON.stringify`).
 */
export class SavedList<T> implements Iterable<T> {
  constructor(
    private readonly chunks: readonly ReadonlyMap<unknown, T>[],
    readonly length: number,
  ) {}

  *[Symbol.iterator](): Iterator<T> {
    for (const chunk of this.chunks) yield* chunk.values();
  }

  toJSON(): T[] {
    return [...this];
  }
}

/**
 * The lines of `value` (without their `\n`), in order. Arrays are copied (references only) before they are walked:
 * a caller that writes between lines and lets other code run meanwhile gets each element as it stood when written,
 * and never a hole where an element was removed meanwhile. A SavedList needs no copy.
 */
export function* jsonLines(value: unknown, prefix = '', suffix = ''): Generator<string> {
  // A long saved list is never small (each item is at least one value): walked as it is, never copied.
  if (value instanceof SavedList && value.length > SMALL_NODES) {
    yield `${prefix}[`;
    let left = value.length;
    for (const item of value as SavedList<unknown>)
      yield* jsonLines(omitted(item) ? null : item, '', --left > 0 ? ',' : '');
    yield `]${suffix}`;
    return;
  }
  const v = jsonValue(value);
  if (v === null || typeof v !== 'object' || isSmall(v)) {
    yield `${prefix}${JSON.stringify(v) ?? 'null'}${suffix}`;
    return;
  }
  if (Array.isArray(v)) {
    yield `${prefix}[`;
    const items = v.slice();
    for (let i = 0; i < items.length; i++) {
      const item = omitted(items[i]) ? null : items[i];
      yield* jsonLines(item, '', i < items.length - 1 ? ',' : '');
    }
    yield `]${suffix}`;
    return;
  }
  yield `${prefix}{`;
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => !omittedMember(record[key]));
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    yield* jsonLines(record[key], `${JSON.stringify(key)}:`, i < keys.length - 1 ? ',' : '');
  }
  yield `}${suffix}`;
}

interface Open {
  container: Record<string, unknown> | unknown[];
  closer: '}' | ']';
}

/** Where a value sits: the keys and array indexes from the root down to it. */
export type JsonPath = readonly (string | number)[];

/**
 * Turns a value read from one line into what the reader keeps (`JSON.parse`'s reviver, per line): a restore converts
 * millions of records as they are read instead of holding them all as parsed JSON first. `path` is valid only during
 * the call (the reader reuses it).
 */
export type LineReviver = (path: JsonPath, value: unknown) => unknown;

/** Index just past the JSON string that opens `line` (at 0), or -1. */
function endOfKey(line: string): number {
  for (let i = 1; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 0x5c) i++;
    else if (ch === 0x22) return i + 1;
  }
  return -1;
}

/**
 * Rebuilds a value from the lines `jsonLines` wrote, one line at a time. `JSON.parse` semantics throughout: a
 * `__proto__` key is an own property, not a prototype.
 */
export class JsonLinesReader {
  private readonly open: Open[] = [];
  /** The path of the innermost open container (one entry per entry of `open`, but the root's). */
  private readonly path: (string | number)[] = [];
  private root: unknown;
  private done = false;
  private lineNo = 0;

  constructor(private readonly revive?: LineReviver) {}

  /** Takes the next line; throws on anything `jsonLines` cannot have written. */
  push(rawLine: string): void {
    this.lineNo++;
    const line = rawLine.endsWith(',') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    if (this.done) this.fail('text after the end of the value');
    const top = this.open[this.open.length - 1];
    if (line === '}' || line === ']') {
      if (top?.closer !== line) this.fail(`unexpected ${line}`);
      this.open.pop();
      this.path.pop();
      if (this.open.length === 0) this.done = true;
      return;
    }
    let key: string | undefined;
    let rest = line;
    if (top && top.closer === '}') {
      const end = line.startsWith('"') ? endOfKey(line) : -1;
      if (end < 0 || line[end] !== ':') this.fail('a member line must start with "key":');
      key = this.parse(line.slice(0, end)) as string;
      rest = line.slice(end + 1);
    }
    const at = key ?? (top ? (top.container as unknown[]).length : undefined);
    if (rest === '{' || rest === '[') {
      const container = rest === '{' ? {} : [];
      this.attach(top, key, container);
      this.open.push({ container, closer: rest === '{' ? '}' : ']' });
      if (at !== undefined) this.path.push(at);
    } else {
      let value = this.parse(rest);
      if (this.revive && at !== undefined) {
        this.path.push(at);
        try {
          value = this.revive(this.path, value);
        } finally {
          this.path.pop();
        }
      }
      this.attach(top, key, value);
      if (!top) this.done = true;
    }
  }

  /** The value, once its last line was pushed. */
  value(): unknown {
    if (!this.done) this.fail(this.lineNo === 0 ? 'empty file' : 'the file ends inside the value');
    return this.root;
  }

  private attach(top: Open | undefined, key: string | undefined, value: unknown): void {
    if (!top) this.root = value;
    else if (Array.isArray(top.container)) top.container.push(value);
    else
      Object.defineProperty(top.container, key as string, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }

  private parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (err) {
      return this.fail((err as Error).message);
    }
  }

  private fail(message: string): never {
    throw new Error(`line ${this.lineNo}: ${message}`);
  }
}
