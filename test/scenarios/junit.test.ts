import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { defaultHeaders } from '../../src/scenarios/auth.ts';
import { escapeXml, junitXml } from '../../src/scenarios/junit.ts';
import type { RunSummary } from '../../src/scenarios/runner.ts';

const nasty = 'a<b>&"c\' \u0001\u0008 \uFFFF ]]> end';

const summary: RunSummary = {
  passed: 1,
  failed: 2,
  durationMs: 1234,
  files: [
    {
      file: 'scenarios/symbee/a.yaml',
      scenarios: [
        {
          file: 'scenarios/symbee/a.yaml',
          name: 'passes',
          passed: true,
          durationMs: 12,
          steps: [{ label: 'step 1', kind: 'request', status: 'passed', durationMs: 12 }],
        },
        {
          file: 'scenarios/symbee/a.yaml',
          name: `fails ${nasty}`,
          passed: false,
          durationMs: 30,
          steps: [
            { label: 'step 1 (add)', kind: 'request', status: 'failed', durationMs: 30, error: `json.x: ${nasty}` },
          ],
          failure: {
            step: 'step 1 (add)',
            message: `step 1 (add): json.x: expected 1, got ${nasty}\n(response 200: {})`,
          },
        },
      ],
    },
    {
      file: 'scenarios/b.yaml',
      scenarios: [
        {
          file: 'scenarios/b.yaml',
          name: 'invalid scenario file',
          passed: false,
          durationMs: 0,
          steps: [],
          failure: { message: 'b.yaml:1:1: bad' },
        },
      ],
    },
  ],
};

describe('JUnit report', () => {
  const xml = junitXml(summary, new Date('2024-01-02T03:04:05Z'));

  it('is well-formed XML even with control characters and markup in messages', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has one testsuite per file and one testcase per scenario, with failures naming step and path', () => {
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => ['testsuite', 'testcase'].includes(n),
    }).parse(xml);
    const root = doc.testsuites;
    expect([root.tests, root.failures, root.time]).toEqual(['3', '2', '1.234']);
    expect(
      root.testsuite.map((s: { name: string; tests: string; failures: string }) => [s.name, s.tests, s.failures]),
    ).toEqual([
      ['scenarios/symbee/a.yaml', '2', '1'],
      ['scenarios/b.yaml', '1', '1'],
    ]);
    const [pass, fail] = root.testsuite[0].testcase;
    expect(pass.failure).toBeUndefined();
    expect(pass.classname).toBe('scenarios/symbee/a.yaml');
    expect(fail.name).toBe('fails a<b>&"c\' \uFFFD\uFFFD \uFFFD ]]> end');
    expect(fail.failure.message).toBe('step 1 (add): json.x: expected 1, got a<b>&"c\' \uFFFD\uFFFD \uFFFD ]]> end');
    expect(fail.failure['#text']).toContain('(response 200: {})');
    expect(fail['system-out']).toContain('failed  step 1 (add)');
    expect(root.testsuite[1].testcase[0].failure.message).toBe('b.yaml:1:1: bad');
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});

describe('default credentials', () => {
  it('symbee sends the headers of its sandbox section', () => {
    const section = {
      baseUrl: 'http://x',
      headers: { 'X-sc-company-code': 'abc', 'X-sc-platform-code': 'AWS Connect' },
    };
    expect(defaultHeaders('symbee', section, 'POST')).toEqual({
      'X-sc-company-code': 'abc',
      'X-sc-platform-code': 'AWS Connect',
    });
    expect(defaultHeaders('symbee', { baseUrl: 'http://x' }, 'POST')).toEqual({});
  });
});
