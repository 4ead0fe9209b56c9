/**
 * What the request journals never keep: credentials. A journal is read over the admin plane by anyone debugging a
 * sandbox (and the process-wide journal of unattributed requests by anyone at all), so the secrets a client sent —
 * or mistyped — must not be readable there.
 *
 * By default: `Authorization` (the scheme and, for Basic, the user name stay: they are what a wrong-credentials
 * report needs) and every header whose name contains `api-key`, `apikey`, `token`, `secret` or `password` (Symbee's
 * `X-sc-company-api-key`). A vendor adds its own through `VendorDefinition.redact`: more header names, and a body
 * rewrite for credentials carried in bodies (a SOAP `<wsse:Password>`).
 */
export interface Redaction {
  /** Further header names to redact (matched against the lower-case name). */
  headers?: RegExp;
  /**
   * Rewrites a journaled body snippet (request or response, at most the journal's 8 KiB and possibly cut mid-way):
   * must also catch a secret the cut left unterminated.
   */
  body?: (snippet: string) => string;
}

export const REDACTED = '[redacted]';
const SECRET_HEADER = /api-?key|token|secret|password/;

function redactAuthorization(value: string): string {
  const [scheme = '', credentials = ''] = value.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // A printable user name only: anything else may be the secret itself, mangled.
    if (colon > 0 && /^[\x20-\x7e]+$/.test(decoded.slice(0, colon))) {
      return `Basic ${REDACTED} (user ${decoded.slice(0, colon)})`;
    }
  }
  return credentials ? `${scheme} ${REDACTED}` : REDACTED;
}

/** A copy of `headers` (lower-case names, as Node gives them) with credentials replaced. */
export function redactHeaders(headers: Record<string, string>, redaction?: Redaction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'authorization' || name === 'proxy-authorization') out[name] = redactAuthorization(value);
    else if (SECRET_HEADER.test(name) || redaction?.headers?.test(name)) out[name] = REDACTED;
    else out[name] = value;
  }
  return out;
}
