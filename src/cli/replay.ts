import { writeJunit } from '../scenarios/junit.ts';
import { runScenarios, type RunSummary, type ScenarioResult } from '../scenarios/runner.ts';

export interface ReplayOptions {
  url?: string;
  junit?: string;
  timeoutMs?: number;
  adminToken?: string;
}

const ms = (value: number) => `${Math.round(value)} ms`;

/** One line per scenario as it finishes; failures carry the failing step and every mismatch, indented. */
export function formatResult(result: ScenarioResult): string {
  const head = `${result.passed ? 'PASS' : 'FAIL'}  ${result.file} > ${result.name} (${ms(result.durationMs)})`;
  if (!result.failure) return head;
  return `${head}\n${result.failure.message.replace(/^/gm, '        ')}`;
}

export function formatSummary(summary: RunSummary): string {
  const files = summary.files.length;
  const failedLines = summary.files
    .flatMap((f) => f.scenarios)
    .filter((s) => !s.passed)
    .map((s) => `  - ${s.file} > ${s.name}${s.failure?.step ? ` (${s.failure.step})` : ''}`);
  return [
    '',
    `${files} file(s), ${summary.passed + summary.failed} scenario(s) in ${ms(summary.durationMs)}`,
    ...(failedLines.length ? ['Failed:', ...failedLines] : []),
    `${summary.passed} passed, ${summary.failed} failed`,
  ].join('\n');
}

/** Runs the scenarios, prints progress and the summary, writes JUnit when asked; returns the exit code. */
export async function replay(paths: string[], options: ReplayOptions): Promise<number> {
  const target = options.url ? `the simulator at ${options.url}` : 'an in-process simulator';
  console.log(`Replaying scenarios against ${target}`);
  const summary = await runScenarios(paths, {
    url: options.url,
    timeoutMs: options.timeoutMs,
    adminToken: options.adminToken,
    onResult: (result) => console.log(formatResult(result)),
  });
  if (summary.files.length === 0) console.warn(`No scenario files (*.yaml, *.yml) found in ${paths.join(', ')}`);
  if (options.junit) {
    await writeJunit(options.junit, summary);
    console.log(`\nJUnit report written to ${options.junit}`);
  }
  console.log(formatSummary(summary));
  return summary.failed > 0 ? 1 : 0;
}
