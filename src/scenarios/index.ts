/** Programmatic API of the scenario runner (used by the CLI `replay` command and by tests). */
export { runScenarios, runScenario } from './runner.ts';
export type { RunOptions, RunSummary, FileResult, ScenarioResult, StepResult } from './runner.ts';
export { collectScenarioFiles, loadScenarioFile, parseScenarios, ScenarioFormatError } from './load.ts';
export { junitXml, writeJunit } from './junit.ts';
export { defaultHeaders } from './auth.ts';
export type { Scenario, Step } from './schema.ts';
