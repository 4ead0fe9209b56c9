import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunSummary, ScenarioResult } from './runner.ts';

/** Characters XML 1.0 cannot carry at all (control characters other than tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
}

function stepLog(result: ScenarioResult): string {
  return result.steps
    .map(
      (s) =>
        `${s.status.padEnd(7)} ${s.label} (${Math.round(s.durationMs)} ms)${s.error ? `\n        ${s.error.replace(/\n/g, '\n        ')}` : ''}`,
    )
    .join('\n');
}

function testcase(result: ScenarioResult): string {
  const open = `    <testcase${attributes({ classname: result.file, name: result.name, time: seconds(result.durationMs) })}`;
  const log = result.steps.length > 0 ? `      <system-out>${escapeXml(stepLog(result))}</system-out>\n` : '';
  if (!result.failure) return log ? `${open}>\n${log}    </testcase>` : `${open}/>`;
  const firstLine = result.failure.message.split('\n')[0] ?? '';
  const failure = `      <failure${attributes({ message: firstLine, type: 'ScenarioFailure' })}>${escapeXml(result.failure.message)}</failure>\n`;
  return `${open}>\n${failure}${log}    </testcase>`;
}

/** JUnit XML: one `<testsuite>` per scenario file, one `<testcase>` per scenario. */
export function junitXml(summary: RunSummary, timestamp = new Date()): string {
  const suites = summary.files.map((file) => {
    const failures = file.scenarios.filter((s) => !s.passed).length;
    const time = file.scenarios.reduce((sum, s) => sum + s.durationMs, 0);
    const head = attributes({
      name: file.file,
      tests: file.scenarios.length,
      failures,
      errors: 0,
      skipped: 0,
      time: seconds(time),
      timestamp: timestamp.toISOString().slice(0, 19),
    });
    return `  <testsuite${head}>\n${file.scenarios.map(testcase).join('\n')}\n  </testsuite>`;
  });
  const total = summary.passed + summary.failed;
  const root = attributes({
    name: 'campaign-sim scenarios',
    tests: total,
    failures: summary.failed,
    errors: 0,
    time: seconds(summary.durationMs),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}

export async function writeJunit(file: string, summary: RunSummary): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, junitXml(summary), 'utf8');
}
