import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type Sandbox, type SandboxRegistry, markChanged } from './sandbox.ts';
import type { Reply } from './reply.ts';
import { type VendorRequest, plainRequest } from './request.ts';
import { NearMissIndex } from './near-miss.ts';
import type { JournalEntry } from './journal.ts';
import { RouteTable } from './routing.ts';
import { sendReply } from './send.ts';
import { VendorError } from './errors.ts';
import { BodyBudget, BodyBudgetExhausted, BodyIntake, BodyTooLarge, ClientAborted } from './body.ts';
import { budgetRefusal, headerRefusal, unreadBody } from './intake.ts';
import {
  type AnyVendor,
  type BodyDispatch,
  type Operation,
  type TenantLookup,
  type VendorCall,
  kernelFailure,
} from './vendor.ts';

export const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;

/** First value of each query parameter. A prototype-less object: `constructor` or `__proto__` are plain keys here. */
export function flatQuery(originalUrl: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = Object.create(null);
  // Most vendor calls carry no query string: no URL to parse then (a measurable share of a request's time).
  if (!originalUrl.includes('?')) return out;
  const url = new URL(originalUrl, 'http://sim.local');
  for (const [key, value] of url.searchParams) if (!Object.hasOwn(out, key)) out[key] = value;
  return out;
}

function plainHeaders(req: VendorRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) out[key] = String(value);
  return out;
}

/** Serves one request below `/<vendorId>`; `path` is the part after the mount, without the query string. */
export type VendorPipeline = (msg: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

/** A route of the vendor's table: one REST operation, or a dispatcher that finds the operation in the body. */
type Endpoint =
  | { method: string; path: string; kind: 'operation'; operation: Operation<unknown> }
  | { method: string; path: string; kind: 'dispatch'; dispatch: BodyDispatch };

/**
 * Vendor traffic is dispatched by the kernel itself, not through Express (whose per-request routing and prototype
 * set-up cost more than a typical vendor handler): the first path segment names the vendor, its pipeline does the
 * rest. Everything else (the admin plane, unknown paths) goes to `fallback`. The vendor id is matched exactly: every
 * vendor path is case-sensitive.
 */
export function withVendorPipelines(
  pipelines: ReadonlyMap<string, VendorPipeline>,
  fallback: RequestListener,
): RequestListener {
  return (msg, res) => {
    const url = msg.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const slash = pathname.indexOf('/', 1);
    const pipeline = pathname.startsWith('/')
      ? pipelines.get(slash < 0 ? pathname.slice(1) : pathname.slice(1, slash))
      : undefined;
    if (pipeline) void pipeline(msg, res, slash < 0 ? '/' : pathname.slice(slash));
    else fallback(msg, res);
  };
}

/**
 * The request pipeline every vendor call goes through, in order: route match → body read (size limit) → operation
 * (from the route, or decoded from the body by its binding) → tenant from the vendor's credentials → fault injection
 * → lifecycle catch-up on the virtual clock → handler → serializer → journal. Vendors only write handlers; every
 * VendorError they (or the kernel) throw is rendered by the vendor's `renderError`.
 */
export function vendorPipeline(
  vendor: AnyVendor,
  registry: SandboxRegistry,
  budget: BodyBudget = new BodyBudget(),
): VendorPipeline {
  const limit = vendor.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const base = `/${vendor.id}`;
  const byName = new Map<string, Operation<unknown>>(vendor.operations.map((op: Operation<unknown>) => [op.name, op]));
  const endpoints: Endpoint[] = [
    ...vendor.operations.flatMap((operation: Operation<unknown>): Endpoint[] =>
      operation.binding.protocol === 'rest'
        ? [{ method: operation.binding.method, path: operation.binding.path, kind: 'operation', operation }]
        : [],
    ),
    ...(vendor.dispatch ?? []).map((dispatch: BodyDispatch): Endpoint => ({
      method: dispatch.method,
      path: dispatch.path,
      kind: 'dispatch',
      dispatch,
    })),
  ];
  const routes = new RouteTable<Endpoint>(endpoints);
  const render = (req: VendorRequest, err: VendorError): Reply => vendor.renderError(err, req);
  const nearMisses = new NearMissIndex(registry.vendors);

  /**
   * No route for the path and method, or a parameter that does not decode: the vendor's own answer. Journaled like
   * any call, in the sandbox the credentials name (a wrong path is exactly what QA looks for there), with the
   * closest operations and why each did not match.
   */
  async function answerUnrouted(req: VendorRequest, res: ServerResponse, failure: VendorError): Promise<void> {
    const started = performance.now();
    const sandbox = tenantOf(req, { params: {} });
    const sent = await send(req, res, render(req, failure));
    const target = sandbox ? sandbox.journal : registry.unattributed;
    if (!target.settings.enabled) return;
    const misses = nearMisses.find(vendor.id, req.method, req.path);
    journal(sandbox, req, undefined, sent.status, '', sent.text, started, { nearMisses: misses });
  }

  /**
   * Sends a reply. One the serializer cannot write becomes the vendor's internal failure, or — once bytes went out —
   * a cut connection; either way the caller journals what the client got.
   */
  async function send(req: VendorRequest, res: ServerResponse, out: Reply): Promise<{ status: number; text: string }> {
    try {
      return { status: out.status, text: await sendReply(res, out) };
    } catch (err) {
      const failed = internalError(err, req);
      if (!res.headersSent) return { status: failed.status, text: await sendReply(res, failed) };
      res.destroy();
      return { status: out.status, text: '[reply failed after its headers were sent]' };
    }
  }

  /** The operation a request names: from its route, or decoded from its body (SOAP). */
  function operationOf(
    endpoint: Endpoint,
    req: VendorRequest,
    rawBody: string,
  ): { operation: Operation<unknown>; decoded?: unknown } {
    if (endpoint.kind === 'operation') return { operation: endpoint.operation };
    const { operation: name, decoded } = endpoint.dispatch.resolve(req, rawBody);
    const operation = byName.get(name);
    if (!operation) throw kernelFailure('notFound', `No such operation: ${name}`);
    return { operation, decoded };
  }

  async function handleRequest(
    endpoint: Endpoint,
    msg: IncomingMessage,
    req: VendorRequest,
    params: Record<string, string>,
    res: ServerResponse,
  ): Promise<void> {
    const started = performance.now();
    let sandbox: Sandbox | undefined;
    let operation: Operation<unknown> | undefined = endpoint.kind === 'operation' ? endpoint.operation : undefined;
    let rawBody = '';
    let out: Reply;
    let faultRuleId: string | undefined;
    let aborted = false;
    const intake = new BodyIntake(msg, limit, budget);
    try {
      // Credentials in headers are checked before a byte of the body is read: a caller without them cannot make the
      // process buffer anything.
      if (endpoint.kind === 'operation' && endpoint.operation.authenticate) {
        sandbox = tenantOf(req, { params });
        const refused = headerRefusal(vendor.id, endpoint.operation, sandbox, registry, req, params);
        if (refused) throw refused;
      }
      intake.admit();
      rawBody = await intake.read();
      const resolved = operationOf(endpoint, req, rawBody);
      operation = resolved.operation;
      sandbox = tenantOf(req, { params, decoded: resolved.decoded });
      if (!sandbox) {
        out = render(req, kernelFailure('unauthenticated', 'Unknown or missing tenant credentials'));
      } else {
        const decision = sandbox.faults.empty
          ? undefined
          : sandbox.faults.decide({
              vendor: vendor.id,
              operation: operation.name,
              method: req.method,
              path: req.path,
              now: sandbox.clock.now(),
            });
        // A rule that fired changed its count (or is used up): saved with the sandbox.
        if (decision && (decision.kind !== 'none' || decision.delayMs > 0)) sandbox.dirty = true;
        if (decision && decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
        if (decision?.kind === 'drop') {
          journal(sandbox, req, operation, 0, rawBody, '', started, { faultRuleId: decision.ruleId });
          msg.socket.destroy();
          return;
        }
        if (decision?.kind === 'respond') {
          faultRuleId = decision.ruleId;
          out = faultReply(decision, req);
        } else {
          registry.advance(sandbox);
          const call: VendorCall<unknown> = {
            state: sandbox.states.get(vendor.id),
            sandboxId: sandbox.id,
            now: () => sandbox!.clock.now(),
            rng: sandbox.rngOf(vendor.id),
            req,
            rawBody,
            params,
            query: flatQuery(req.originalUrl),
            operation,
            decoded: resolved.decoded,
          };
          let failure: unknown;
          try {
            // Most handlers are synchronous: awaiting their Reply would only add a microtask turn per request.
            const handled = operation.handler(call);
            out = handled instanceof Promise ? await handled : handled;
          } catch (err) {
            failure = err;
            throw err;
          } finally {
            markChanged(sandbox, operation.readOnly, failure);
          }
        }
      }
    } catch (err) {
      // Refused before the body was read (or while): still journaled in the tenant's sandbox — a refused upload is
      // what QA comes looking for — and the connection closed rather than the rest of the body read.
      if (err instanceof BodyTooLarge) {
        sandbox = tenantOf(req, { params });
        out = unreadBody(render(req, kernelFailure('payloadTooLarge', `Request body exceeds ${limit} bytes`)));
      } else if (err instanceof BodyBudgetExhausted) {
        sandbox = tenantOf(req, { params });
        out = budgetRefusal(budget);
      } else if (err instanceof ClientAborted) {
        aborted = true;
        out = { status: 0 };
      } else if (err instanceof VendorError) {
        out = intake.unread ? unreadBody(render(req, err)) : render(req, err);
      } else {
        out = internalError(err, req);
      }
    }
    try {
      // A client that went away mid-body gets no answer: journaled as aborted, nothing else happened.
      const sent = aborted ? { status: 0, text: '' } : await send(req, res, out);
      journal(sandbox, req, operation, sent.status, rawBody, sent.text, started, {
        faultRuleId,
        aborted: aborted || undefined,
      });
    } finally {
      intake.release();
    }
  }

  /** The sandbox the request's credentials name; none when they name no tenant (or cannot be read). */
  function tenantOf(req: VendorRequest, lookup: TenantLookup): Sandbox | undefined {
    try {
      const key = vendor.tenantKeyOf(req, lookup);
      return key === undefined ? undefined : registry.byTenant(vendor.id, key);
    } catch {
      return undefined;
    }
  }

  function faultReply(
    decision: Extract<ReturnType<Sandbox['faults']['decide']>, { kind: 'respond' }>,
    req: VendorRequest,
  ): Reply {
    const headers: Record<string, string> = {};
    if (decision.retryAfterSeconds !== undefined) headers['retry-after'] = String(decision.retryAfterSeconds);
    if (decision.body === undefined) {
      const shaped = render(
        req,
        new VendorError({ status: decision.status, code: 'fault', message: 'Injected fault' }),
      );
      return { ...shaped, status: decision.status, headers: { ...shaped.headers, ...headers } };
    }
    const text = typeof decision.body === 'string' ? decision.body : JSON.stringify(decision.body);
    const contentType = decision.contentType ?? (typeof decision.body === 'string' ? 'text/plain' : 'application/json');
    return { status: decision.status, headers, body: { format: 'text', value: text, contentType } };
  }

  function internalError(err: unknown, req: VendorRequest): Reply {
    console.error(`[${vendor.id}] unexpected error on ${req.method} ${req.originalUrl}:`, err);
    return render(req, kernelFailure('internal', 'Internal simulator error'));
  }

  /**
   * Into the sandbox's journal (at its virtual time); a request whose credentials name no sandbox goes to the
   * process-wide journal of unattributed requests (at wall time), so a client with wrong credentials can see why.
   */
  function journal(
    sandbox: Sandbox | undefined,
    req: VendorRequest,
    operation: Operation<unknown> | undefined,
    status: number,
    requestBody: string,
    responseBody: string,
    started: number,
    outcome: Pick<JournalEntry, 'faultRuleId' | 'aborted' | 'nearMisses'> = {},
  ): void {
    const target = sandbox ? sandbox.journal : registry.unattributed;
    if (!target.settings.enabled) return;
    const url = req.originalUrl;
    const q = url.indexOf('?');
    target.record({
      time: new Date(sandbox ? sandbox.clock.now() : Date.now()).toISOString(),
      method: req.method,
      vendor: vendor.id,
      operation: operation?.name,
      path: req.baseUrl + req.path,
      query: q >= 0 ? url.slice(q + 1) : '',
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      requestHeaders: plainHeaders(req),
      requestBody,
      responseBody,
      ...outcome,
      redaction: vendor.redact,
    });
  }

  return async (msg, res, path) => {
    const req = plainRequest(msg, base, path);
    try {
      const found = routes.find(req.method, path);
      if (found.kind === 'found') await handleRequest(found.route, msg, req, found.params, res);
      else if (found.kind === 'malformed') {
        await answerUnrouted(req, res, kernelFailure('badRequest', `Malformed URL: ${req.method} ${req.originalUrl}`));
      } else {
        await answerUnrouted(req, res, kernelFailure('notFound', `No such endpoint: ${req.method} ${req.path}`));
      }
    } catch (err) {
      // Last resort (the vendor's own failure renderer threw): a plain 500, never an unanswered request.
      console.error(`[${vendor.id}] unexpected error on ${req.method} ${req.originalUrl}:`, err);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal simulator error');
    }
  };
}
