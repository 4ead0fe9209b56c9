import { RE2JS } from 're2js';

/**
 * User-supplied path patterns (fault rules): a substring, or a regular expression written as `/.../flags`.
 *
 * Regular expressions run on RE2JS (RE2 semantics: linear time, no backtracking), never on `RegExp`: a rule such as
 * `(a+)+$` makes V8's backtracking engine take seconds on a 32-character path, freezing every sandbox of the process.
 * RE2 has no lookaround and no backreferences; such patterns are refused when the rule is added.
 *
 * Linear is not free: RE2JS costs up to ~50 ns per program instruction per character (measured). A pattern's
 * instruction count is its `cost`, which callers bound; the path length a pattern sees is bounded here.
 */
/** A regular expression sees this many characters of the path at most (a vendor path is rarely over 300). */
export const MAX_MATCHED_PATH_CHARS = 1024;

const FLAGS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // RE2 is Unicode-aware already; `g`/`y` only make JavaScript's `test` stateful, so they mean nothing here.
  u: 0,
  g: 0,
  y: 0,
};

export class PatternError extends Error {}

export interface PathMatcher {
  test(path: string): boolean;
  /** RE2 instructions of a regular expression (what one match costs per character); 0 for a substring. */
  cost: number;
}

/** Compiles `pattern` into a path test; throws PatternError (a message for a 400) when it cannot be served. */
export function pathMatcher(pattern: string | undefined): PathMatcher {
  if (!pattern) return { test: () => true, cost: 0 };
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
  if (!regex) return { test: (path) => path.includes(pattern), cost: 0 };
  const [, source, flagLetters] = regex as unknown as [string, string, string];
  let flags = 0;
  for (const letter of flagLetters) {
    const flag = FLAGS[letter];
    if (flag === undefined)
      throw new PatternError(`path pattern ${pattern}: unsupported flag "${letter}" (use i, m, s)`);
    flags |= flag;
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, flags);
  } catch (err) {
    // RE2JS's messages name the construct: "invalid or unsupported Perl syntax: `(?=`".
    throw new PatternError(
      `path pattern ${pattern}: ${(err as Error).message} (RE2 syntax: no lookaround, no backreferences)`,
    );
  }
  return {
    test: (path) => re.test(path.length > MAX_MATCHED_PATH_CHARS ? path.slice(0, MAX_MATCHED_PATH_CHARS) : path),
    cost: re.programSize(),
  };
}
