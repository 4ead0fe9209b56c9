import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiPath } from '../../contracts/generate.ts';

/**
 * The endpoint table of docs/vendors/eightbyeight.md states, per operation, the token, the answers and the 8x8 source
 * it comes from; they must be what contracts/eightbyeight/openapi.json declares (which openapi-responses.test.ts ties
 * to the simulator). 401 is stated once for every operation below the table, so it is not listed per row.
 */
const DOC = fileURLToPath(new URL('../../docs/vendors/eightbyeight.md', import.meta.url));

interface OpenApiOperation {
  security: Record<string, string[]>[];
  responses: Record<string, unknown>;
}
const document = JSON.parse(readFileSync(openApiPath('eightbyeight'), 'utf8')) as {
  paths: Record<string, Record<string, OpenApiOperation>>;
};

interface Row {
  method: string;
  path: string;
  token: string;
  answers: string;
  source: string;
}

function endpointRows(markdown: string): Row[] {
  const section = /\n## Endpoints\n([\s\S]*?)\n#/.exec(markdown)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\| (GET|POST|DELETE|PATCH) /.test(line))
    .map((line) => {
      const [method, path, token, answers, source] = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim());
      return { method: method!, path: path!.replace(/`/g, ''), token: token!, answers: answers!, source: source! };
    });
}

const rows = endpointRows(readFileSync(DOC, 'utf8'));

/** The OpenAPI operation of a table row: the table's `{cid}` is the document's `{customerId}`. */
function operationOf(row: Row): OpenApiOperation | undefined {
  const path = `/vcc-{ccPlatform}${row.path.replace('{cid}', '{customerId}')}`;
  return document.paths[path]?.[row.method.toLowerCase()];
}

describe('docs/vendors/eightbyeight.md endpoint table', () => {
  it('lists every operation of the OpenAPI document once', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    expect(rows).toHaveLength(operations.length);
    for (const row of rows) expect(operationOf(row), `${row.method} ${row.path}`).toBeDefined();
  });

  it.each(rows.map((row) => [`${row.method} ${row.path}`, row] as const))(
    '%s: the token and the answers are the declared ones',
    (_name, row) => {
      const op = operationOf(row)!;
      const schemes = op.security.flatMap((requirement) => Object.keys(requirement));
      const TOKENS: Record<string, string[]> = {
        Data: ['dataToken'],
        Action: ['actionToken'],
        either: ['actionToken', 'dataToken'],
      };
      expect(schemes).toEqual(TOKENS[row.token]);
      expect(row.source, 'names its 8x8 source').toMatch(/record page|status page|8x8 OpenAPI|README/);
      const statuses = [...row.answers.matchAll(/\b[1-5]\d\d\b/g)].map((m) => m[0]);
      const declared = Object.keys(op.responses).filter((status) => status !== '401');
      expect(statuses.sort()).toEqual(declared.sort());
    },
  );
});
