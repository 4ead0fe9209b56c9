import { parseXml } from '../../simulators/core/serializers/xml.ts';
import { adminAuthorization } from '../clients/core/admin-token.ts';
import { type Times, describeTimes, timesAccept, verificationError } from '../clients/core/verify.ts';
import type { AnyVendor } from '../../simulators/core/vendor.ts';
import { defaultHeaders } from './auth.ts';
import { selectXPath, soapExchange } from './soap.ts';
import { getPath, interpolate, interpolateText } from './interpolate.ts';
import { collectScenarioFiles, displayPath, loadScenarioFile, ScenarioFormatError } from './load.ts';
import { describeValue, match, resolveExpected, type MatchMode } from './match.ts';
import { stepKind, stepLabel, type Expect, type Scenario, type Step, type VerifyStep } from './schema.ts';

/** Steps that make one HTTP exchange (and may `expect` and `capture`). */
type ExchangeStep = Exclude<Step, VerifyStep>;

export interface RunOptions {
  /** Origin of a running simulator (`http://127.0.0.1:4010`); an in-process one is started when absent. */
  url?: string;
  /** Vendors of the in-process simulator; defaults to every vendor in simulators/index.ts. */
  vendors?: readonly AnyVendor[];
  /** Per-request timeout. */
  timeoutMs?: number;
  /** The running simulator's admin token (default `$SIM_ADMIN_TOKEN`), sent on every `/__admin` call. */
  adminToken?: string;
  /** Called after each scenario, for live console output. */
  onResult?: (result: ScenarioResult) => void;
}

export interface StepResult {
  label: string;
  kind: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
}

export interface ScenarioResult {
  file: string;
  name: string;
  passed: boolean;
  durationMs: number;
  steps: StepResult[];
  /** Why it failed: the step (when one failed) and the mismatches. */
  failure?: { step?: string; message: string };
}

export interface FileResult {
  file: string;
  scenarios: ScenarioResult[];
}

export interface RunSummary {
  files: FileResult[];
  passed: number;
  failed: number;
  durationMs: number;
}

/** What a step fails with: the message lists every mismatch of the step. */
class StepFailure extends Error {}

interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface ScenarioState {
  origin: string;
  adminToken?: string;
  timeoutMs: number;
  sandbox: Record<string, unknown> & { id: string };
  captured: Record<string, unknown>;
  clock: { nowMs: number; nowIso: string };
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Runs every scenario of the given files/directories, one fresh sandbox per scenario, files in sorted order. */
export async function runScenarios(paths: readonly string[], options: RunOptions = {}): Promise<RunSummary> {
  const started = performance.now();
  const files = await collectScenarioFiles(paths);
  const { origin, stop } = await simulatorFor(options);
  const results: FileResult[] = [];
  try {
    for (const file of files) results.push(await runFile(file, origin, options));
  } finally {
    await stop();
  }
  const all = results.flatMap((f) => f.scenarios);
  const passed = all.filter((s) => s.passed).length;
  return { files: results, passed, failed: all.length - passed, durationMs: performance.now() - started };
}

async function simulatorFor(options: RunOptions): Promise<{ origin: string; stop: () => Promise<void> }> {
  if (options.url) return { origin: options.url.replace(/\/+$/, ''), stop: async () => {} };
  // Imported lazily: a run against --url never loads the simulator code.
  const [{ startSimulator }, vendors] = await Promise.all([
    import('../../simulators/core/server.ts'),
    options.vendors ?? import('../../simulators/index.ts').then((m) => m.VENDORS),
  ]);
  const running = await startSimulator({ vendors, port: 0 });
  return { origin: running.url, stop: () => running.stop() };
}

async function runFile(file: string, origin: string, options: RunOptions): Promise<FileResult> {
  const shown = displayPath(file);
  let scenarios: Scenario[];
  try {
    scenarios = await loadScenarioFile(file);
  } catch (err) {
    const message = err instanceof ScenarioFormatError ? err.problems.join('\n') : (err as Error).message;
    const invalid: ScenarioResult = {
      file: shown,
      name: 'invalid scenario file',
      passed: false,
      durationMs: 0,
      steps: [],
      failure: { message },
    };
    options.onResult?.(invalid);
    return { file: shown, scenarios: [invalid] };
  }
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const result = await runScenario(scenario, {
      origin,
      timeoutMs: options.timeoutMs,
      adminToken: options.adminToken,
    });
    options.onResult?.(result);
    results.push(result);
  }
  return { file: shown, scenarios: results };
}

/** Runs one validated scenario in a sandbox of its own, deleted afterwards whatever happens. */
export async function runScenario(
  scenario: Scenario,
  target: { origin: string; timeoutMs?: number; adminToken?: string },
): Promise<ScenarioResult> {
  const started = performance.now();
  const steps: StepResult[] = [];
  const finish = (failure?: ScenarioResult['failure']): ScenarioResult => ({
    file: scenario.file,
    name: scenario.name,
    passed: failure === undefined,
    durationMs: performance.now() - started,
    steps,
    ...(failure ? { failure } : {}),
  });
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let state: ScenarioState;
  try {
    state = await createSandbox(scenario, target.origin, timeoutMs, target.adminToken);
  } catch (err) {
    return finish({ message: `creating the sandbox: ${(err as Error).message}` });
  }
  let failure: ScenarioResult['failure'];
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const label = stepLabel(step, index);
      if (failure) {
        steps.push({ label, kind: stepKind(step), status: 'skipped', durationMs: 0 });
        continue;
      }
      const stepStarted = performance.now();
      try {
        await runStep(step, state);
        steps.push({ label, kind: stepKind(step), status: 'passed', durationMs: performance.now() - stepStarted });
      } catch (err) {
        const message = (err as Error).message;
        steps.push({
          label,
          kind: stepKind(step),
          status: 'failed',
          durationMs: performance.now() - stepStarted,
          error: message,
        });
        failure = { step: label, message: `${label}: ${message}` };
      }
    }
  } finally {
    await send(state, 'DELETE', adminUrl(state, '')).catch(() => undefined);
  }
  return finish(failure);
}

async function createSandbox(
  scenario: Scenario,
  origin: string,
  timeoutMs: number,
  adminToken: string | undefined,
): Promise<ScenarioState> {
  const body = { seed: scenario.seed, clock: scenario.clock, options: scenario.options, journal: scenario.journal };
  const response = await fetch(`${origin}/__admin/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...adminAuthorization(adminToken) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (response.status !== 201)
    throw new Error(`POST /__admin/sandboxes answered ${response.status} ${text.slice(0, 300)}`);
  const sandbox = JSON.parse(text) as ScenarioState['sandbox'] & { clock: { now: string } };
  const state: ScenarioState = {
    origin,
    adminToken,
    timeoutMs,
    sandbox,
    captured: {},
    clock: { nowMs: 0, nowIso: '' },
  };
  setClock(state, sandbox.clock.now);
  return state;
}

function setClock(state: ScenarioState, iso: string): void {
  state.clock = { nowMs: Date.parse(iso), nowIso: iso };
}

function contextOf(state: ScenarioState): Record<string, unknown> {
  return { sandbox: state.sandbox, vendors: state.sandbox.vendors, captured: state.captured, clock: state.clock };
}

function adminUrl(state: ScenarioState, path: string): string {
  return `${state.origin}/__admin/sandboxes/${encodeURIComponent(state.sandbox.id)}${path}`;
}

async function runStep(step: Step, state: ScenarioState): Promise<void> {
  // A running clock moves on its own: read it fresh when the step refers to it.
  if (JSON.stringify(step).includes('${clock.')) await refreshClock(state);
  const context = contextOf(state);
  if ('verify' in step) return verifyStep(step.verify, state, context);
  let exchange: Exchange;
  // Clock and admin steps are set-up: they must succeed unless the step says what it expects instead.
  let mustSucceed = true;
  if ('request' in step) {
    exchange = await vendorRequest(step.request, state, context);
    mustSucceed = false;
  } else if ('soap' in step) {
    const section = (state.sandbox.vendors as Record<string, Record<string, unknown>> | undefined)?.[step.soap.vendor];
    if (!section) throw new StepFailure(`vendor ${step.soap.vendor} is not served by the simulator at ${state.origin}`);
    const soap = soapExchange(step.soap, section, context);
    exchange = await send(state, 'POST', soap.url, { headers: soap.headers, body: soap.body });
    mustSucceed = false;
  } else if ('clock' in step) {
    exchange = await send(state, 'POST', adminUrl(state, '/clock'), jsonBody(interpolate(step.clock, context)));
  } else {
    const { method, path, query, json } = step.admin;
    const url = withQuery(adminUrl(state, interpolateText(path, context)), query, context);
    exchange = await send(state, method, url, json === undefined ? undefined : jsonBody(interpolate(json, context)));
  }
  const problems = checkExpectations(step.expect, exchange, context, mustSucceed);
  if (problems.length > 0) throw new StepFailure(withResponse(problems, exchange));
  // Moving the clock or calling a backdoor can change credentials (a rotated API key) and fixtures: re-read them.
  if (!('request' in step) && !('soap' in step) && exchange.status < 300) await refreshSandbox(state);
  capture(step, exchange, state);
}

/** `verify`: counts the sandbox's journaled requests matching the pattern (`POST …/requests/count`). */
async function verifyStep(
  verify: Extract<Step, { verify: unknown }>['verify'],
  state: ScenarioState,
  context: Record<string, unknown>,
): Promise<void> {
  const { times = { atLeast: 1 }, ...pattern } = interpolate(verify, context) as typeof verify;
  const exchange = await send(state, 'POST', adminUrl(state, '/requests/count'), jsonBody(pattern));
  if (exchange.status !== 200) throw new StepFailure(withResponse(['verify: the count was refused'], exchange));
  const { count } = JSON.parse(exchange.body) as { count: number };
  if (!timesAccept(times as Times, count)) {
    // What did arrive, as the clients' VerificationError shows it: the closest requests and the near-miss operations.
    const target = { origin: state.origin, sandbox: state.sandbox.id, adminToken: state.adminToken };
    const { arrivals } = await verificationError({ ...target, timeoutMs: state.timeoutMs }, pattern, times, count);
    throw new StepFailure(
      `verify: expected ${describeTimes(times as Times)} matching request(s), found ${count}${arrivals}`,
    );
  }
}

async function refreshSandbox(state: ScenarioState): Promise<void> {
  const exchange = await send(state, 'GET', adminUrl(state, ''));
  if (exchange.status !== 200) throw new StepFailure(`reading the sandbox answered ${exchange.status}`);
  state.sandbox = JSON.parse(exchange.body) as ScenarioState['sandbox'];
  setClock(state, (state.sandbox as unknown as { clock: { now: string } }).clock.now);
}

async function refreshClock(state: ScenarioState): Promise<void> {
  const exchange = await send(state, 'GET', adminUrl(state, '/clock'));
  if (exchange.status !== 200) throw new StepFailure(`reading the sandbox clock answered ${exchange.status}`);
  setClock(state, (JSON.parse(exchange.body) as { now: string }).now);
}

interface Outgoing {
  headers: Record<string, string>;
  body: string;
}

function jsonBody(value: unknown): Outgoing {
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function requestBody(
  request: Extract<Step, { request: unknown }>['request'],
  context: Record<string, unknown>,
): Outgoing | undefined {
  if (request.json !== undefined) return jsonBody(interpolate(request.json, context));
  if (request.xml !== undefined) {
    return { headers: { 'content-type': 'application/xml' }, body: interpolateText(request.xml, context) };
  }
  if (request.text !== undefined)
    return { headers: { 'content-type': 'text/plain' }, body: interpolateText(request.text, context) };
  if (request.form !== undefined) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(request.form)) form.append(key, interpolateText(value, context));
    return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
  }
  return undefined;
}

async function vendorRequest(
  request: Extract<Step, { request: unknown }>['request'],
  state: ScenarioState,
  context: Record<string, unknown>,
): Promise<Exchange> {
  const section = (state.sandbox.vendors as Record<string, unknown> | undefined)?.[request.vendor];
  if (section === null || typeof section !== 'object') {
    throw new StepFailure(`vendor ${request.vendor} is not served by the simulator at ${state.origin}`);
  }
  const baseUrl = (section as { baseUrl?: unknown }).baseUrl;
  if (typeof baseUrl !== 'string') throw new StepFailure(`vendors.${request.vendor} has no baseUrl`);
  const url = withQuery(baseUrl.replace(/\/+$/, '') + interpolateText(request.path, context), request.query, context);
  const credentials =
    request.auth === false ? {} : defaultHeaders(request.vendor, section as Record<string, unknown>, request.method);
  const headers = mergeHeaders(credentials, request.headers ?? {}, context);
  return send(state, request.method, url, requestBody(request, context), headers);
}

function withQuery(
  url: string,
  query: Record<string, string | number | boolean> | undefined,
  context: Record<string, unknown>,
): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.append(key, interpolateText(value, context));
  return `${url}${url.includes('?') ? '&' : '?'}${params.toString()}`;
}

/** Later header sets win, whatever the case of the names. */
function mergeHeaders(
  base: Record<string, string>,
  over: Record<string, string | number | boolean>,
  context: Record<string, unknown>,
) {
  const merged = new Map<string, [string, string]>();
  for (const [name, value] of Object.entries(base)) merged.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of Object.entries(over))
    merged.set(name.toLowerCase(), [name, interpolateText(value, context)]);
  return Object.fromEntries(merged.values());
}

async function send(
  state: ScenarioState,
  method: string,
  url: string,
  body?: Outgoing,
  headers: Record<string, string> = {},
): Promise<Exchange> {
  // Calls of the admin API (set-up steps, verify, the sandbox's own bookkeeping) carry the admin token.
  const admin = url.startsWith(`${state.origin}/__admin/`) ? adminAuthorization(state.adminToken) : {};
  const finalHeaders = mergeHeaders({ ...body?.headers, ...admin }, headers, {});
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: finalHeaders,
      body: body?.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(state.timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new StepFailure(`${method} ${url} failed: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

function parsedBody(exchange: Exchange, as: 'json' | 'xml'): unknown {
  if (as === 'json') {
    try {
      return JSON.parse(exchange.body);
    } catch {
      throw new StepFailure(withResponse(['body: expected JSON, got a body that does not parse as JSON'], exchange));
    }
  }
  try {
    return parseXml(exchange.body);
  } catch (err) {
    throw new StepFailure(withResponse([`body: expected XML (${(err as Error).message})`], exchange));
  }
}

function checkExpectations(
  expect: Expect | undefined,
  exchange: Exchange,
  context: Record<string, unknown>,
  mustSucceed: boolean,
): string[] {
  const problems: string[] = [];
  const check = (expected: unknown, actual: unknown, path: string, mode: MatchMode) =>
    problems.push(...match(resolveExpected(expected, context), actual, path, mode));
  if (expect?.status !== undefined) check(expect.status, exchange.status, 'status', 'text');
  else if (mustSucceed && (exchange.status < 200 || exchange.status > 299))
    problems.push(`status: expected 2xx, got ${exchange.status}`);
  for (const [name, expected] of Object.entries(expect?.headers ?? {})) {
    check(expected, exchange.headers[name.toLowerCase()], `headers.${name.toLowerCase()}`, 'text');
  }
  if (expect?.json !== undefined) check(expect.json, parsedBody(exchange, 'json'), 'json', 'json');
  if (expect?.xml !== undefined) check(expect.xml, parsedBody(exchange, 'xml'), 'xml', 'text');
  if (expect?.text !== undefined) check(expect.text, exchange.body, 'text', 'text');
  for (const [path, expected] of Object.entries(expect?.xpath ?? {})) {
    let selected: unknown;
    try {
      selected = selectXPath(parsedBody(exchange, 'xml'), path);
    } catch (err) {
      if (err instanceof StepFailure) throw err;
      problems.push(`xpath ${path}: ${(err as Error).message}`);
      continue;
    }
    check(expected, selected, `xpath ${path}`, 'text');
  }
  if (expect?.fault !== undefined) {
    check(expect.fault, selectXPath(parsedBody(exchange, 'xml'), '/Envelope/Body/Fault'), 'fault', 'text');
  }
  return problems;
}

function withResponse(problems: string[], exchange: Exchange): string {
  const body = exchange.body.length > 500 ? `${exchange.body.slice(0, 500)}...` : exchange.body;
  return `${problems.join('\n')}\n(response ${exchange.status}: ${body || '<empty body>'})`;
}

/** The body captures read from: XML when it says so, JSON when it parses, else the text itself. */
function captureSource(step: ExchangeStep, exchange: Exchange): unknown {
  const type = exchange.headers['content-type'] ?? '';
  if (/xml/i.test(type) || step.expect?.xml !== undefined || step.expect?.xpath !== undefined) {
    return parsedBody(exchange, 'xml');
  }
  try {
    return JSON.parse(exchange.body);
  } catch {
    return exchange.body;
  }
}

function capture(step: ExchangeStep, exchange: Exchange, state: ScenarioState): void {
  if (!step.capture) return;
  const source = captureSource(step, exchange);
  for (const [name, path] of Object.entries(step.capture)) {
    const value = getPath(source, path);
    if (value === undefined) {
      throw new StepFailure(
        withResponse([`capture ${name}: nothing at "${path}" (body is ${describeValue(source)})`], exchange),
      );
    }
    state.captured[name] = value;
  }
}
