import type { VendorRequest } from './request.ts';

/**
 * `Authorization: Basic base64(username:password)` → its two parts; undefined when absent or malformed. Shared by
 * every vendor that authenticates with HTTP Basic (Sinch, 8x8): an empty username names no tenant.
 */
export function basicCredentials(req: VendorRequest): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.get('authorization') ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon <= 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * `Authorization: Bearer <token>` → the token (RFC 6750: the scheme in any letter case, one token of its charset);
 * undefined when absent or malformed. For vendors that authenticate with bearer tokens (jtel).
 */
export function bearerToken(req: VendorRequest): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(req.get('authorization') ?? '');
  return match ? match[1] : undefined;
}
