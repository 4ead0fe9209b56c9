import { verifyPacts, type VerifyOptions, type VerifySummary } from '../pact/verify.ts';
import { writeJunit } from '../scenarios/junit.ts';
import type { RunSummary } from '../scenarios/runner.ts';

export interface VerifyCliOptions extends Omit<VerifyOptions, 'paths' | 'log'> {
  junit?: string;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const indent = (text: string, prefix: string) => text.replace(/^/gm, prefix);

/** The summary after the verifier's own report: every failed interaction with what differs, then the counts. */
export function formatVerifySummary(summary: VerifySummary): string {
  const lines = ['', 'campaign-sim verify'];
  for (const pact of summary.pacts) {
    const head = `${pact.passed ? 'PASS' : 'FAIL'}  ${pact.file} (${pact.consumer} → ${pact.provider}, ${ms(pact.durationMs)})`;
    lines.push(head);
    if (pact.error) lines.push(indent(pact.error, '        '));
    for (const i of pact.interactions) {
      if (i.passed) continue;
      lines.push(`      ✗ ${i.description}`);
      if (i.diff) lines.push(indent(i.diff, '          '));
    }
  }
  const interactions = summary.pacts.flatMap((p) => p.interactions);
  lines.push(
    '',
    `${summary.pacts.length} pact file(s), ${interactions.filter((i) => i.passed).length}/${interactions.length} interaction(s) verified in ${ms(summary.durationMs)}`,
    `${summary.passed} passed, ${summary.failed} failed`,
  );
  return lines.join('\n');
}

/** JUnit through the scenario runner's writer: one suite per pact file, one case per interaction. */
function asRunSummary(summary: VerifySummary): RunSummary {
  return {
    files: summary.pacts.map((pact) => ({
      file: pact.file,
      scenarios: (pact.error
        ? [{ description: '(pact)', passed: false, durationMs: pact.durationMs, diff: pact.error }]
        : pact.interactions
      ).map((i) => ({
        file: pact.file,
        name: i.description,
        passed: i.passed,
        durationMs: i.durationMs,
        steps: [],
        ...(i.passed ? {} : { failure: { message: i.diff ?? 'failed' } }),
      })),
    })),
    passed: summary.pacts.flatMap((p) => p.interactions).filter((i) => i.passed).length,
    failed: summary.pacts.reduce((n, p) => n + (p.error ? 1 : p.interactions.filter((i) => !i.passed).length), 0),
    durationMs: summary.durationMs,
  };
}

/** Runs `campaign-sim verify`; resolves to the exit code (0 all verified, 1 otherwise). */
export async function verifyCommand(paths: string[], options: VerifyCliOptions): Promise<number> {
  const target = options.providerBaseUrl
    ? `the vendor at ${options.providerBaseUrl} (drift check)`
    : options.url
      ? `the simulator at ${options.url}`
      : 'an in-process simulator';
  console.log(`Verifying pact files against ${target}`);
  const summary = await verifyPacts({ ...options, paths });
  if (options.junit) {
    await writeJunit(options.junit, asRunSummary(summary));
    console.log(`\nJUnit report written to ${options.junit}`);
  }
  console.log(formatVerifySummary(summary));
  return summary.failed > 0 || summary.pacts.length === 0 ? 1 : 0;
}
