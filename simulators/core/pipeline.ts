import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';
import type { Sandbox, SandboxRegistry } from './sandbox.ts';
import type { Reply } from './reply.ts';
import { type VendorRequest, plainRequest } from './request.ts';
import { sendReply } from './send.ts';
import type { AnyVendor, KernelFailure, VendorCall, VendorRoute } from './vendor.ts';

export const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;

class BodyTooLarge extends Error {}

/** Reads the raw body once, refusing (without buffering) anything over the vendor's limit. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

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

/** Characters that make an Express path a pattern rather than a fixed path. */
const PATTERN_CHARS = /[:*?+!(){}[\]\\]/;

/**
 * The vendor's fixed paths (method + exact path) that can skip Express. Only the fixed routes declared before the
 * first pattern route qualify, first declaration winning, so no request can reach a different route than through
 * Express; everything else (patterns, HEAD, a trailing slash, another letter case) goes through the Express routes.
 */
function fixedRoutes(routes: readonly VendorRoute<unknown>[]): VendorRoute<unknown>[] {
  const fixed = new Map<string, VendorRoute<unknown>>();
  for (const route of routes) {
    if (PATTERN_CHARS.test(route.path)) break;
    const key = `${route.method} ${route.path}`;
    if (!fixed.has(key)) fixed.set(key, route);
  }
  return [...fixed.values()];
}

/** A vendor call on a fixed path, served on Node's own request and response. */
export interface FastRoute {
  method: string;
  /** Full path, mount included: `/<vendorId>/...`. */
  path: string;
  handle(msg: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * Vendor calls to a fixed path skip Express (its per-request routing and prototype set-up cost more than the
 * handler of a typical call): one Map lookup, then the same pipeline. Every other request goes to `fallback`.
 */
export function withFastRoutes(routes: readonly FastRoute[], fallback: RequestListener): RequestListener {
  const table = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return (msg, res) => {
    const url = msg.url ?? '/';
    const q = url.indexOf('?');
    const route = table.get(`${msg.method} ${q < 0 ? url : url.slice(0, q)}`);
    if (route) void route.handle(msg, res);
    else fallback(msg, res);
  };
}

export interface PipelineOptions {
  /** Called when a sandbox changed, so persistence can save it. */
  onMutation?: (sandbox: Sandbox) => void;
}

export interface VendorPipeline {
  /** Everything below `/<vendorId>` through Express: pattern routes, unknown paths and methods, malformed URLs. */
  router: Router;
  /** The fixed-path calls, to be served ahead of Express (see `withFastRoutes`). */
  fastRoutes: FastRoute[];
}

/**
 * The request pipeline every vendor call goes through, in order: route match → body read (size limit) → tenant
 * resolution from the vendor's credentials → fault injection → lifecycle catch-up on the virtual clock → handler →
 * serializer → journal. Vendors only write handlers.
 */
export function vendorPipeline(
  vendor: AnyVendor,
  registry: SandboxRegistry,
  options: PipelineOptions = {},
): VendorPipeline {
  const router = express.Router({ strict: false, caseSensitive: true, mergeParams: true });
  const limit = vendor.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const base = `/${vendor.id}`;
  const fail = (req: VendorRequest, failure: KernelFailure): Reply => vendor.failure(failure, req);
  const mutatesOf = (route: VendorRoute<unknown>) => !(route.readOnly ?? route.method === 'GET');

  /** Whatever escaped the pipeline (a serializer that threw): the vendor's internal failure, or a cut connection. */
  const served = (work: Promise<void>, req: VendorRequest, res: ServerResponse) =>
    work.catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else void sendReply(res, internalError(err, req)).catch(() => res.destroy());
    });

  async function handleRequest(
    route: VendorRoute<unknown>,
    mutates: boolean,
    msg: IncomingMessage,
    req: VendorRequest,
    params: Record<string, string>,
    res: ServerResponse,
  ) {
    const started = performance.now();
    let sandbox: Sandbox | undefined;
    let rawBody = '';
    let out: Reply;
    let faultRuleId: string | undefined;
    try {
      rawBody = await readBody(msg, limit);
      sandbox = tenantOf(req, params);
      if (!sandbox) {
        out = fail(req, { kind: 'unauthenticated', message: 'Unknown or missing tenant credentials' });
      } else {
        const decision = sandbox.faults.empty
          ? undefined
          : sandbox.faults.decide({ vendor: vendor.id, method: req.method, path: req.path, now: sandbox.clock.now() });
        if (decision && decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
        if (decision?.kind === 'drop') {
          journal(sandbox, req, 0, rawBody, '', started, decision.ruleId);
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
          };
          // Marked before the handler runs: one that throws half-way must still get its changes saved.
          if (mutates) sandbox.dirty = true;
          // Most handlers are synchronous: awaiting their Reply would only add a microtask turn per request.
          const handled = route.handler(call);
          out = handled instanceof Promise ? await handled : handled;
          if (mutates) options.onMutation?.(sandbox);
        }
      }
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        // Still journaled in the tenant's sandbox: a refused upload is what QA comes looking for.
        sandbox = tenantOf(req, params);
        out = fail(req, { kind: 'payloadTooLarge', message: `Request body exceeds ${limit} bytes` });
      } else {
        out = internalError(err, req);
      }
    }
    const sent = await sendReply(res, out);
    if (sandbox) journal(sandbox, req, out.status, rawBody, sent, started, faultRuleId);
  }

  /** The sandbox the request's credentials name; none when they name no tenant (or cannot be read). */
  function tenantOf(req: VendorRequest, params: Record<string, string>): Sandbox | undefined {
    try {
      const key = vendor.tenantKeyOf(req, params);
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
      const shaped = fail(req, { kind: 'fault', status: decision.status, message: 'Injected fault' });
      return { ...shaped, status: decision.status, headers: { ...shaped.headers, ...headers } };
    }
    const text = typeof decision.body === 'string' ? decision.body : JSON.stringify(decision.body);
    const contentType = decision.contentType ?? (typeof decision.body === 'string' ? 'text/plain' : 'application/json');
    return { status: decision.status, headers, body: { format: 'text', value: text, contentType } };
  }

  function internalError(err: unknown, req: VendorRequest): Reply {
    console.error(`[${vendor.id}] unexpected error on ${req.method} ${req.originalUrl}:`, err);
    return fail(req, { kind: 'internal', message: 'Internal simulator error' });
  }

  function journal(
    sandbox: Sandbox,
    req: VendorRequest,
    status: number,
    requestBody: string,
    responseBody: string,
    started: number,
    faultRuleId?: string,
  ): void {
    if (!sandbox.journal.settings.enabled) return;
    const url = req.originalUrl;
    const q = url.indexOf('?');
    sandbox.journal.record({
      time: new Date(sandbox.clock.now()).toISOString(),
      method: req.method,
      vendor: vendor.id,
      path: req.baseUrl + req.path,
      query: q >= 0 ? url.slice(q + 1) : '',
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      requestHeaders: plainHeaders(req),
      requestBody,
      responseBody,
      ...(faultRuleId ? { faultRuleId } : {}),
    });
  }

  for (const route of vendor.routes) {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
    const mutates = mutatesOf(route);
    router[method](route.path, (req: Request, res: Response) =>
      served(handleRequest(route, mutates, req, req, { ...(req.params as Record<string, string>) }, res), req, res),
    );
  }
  // Unknown path or method below the vendor's mount: the vendor's own "no such endpoint" answer.
  // Journaled when the credentials name a sandbox: a wrong path or method is exactly what QA looks for there.
  router.use(async (req, res) => {
    const started = performance.now();
    const out = fail(req, { kind: 'notFound', message: `No such endpoint: ${req.method} ${req.path}` });
    const sandbox = tenantOf(req, {});
    const sent = await sendReply(res, out);
    if (sandbox) journal(sandbox, req, out.status, '', sent, started);
  });
  // Express refuses a path parameter with malformed percent-encoding (`/campaigns/%ZZ`) before any handler runs:
  // answer in the vendor's own shape instead of Express's HTML error page.
  router.use((err: unknown, req: Request, res: Response, next: (err?: unknown) => void) => {
    if (res.headersSent) return next(err);
    const out =
      (err as { status?: unknown }).status === 400
        ? fail(req, { kind: 'badRequest', message: `Malformed URL: ${req.method} ${req.originalUrl}` })
        : internalError(err, req);
    void sendReply(res, out);
  });

  const fastRoutes = fixedRoutes(vendor.routes).map((route): FastRoute => {
    const mutates = mutatesOf(route);
    return {
      method: route.method,
      path: base + route.path,
      handle(msg, res) {
        const req = plainRequest(msg, base, route.path);
        return served(handleRequest(route, mutates, msg, req, {}, res), req, res);
      },
    };
  });
  return { router, fastRoutes };
}
