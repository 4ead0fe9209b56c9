import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { z } from 'zod';
import { matcherErrors } from './match.ts';
import { STEP_KINDS, ScenarioHeaderSchema, stepLabel, type Scenario, type Step, type StepKind } from './schema.ts';

/** A scenario file that is not valid YAML or not a valid scenario; `problems` are `file:line:col: path: message`. */
export class ScenarioFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid scenario file\n  ${problems.join('\n  ')}`);
  }
}

/** Expands files and directories (recursively) into the sorted list of `*.yaml` / `*.yml` files. */
export async function collectScenarioFiles(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  async function walk(path: string): Promise<void> {
    const info = await stat(path);
    if (!info.isDirectory()) {
      found.add(path);
      return;
    }
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (/\.ya?ml$/i.test(entry.name)) found.add(child);
    }
  }
  for (const path of paths) await walk(path);
  return [...found].sort();
}

/** Path as shown in reports: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel.startsWith('..') ? file : rel;
}

export async function loadScenarioFile(file: string): Promise<Scenario[]> {
  return parseScenarios(await readFile(file, 'utf8'), displayPath(file));
}

/** Parses every YAML document of a file (`---` separates scenarios) and validates each one. */
export function parseScenarios(text: string, file: string): Scenario[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, merge: true });
  const problems: string[] = [];
  const where = (offset: number | undefined) => {
    if (offset === undefined) return file;
    const pos = lines.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  if (!Array.isArray(docs)) return [];
  const scenarios: Scenario[] = [];
  docs.forEach((doc, index) => {
    for (const err of doc.errors) problems.push(`${where(err.pos[0])}: ${err.message.split('\n')[0]}`);
    if (doc.errors.length > 0 || doc.contents === null) return;
    const found = validateDocument(doc, file, index, (path, message) => {
      problems.push(`${where(offsetOf(doc, path))}: ${describePath(doc, path)}${message}`);
    });
    if (found) scenarios.push(found);
  });
  if (problems.length > 0) throw new ScenarioFormatError(file, problems);
  if (scenarios.length === 0) throw new ScenarioFormatError(file, [`${file}: no scenario in this file`]);
  return scenarios;
}

type Report = (path: PropertyKey[], message: string) => void;

function reportIssues(error: z.ZodError, prefix: PropertyKey[], report: Report): void {
  for (const issue of error.issues) report([...prefix, ...issue.path], issue.message);
}

function validateDocument(doc: Document, file: string, index: number, report: Report): Scenario | undefined {
  const header = ScenarioHeaderSchema.safeParse(doc.toJS());
  if (!header.success) {
    reportIssues(header.error, [], report);
    return undefined;
  }
  const steps: Step[] = [];
  header.data.steps.forEach((raw, i) => {
    const step = validateStep(raw, (path, message) => report(['steps', i, ...path], message));
    if (step) steps.push(step);
  });
  if (steps.length !== header.data.steps.length) return undefined;
  return { ...header.data, steps, file, index };
}

function validateStep(raw: unknown, report: Report): Step | undefined {
  const kinds = Object.keys(STEP_KINDS) as StepKind[];
  const present = raw !== null && typeof raw === 'object' ? kinds.filter((k) => k in raw) : [];
  if (present.length !== 1) {
    report(
      [],
      `a step has exactly one of ${kinds.join(', ')}${present.length ? ` (found ${present.join(', ')})` : ''}`,
    );
    return undefined;
  }
  const parsed = STEP_KINDS[present[0] as StepKind].safeParse(raw);
  if (!parsed.success) {
    reportIssues(parsed.error, [], report);
    return undefined;
  }
  const data = parsed.data as Step;
  const errors =
    'verify' in data
      ? matcherErrors(data.verify, 'verify')
      : Object.entries(data.expect ?? {}).flatMap(([key, value]) => matcherErrors(value, key));
  for (const message of errors) report(['verify' in data ? 'verify' : 'expect'], message);
  return errors.length === 0 ? data : undefined;
}

/** Source offset of the deepest node that exists along `path`, for a file:line:col prefix. */
function offsetOf(doc: Document, path: PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
  }
  return undefined;
}

/** `steps.2 (add a record).request.method: ` — step positions carry the step's name. */
function describePath(doc: Document, path: PropertyKey[]): string {
  if (path.length === 0) return '';
  const parts = path.map(String);
  if (parts[0] === 'steps' && typeof path[1] === 'number') {
    const step = doc.getIn(['steps', path[1]]) as { get?: (k: string) => unknown } | undefined;
    const name = step && typeof step.get === 'function' ? step.get('name') : undefined;
    parts.splice(0, 2, stepLabel(typeof name === 'string' ? { name } : undefined, path[1]));
  }
  return `${parts.join('.')}: `;
}
