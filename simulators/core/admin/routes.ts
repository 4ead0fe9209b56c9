import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ClockError } from '../clock.ts';
import type { RequestJournal } from '../journal.ts';
import { AdminError, VendorError, parseAdmin } from '../errors.ts';
import { listOperation } from '../operations.ts';
import type { Reply } from '../reply.ts';
import { SandboxError, type Sandbox, type SandboxRegistry, markChanged } from '../sandbox.ts';
import { JobRegistry, Slicer, type WorkContext, wantsJob } from '../jobs.ts';
import { PatternError } from '../path-pattern.ts';
import { flatQuery } from '../pipeline.ts';
import { sendReply } from '../send.ts';
import { pactStatesRouter } from './pact.ts';
import type { AnyVendor, Operation, VendorCall } from '../vendor.ts';
import { RequestPatternSchema, checkPattern, findRequests, nearestRequests, unmatchedNearMisses } from '../verify.ts';
import { mountDashboard } from './ui.ts';
import { describeSandbox, healthOf } from './describe.ts';
import {
  ClockChangeSchema,
  CreateSandboxSchema,
  FaultRuleInputSchema,
  JournalQuerySchema,
  JournalSettingsSchema,
  ResetSandboxSchema,
} from './schemas.ts';

export interface AdminOptions {
  registry: SandboxRegistry;
  /** Origin clients should use (e.g. http://127.0.0.1:4010); derived from the request when absent. */
  origin?: () => string | undefined;
  save?: () => Promise<void>;
}

export function originOf(req: Request, fixed?: string): string {
  return fixed ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** Admin bodies reach vendor backdoors too: a `__proto__` key is a 400 here, before anything merges it. */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('Forbidden key in JSON body: __proto__');
  return value;
}

export function adminRouter(opts: AdminOptions): Router {
  const { registry } = opts;
  const router = express.Router();
  router.use(express.json({ limit: '5mb', strict: false, reviver: refuseProtoKeys }));
  const origin = (req: Request) => originOf(req, opts.origin?.());
  // Marked for the next autosave; a deleted sandbox's file goes at the next save whatever is marked.
  const mutated = (sandbox: Sandbox) => {
    sandbox.dirty = true;
  };
  const sandboxOf = (req: Request) => registry.require(String(req.params.id));
  const clockView = (s: Sandbox) => ({ now: new Date(s.clock.now()).toISOString(), frozen: s.clock.frozen });
  const jobs = new JobRegistry(adminStatusOf);
  /**
   * Runs admin work inline, or — when the caller prefers (`Prefer: respond-async`, `?async=true`) — as a job:
   * `202` + `Location: /__admin/jobs/{id}` at once, the work's own answer in the job's `result` once done.
   */
  const inlineOrJob = async (
    req: Request,
    res: Response,
    sandbox: string | undefined,
    work: (ctx: WorkContext) => Promise<Reply>,
  ) => {
    if (wantsJob(req.headers, req.query)) {
      const job = jobs.start(`${req.method} ${req.baseUrl}${req.path}`, sandbox, work);
      res.status(202).location(`${req.baseUrl}/jobs/${job.id}`).json(job);
      return;
    }
    await sendReply(res, await work(new Slicer()));
  };

  mountDashboard(router, registry);

  router.get('/health', (_req, res) => {
    res.json(healthOf(registry));
  });

  router.get('/vendors', (_req, res) => {
    res.json({
      vendors: registry.vendors.map((v) => ({
        id: v.id,
        title: v.title,
        openapi: `/__admin/vendors/${v.id}/openapi.json`,
      })),
    });
  });

  const vendorOf = (req: Request) => {
    const vendor = registry.vendor(String(req.params.vendorId));
    if (!vendor) throw new AdminError(404, `vendor ${req.params.vendorId} is not served`);
    return vendor;
  };

  /** The vendor's operations as declared: name, binding, read-only flag, documented errors. */
  router.get('/vendors/:vendorId', (req, res) => {
    const vendor = vendorOf(req);
    res.json({
      id: vendor.id,
      title: vendor.title,
      openapi: `/__admin/vendors/${vendor.id}/openapi.json`,
      ...(vendor.wsdl ? { wsdl: vendor.wsdl.map((path) => `/${vendor.id}${path}`) } : {}),
      operations: vendor.operations.map((op: Operation<unknown>) => listOperation(op, `/${vendor.id}`)),
    });
  });

  router.get('/vendors/:vendorId/openapi.json', (req, res) => {
    res.json(vendorOf(req).openapi());
  });

  router.get('/sandboxes', (req, res) => {
    res.json({ sandboxes: registry.list().map((s) => describeSandbox(registry, s, origin(req))) });
  });

  router.post('/sandboxes', (req, res) => {
    const body = parseAdmin(CreateSandboxSchema, req.body);
    const sandbox = registry.create(body);
    mutated(sandbox);
    res.status(201).json(describeSandbox(registry, sandbox, origin(req)));
  });

  router.get('/sandboxes/:id', (req, res) => {
    const sandbox = sandboxOf(req);
    registry.advance(sandbox);
    res.json(describeSandbox(registry, sandbox, origin(req)));
  });

  router.delete('/sandboxes/:id', (req, res) => {
    const sandbox = sandboxOf(req);
    if (sandbox.isDefault) throw new AdminError(409, 'the default sandbox cannot be deleted; reset it instead');
    registry.delete(sandbox.id);
    res.status(204).end();
  });

  router.post('/sandboxes/:id/reset', async (req, res) => {
    const body = parseAdmin(ResetSandboxSchema, req.body);
    const id = sandboxOf(req).id;
    await inlineOrJob(req, res, id, async () => {
      const sandbox = registry.reset(id, body.clock);
      mutated(sandbox);
      return { status: 200, body: { format: 'json', value: describeSandbox(registry, sandbox, origin(req)) } };
    });
  });

  router.get('/sandboxes/:id/clock', (req, res) => {
    res.json(clockView(sandboxOf(req)));
  });

  router.post('/sandboxes/:id/clock', (req, res) => {
    const body = parseAdmin(ClockChangeSchema, req.body);
    const sandbox = sandboxOf(req);
    // Catch lifecycles up to the old "now" first, so events due before the jump happen at their own time.
    registry.advance(sandbox);
    // All or nothing: a refused change (e.g. backwards) must not leave the clock half-changed.
    sandbox.clock.change(body);
    registry.advance(sandbox);
    mutated(sandbox);
    res.json(clockView(sandbox));
  });

  const journalView = (journal: RequestJournal, req: Request) => ({
    settings: journal.settings,
    requests: journal.list(parseAdmin(JournalQuerySchema, req.query)),
  });

  router.get('/requests', (req, res) => {
    res.json(journalView(registry.unattributed, req));
  });

  // WireMock-style verification: how many journaled requests match a pattern, and which.
  const found = (journal: RequestJournal, req: Request) =>
    findRequests(journal, checkPattern(parseAdmin(RequestPatternSchema, req.body)));
  const verification = (path: string, journalOf: (req: Request) => RequestJournal) => {
    router.post(`${path}/count`, (req, res) => {
      res.json({ count: found(journalOf(req), req).length });
    });
    router.post(`${path}/find`, (req, res) => {
      res.json({ requests: found(journalOf(req), req) });
    });
    // Near-misses: the requests closest to a pattern, and the operations closest to requests that matched none.
    router.post(`${path}/near-misses`, (req, res) => {
      const pattern = checkPattern(parseAdmin(RequestPatternSchema, req.body));
      res.json({ nearMisses: nearestRequests(journalOf(req), pattern) });
    });
    router.get(`${path}/unmatched`, (req, res) => {
      res.json({ requests: journalOf(req).list({ ...parseAdmin(JournalQuerySchema, req.query), unmatched: true }) });
    });
    router.get(`${path}/unmatched/near-misses`, (req, res) => {
      res.json({ nearMisses: unmatchedNearMisses(journalOf(req)) });
    });
  };
  verification('/requests', () => registry.unattributed);
  verification('/sandboxes/:id/requests', (req) => sandboxOf(req).journal);

  router.delete('/requests', (_req, res) => {
    registry.unattributed.clear();
    res.status(204).end();
  });

  router.get('/sandboxes/:id/requests', (req, res) => {
    res.json(journalView(sandboxOf(req).journal, req));
  });

  router.delete('/sandboxes/:id/requests', (req, res) => {
    sandboxOf(req).journal.clear();
    res.status(204).end();
  });

  router.post('/sandboxes/:id/journal', (req, res) => {
    const body = parseAdmin(JournalSettingsSchema, req.body);
    const sandbox = sandboxOf(req);
    sandbox.journal.configure(body);
    mutated(sandbox);
    res.json(sandbox.journal.settings);
  });

  router.get('/sandboxes/:id/faults', (req, res) => {
    res.json({ faults: sandboxOf(req).faults.list() });
  });

  router.post('/sandboxes/:id/faults', (req, res) => {
    const body = parseAdmin(FaultRuleInputSchema, req.body);
    const sandbox = sandboxOf(req);
    if (body.vendor && !registry.vendor(body.vendor)) throw new AdminError(400, `vendor ${body.vendor} is not served`);
    if (body.operation !== undefined) requireOperation(registry, body.operation, body.vendor);
    try {
      res.status(201).json(sandbox.faults.add(body));
      mutated(sandbox);
    } catch (err) {
      if (err instanceof PatternError) throw new AdminError(400, err.message);
      throw err;
    }
  });

  router.delete('/sandboxes/:id/faults', (req, res) => {
    const sandbox = sandboxOf(req);
    sandbox.faults.clear();
    mutated(sandbox);
    res.status(204).end();
  });

  router.delete('/sandboxes/:id/faults/:faultId', (req, res) => {
    const sandbox = sandboxOf(req);
    if (!sandbox.faults.remove(String(req.params.faultId))) throw new AdminError(404, 'fault rule not found');
    mutated(sandbox);
    res.status(204).end();
  });

  router.post('/save', async (req, res) => {
    const save = opts.save;
    if (!save) throw new AdminError(409, 'persistence is off: start with --data-dir to enable it');
    await inlineOrJob(req, res, undefined, async (work) => {
      work.step(0, 1);
      await save();
      work.step(1, 1);
      return { status: 200, body: { format: 'json', value: { saved: registry.list().length } } };
    });
  });

  router.get('/jobs', (_req, res) => {
    res.json({ jobs: jobs.list() });
  });

  router.get('/jobs/:jobId', (req, res) => {
    const job = jobs.get(String(req.params.jobId));
    if (!job) throw new AdminError(404, `job ${req.params.jobId} not found (finished jobs are kept for an hour)`);
    res.json(job);
  });

  for (const vendor of registry.vendors) mountVendorAdmin(router, vendor, opts, inlineOrJob);
  router.use('/pact', pactStatesRouter(opts));

  router.use((req, _res) => {
    throw new AdminError(404, `No such admin endpoint: ${req.method} ${req.originalUrl}`);
  });

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = adminStatusOf(err);
    if (status === 500) console.error('[admin] unexpected error:', err);
    const message = status === 500 ? 'Internal simulator error' : (err as Error).message;
    res.status(status).json({ error: { status, message } });
  });
  return router;
}

/** A fault rule's operation must be one a served vendor (the rule's own, when it names one) declares. */
function requireOperation(registry: SandboxRegistry, operation: string, vendorId: string | undefined): void {
  const vendors = vendorId ? [registry.vendor(vendorId) as AnyVendor] : registry.vendors;
  if (vendors.some((v) => v.operations.some((op: Operation<unknown>) => op.name === operation))) return;
  throw new AdminError(
    400,
    `operation ${operation} is not an operation of ${vendorId ?? 'any served vendor'} (see GET /__admin/vendors/{vendorId})`,
  );
}

/**
 * The admin status of an error: the admin plane's and the registry's own; a vendor's, mapped through the one vendor
 * error type (its `adminStatus`); a malformed JSON body (Express's body parser: 400, 413); anything else is a bug.
 */
function adminStatusOf(err: unknown): number {
  if (err instanceof AdminError || err instanceof SandboxError) return err.status;
  if (err instanceof VendorError) return err.adminStatus;
  if (err instanceof ClockError) return 400;
  if (isHttpError(err) && err.status < 500) return err.status;
  return 500;
}

/** The errors Express's body parser raises (http-errors: `expose` marks the ones meant for the client). */
function isHttpError(err: unknown): err is { status: number } {
  const e = err as { status?: unknown; expose?: unknown } | null;
  return typeof e === 'object' && e !== null && typeof e.status === 'number' && e.expose === true;
}

/** Vendor backdoors (simulate an agent, force an outcome, seed a record) live apart from the vendor API. */
function mountVendorAdmin(
  router: Router,
  vendor: AnyVendor,
  opts: AdminOptions,
  inlineOrJob: (
    req: Request,
    res: Response,
    sandbox: string,
    work: (ctx: WorkContext) => Promise<Reply>,
  ) => Promise<void>,
): void {
  for (const route of vendor.adminRoutes ?? []) {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
    router[method](`/sandboxes/:id/vendors/${vendor.id}${route.path}`, async (req: Request, res: Response) => {
      const sandbox = opts.registry.require(String(req.params.id));
      opts.registry.advance(sandbox);
      const { id: _id, ...params } = req.params as Record<string, string>;
      await inlineOrJob(req, res, sandbox.id, async (work) => {
        const call: VendorCall<unknown> = {
          state: sandbox.states.get(vendor.id),
          sandboxId: sandbox.id,
          now: () => sandbox.clock.now(),
          rng: sandbox.rngOf(vendor.id),
          req,
          rawBody: req.body === undefined ? '' : JSON.stringify(req.body),
          params,
          query: flatQuery(req.originalUrl),
          work,
        };
        let failure: unknown;
        try {
          return await route.handler(call);
        } catch (err) {
          failure = err;
          throw err;
        } finally {
          // The same rule as vendor calls: saved whenever the call may have changed the sandbox.
          markChanged(sandbox, route.readOnly ?? route.method === 'GET', failure);
        }
      });
    });
  }
}
