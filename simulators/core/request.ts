import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * What the kernel and vendors read from a request. The pipeline builds it from Node's own request for vendor calls
 * (`plainRequest`); vendor backdoors under the admin plane get Express's Request, which has all of it too.
 */
export interface VendorRequest {
  readonly method: string;
  /** Path below the vendor's mount (`/<vendorId>`), without the query string. */
  readonly path: string;
  /** The vendor's mount, `/<vendorId>`. */
  readonly baseUrl: string;
  /** Path and query string as received. */
  readonly originalUrl: string;
  readonly protocol: string;
  readonly headers: IncomingHttpHeaders;
  /** A header by case-insensitive name (repeated headers joined with ", "). */
  get(name: string): string | undefined;
}

/** A VendorRequest over Node's own request, with the mount and the path below it already split off. */
export function plainRequest(msg: IncomingMessage, baseUrl: string, path: string): VendorRequest {
  const headers = msg.headers;
  return {
    method: msg.method ?? 'GET',
    path,
    baseUrl,
    originalUrl: msg.url ?? '/',
    // As Express without `trust proxy`: the connection decides, not X-Forwarded-Proto.
    protocol: (msg.socket as TLSSocket).encrypted ? 'https' : 'http',
    headers,
    get(name) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
