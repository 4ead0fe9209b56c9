/**
 * The Symbee Connect API key (`X-sc-company-api-key`). The vendor installs it in AWS Secrets Manager as
 * `SYMBEE_CONNECT_API_KEY`, rotates it automatically, and asks clients not to cache it for longer than an hour.
 */
import { adminAuthorization } from '../core/admin-token.ts';

/** SecretId of the key in AWS Secrets Manager (vendor document, "Details on the 'X-sc-company-api-key' Header"). */
export const SYMBEE_SECRET_ID = 'SYMBEE_CONNECT_API_KEY';

/** The longest a fetched key may be reused: "no longer than an hour". */
export const MAX_API_KEY_AGE_MS = 60 * 60 * 1000;

/** Fetches the current key, e.g. with a GetSecretValue call. */
export type ApiKeyFetcher = () => Promise<string>;

/** What the client needs: the key to send now, and a fresh one after the service rejected `rejected`. */
export interface ApiKeyProvider {
  get(): Promise<string>;
  /** Returns a key other than `rejected` when one can be had; returns `rejected` when the source cannot refresh. */
  refresh(rejected: string): Promise<string>;
}

export interface CachedApiKeyOptions {
  /** How long a fetched key is reused; at most (and by default) one hour. 0 fetches on every request. */
  maxAgeMs?: number;
  /** Clock for the cache, in epoch ms (injected in tests). */
  now?: () => number;
}

/** The subset of a GetSecretValue response the client reads (AWS SDK v3 `GetSecretValueCommandOutput`). */
export interface SecretValue {
  SecretString?: string;
  VersionId?: string;
}

export class ApiKeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiKeyError';
  }
}

/** The key string of a GetSecretValue response; fails clearly when the secret holds no string. */
export function secretStringOf(output: SecretValue): string {
  if (typeof output.SecretString !== 'string' || output.SecretString === '') {
    throw new ApiKeyError(`${SYMBEE_SECRET_ID} has no SecretString`);
  }
  return output.SecretString;
}

/** A key that never changes: nothing to refresh. */
export class StaticApiKey implements ApiKeyProvider {
  constructor(private readonly key: string) {
    if (key === '') throw new ApiKeyError('the API key must not be empty');
  }

  async get(): Promise<string> {
    return this.key;
  }

  async refresh(): Promise<string> {
    return this.key;
  }
}

/**
 * A fetched key, reused for at most `maxAgeMs`. Concurrent callers share one fetch; a failed fetch is not cached.
 * `refresh(rejected)` fetches again only if the cached key is still the rejected one, so many requests failing on
 * the same rotated key cause one fetch, not one each.
 */
export class CachedApiKey implements ApiKeyProvider {
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private cached: { key: string; fetchedAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly fetcher: ApiKeyFetcher,
    options: CachedApiKeyOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? MAX_API_KEY_AGE_MS;
    if (!(this.maxAgeMs >= 0 && this.maxAgeMs <= MAX_API_KEY_AGE_MS)) {
      throw new RangeError(`maxAgeMs must be between 0 and ${MAX_API_KEY_AGE_MS} (one hour)`);
    }
    this.now = options.now ?? Date.now;
  }

  async get(): Promise<string> {
    const cached = this.cached;
    if (cached && this.now() - cached.fetchedAt < this.maxAgeMs) return cached.key;
    return this.fetch();
  }

  async refresh(rejected: string): Promise<string> {
    if (this.inFlight) return this.inFlight;
    if (this.cached && this.cached.key !== rejected) return this.cached.key;
    return this.fetch();
  }

  /** Forgets the cached key (e.g. after a configuration change). */
  invalidate(): void {
    this.cached = undefined;
  }

  private fetch(): Promise<string> {
    this.inFlight ??= (async () => {
      try {
        const key = await this.fetcher();
        if (typeof key !== 'string' || key === '') throw new ApiKeyError('the API key fetcher returned no key');
        this.cached = { key, fetchedAt: this.now() };
        return key;
      } catch (err) {
        this.cached = undefined;
        throw err instanceof ApiKeyError
          ? err
          : new ApiKeyError(`could not fetch the API key: ${(err as Error).message}`, { cause: err });
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }
}

/** A static string, a fetcher (cached at most an hour), or a ready provider. */
export type ApiKeySource = string | ApiKeyFetcher | ApiKeyProvider;

export function apiKeyProvider(source: ApiKeySource, options: CachedApiKeyOptions = {}): ApiKeyProvider {
  if (typeof source === 'string') return new StaticApiKey(source);
  if (typeof source === 'function') return new CachedApiKey(source, options);
  return source;
}

/**
 * Fetcher for the simulator's stand-in of Secrets Manager: `GET /__admin/sandboxes/{id}/vendors/symbee/secret`
 * answers the GetSecretValue shape for SecretId SYMBEE_CONNECT_API_KEY.
 */
export function simulatorSecretFetcher(
  simulatorUrl: string,
  sandboxId: string,
  fetchImpl: typeof fetch = fetch,
  /** The simulator's admin token; default `$SIM_ADMIN_TOKEN`. */
  adminToken?: string,
): ApiKeyFetcher {
  const url = `${simulatorUrl.replace(/\/+$/, '')}/__admin/sandboxes/${encodeURIComponent(sandboxId)}/vendors/symbee/secret`;
  return async () => {
    const res = await fetchImpl(url, { headers: { accept: 'application/json', ...adminAuthorization(adminToken) } });
    if (!res.ok) throw new ApiKeyError(`GET ${url} answered HTTP ${res.status}`);
    return secretStringOf((await res.json()) as SecretValue);
  };
}
