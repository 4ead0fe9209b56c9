import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The environment variable of the admin token (`campaign-sim serve --admin-token`). */
export const ADMIN_TOKEN_ENV = 'SIM_ADMIN_TOKEN';

/**
 * What anyone may reach below `/__admin` without the token: health (for probes and orchestrators) and the
 * dashboard's page and script, which hold no data — every call the dashboard makes carries the token.
 */
const OPEN_PATHS = new Set(['/health', '/ui', '/ui/app.js']);

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Requires `Authorization: Bearer <token>` on every admin route but the open ones when a token is configured (none:
 * the admin plane is open, as on a developer's loopback). Compared in constant time over SHA-256 digests, so neither
 * the token's characters nor its length leak through timing. Refusals are the admin plane's error shape, 401.
 */
export function requireAdminToken(token: string | undefined) {
  const expected = token ? digest(token) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!expected || OPEN_PATHS.has(req.path)) return next();
    const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
    if (match && timingSafeEqual(digest(match[1] as string), expected)) return next();
    const message = match
      ? 'wrong admin token'
      : 'the admin API needs the admin token: Authorization: Bearer <token> (--admin-token / SIM_ADMIN_TOKEN)';
    res
      .status(401)
      .set('www-authenticate', 'Bearer realm="campaign-sim admin"')
      .json({ error: { status: 401, message } });
  };
}

/** True for an address only this machine reaches (a non-loopback bind without a token is warned about). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}
