/**
 * Transport shared by every reference client: base URL, per-request headers (possibly async, e.g. a rotating API
 * key), timeouts, and retries with exponential backoff on 429/5xx and dropped connections, honouring Retry-After.
 * Vendor clients add their own typed errors on top; this layer never interprets a vendor body.
 */
export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry-After values above this are not waited for: the error surfaces instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 60_000 };

/** Transport settings every vendor client configuration carries and hands to its HttpClient. */
export interface TransportOptions {
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Injected in tests to avoid real waiting between retries. */
  sleep?: (ms: number) => Promise<void>;
}

/** The transport settings of a vendor client configuration (and nothing else of it). */
export function transportOptions({ timeoutMs, retry, fetch, sleep }: TransportOptions): TransportOptions {
  return { timeoutMs, retry, fetch, sleep };
}

export interface HttpClientOptions extends TransportOptions {
  baseUrl: string;
  /** Headers for every request; a function is called per attempt (so a refreshed credential is picked up). */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
  accept?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Attempts made (1 = no retry). */
  attempts: number;
}

/** The server answered with a status the vendor client treats as failure. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Headers,
    message = `HTTP ${status}`,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request timed out after ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** The connection failed or was dropped before a response arrived. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(`network error: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'NetworkError';
  }
}

const RETRYABLE = (status: number) => status === 429 || (status >= 500 && status <= 599);

/** Retry-After is either delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class HttpClient {
  readonly baseUrl: string;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  url(path: string, query?: HttpRequest['query']): string {
    const url = new URL(this.baseUrl + (path.startsWith('/') ? path : `/${path}`));
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  /** Sends with retries; returns the final response whatever its status (vendor clients decide what fails). */
  async send(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse | undefined;
      let failure: unknown;
      try {
        response = await this.once(request, attempt);
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        failure = err;
      }
      if (response && !RETRYABLE(response.status)) return response;
      if (attempt > this.retry.retries) {
        if (response) return response;
        throw failure;
      }
      const hinted = response ? retryAfterMs(response.headers.get('retry-after')) : undefined;
      if (hinted !== undefined && hinted > this.retry.maxRetryAfterMs) return response as HttpResponse;
      await this.sleep(hinted ?? this.backoff(attempt));
    }
  }

  /** Exponential backoff with full jitter. */
  private backoff(attempt: number): number {
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (Math.random() * cap) / 2);
  }

  private async once(request: HttpRequest, attempt: number): Promise<HttpResponse> {
    const base =
      typeof this.options.headers === 'function' ? await this.options.headers() : (this.options.headers ?? {});
    const headers: Record<string, string> = { ...base, ...request.headers };
    if (request.contentType) headers['content-type'] = request.contentType;
    if (request.accept) headers.accept = request.accept;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await this.fetchImpl(this.url(request.path, request.query), {
        method: request.method,
        headers,
        body: request.body,
        signal: controller.signal,
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, attempts: attempt };
    } catch (err) {
      if (controller.signal.aborted) throw new TimeoutError(this.timeoutMs);
      throw new NetworkError(err);
    } finally {
      clearTimeout(timer);
    }
  }
}
