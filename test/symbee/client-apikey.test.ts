import { describe, expect, it } from 'vitest';
import {
  ApiKeyError,
  CachedApiKey,
  MAX_API_KEY_AGE_MS,
  StaticApiKey,
  apiKeyProvider,
  secretStringOf,
  symbeeBaseUrl,
} from '../../src/clients/symbee/index.ts';

/** The key cache on its own: sharing, refresh-after-rejection and failure handling (no network). */
function sequenceFetcher(keys: string[]) {
  const state = { calls: 0 };
  const fetcher = async () => {
    const key = keys[Math.min(state.calls, keys.length - 1)] as string;
    state.calls++;
    return key;
  };
  return { state, fetcher };
}

describe('CachedApiKey', () => {
  it('shares one fetch between concurrent callers', async () => {
    const { state, fetcher } = sequenceFetcher(['k1']);
    const cache = new CachedApiKey(fetcher);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['k1', 'k1', 'k1']);
    expect(state.calls).toBe(1);
  });

  it('refetches on refresh only while the cached key is the rejected one', async () => {
    const { state, fetcher } = sequenceFetcher(['k1', 'k2', 'k3']);
    const cache = new CachedApiKey(fetcher);
    await cache.get();
    // Two requests rejected with k1 at once: one fetch between them.
    expect(await Promise.all([cache.refresh('k1'), cache.refresh('k1')])).toEqual(['k2', 'k2']);
    // A late rejection of k1 gets the already refreshed key.
    expect(await cache.refresh('k1')).toBe('k2');
    expect(state.calls).toBe(2);
    expect(await cache.get()).toBe('k2');
  });

  it('expires at maxAgeMs on the injected clock; 0 fetches every time', async () => {
    let now = 0;
    const { fetcher } = sequenceFetcher(['k1', 'k2']);
    const cache = new CachedApiKey(fetcher, { maxAgeMs: 1000, now: () => now });
    await cache.get();
    now = 999;
    expect(await cache.get()).toBe('k1');
    now = 1000;
    expect(await cache.get()).toBe('k2');
    const uncached = sequenceFetcher(['a']);
    const never = new CachedApiKey(uncached.fetcher, { maxAgeMs: 0 });
    await never.get();
    await never.get();
    expect(uncached.state.calls).toBe(2);
  });

  it('defaults to one hour and refuses more', () => {
    expect(MAX_API_KEY_AGE_MS).toBe(3_600_000);
    expect(() => new CachedApiKey(async () => 'k', { maxAgeMs: MAX_API_KEY_AGE_MS + 1 })).toThrow(RangeError);
  });

  it('does not cache a failed or empty fetch', async () => {
    let fail = true;
    const cache = new CachedApiKey(async () => {
      if (fail) throw new Error('AccessDeniedException');
      return 'k1';
    });
    await expect(cache.get()).rejects.toThrow(/AccessDeniedException/);
    await expect(cache.get()).rejects.toBeInstanceOf(ApiKeyError);
    fail = false;
    expect(await cache.get()).toBe('k1');
    await expect(new CachedApiKey(async () => '').get()).rejects.toThrow(/no key/);
  });
});

describe('key sources and helpers', () => {
  it('a static key refreshes to itself (the client then does not retry)', async () => {
    const key = apiKeyProvider('fixed');
    expect(key).toBeInstanceOf(StaticApiKey);
    expect(await key.refresh('fixed')).toBe('fixed');
    expect(() => new StaticApiKey('')).toThrow(ApiKeyError);
  });

  it('reads SecretString from a GetSecretValue response', () => {
    expect(secretStringOf({ SecretString: 'sck_1', VersionId: 'v1' })).toBe('sck_1');
    expect(() => secretStringOf({ VersionId: 'v1' })).toThrow(/SYMBEE_CONNECT_API_KEY has no SecretString/);
  });

  it('builds the vendor base URL per region (no prefix for us-east-1)', () => {
    expect(symbeeBaseUrl()).toBe(
      'https://symbeeconnect.com:9443/symbee-previewcontact-service/svc/rs/PreviewContactServiceExternal',
    );
    expect(symbeeBaseUrl('eu-central-1')).toMatch(/^https:\/\/eu-central-1\.symbeeconnect\.com:9443\//);
  });
});
