import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { plainYaml } from '../../src/cli/plain-yaml.ts';
import { describeSandbox } from '../../simulators/core/admin/describe.ts';
import { SandboxRegistry } from '../../simulators/core/sandbox.ts';
import { VENDORS } from '../../simulators/index.ts';

/** JSON data as the banner holds it: no undefined, no non-finite numbers. */
const json = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

describe('plainYaml (the start-up banner)', () => {
  it('reads back as the same data for any JSON object or array (strings that look like other types quoted)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string(), json), fc.array(json)), (value) => {
        expect(parse(plainYaml(value))).toEqual(value);
      }),
      { numRuns: 500 },
    );
    const tricky = { yes: 'no', n: ['1001', '+49 89', 'true', 'Null', '', ' a', 'a ', 'a: b', 'a #b', '- x', 'b:'] };
    expect(parse(plainYaml(tricky))).toEqual(tricky);
  });

  it('writes the default sandbox of every vendor as pasteable YAML: URLs, emails and names plain, ids quoted', () => {
    const registry = new SandboxRegistry(VENDORS);
    const sandbox = registry.create({ id: 'default', seed: 1 });
    const { vendors } = describeSandbox(registry, sandbox, 'http://127.0.0.1:4010');
    const text = plainYaml(vendors);
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(vendors)));
    expect(text).toMatch(/^symbee:\n {2}baseUrl: http:\/\/127\.0\.0\.1:4010\/symbee\//);
    expect(text).toContain('\n    - jtester@abc-gadgets.com\n');
    expect(text).toContain('\n      - "1001"\n');
    expect(text).toMatch(/\n {4}- id: 125\n {6}name: BOC Admin Demo\n/);
  });
});
