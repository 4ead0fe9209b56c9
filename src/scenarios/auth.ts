/**
 * Default credentials of a scenario request, taken from the vendor's section of the sandbox description
 * (`vendors.<vendorId>` of `POST /__admin/sandboxes`). A step's own `headers` are merged over these; `auth: false`
 * sends none. Each vendor adds its case to the switch below.
 */
export function defaultHeaders(
  vendorId: string,
  vendorSection: Record<string, unknown>,
  method: string,
): Record<string, string> {
  void method; // used by vendors whose credentials depend on the method (8x8: data vs action token)
  switch (vendorId) {
    case 'symbee':
      // The five X-sc-* headers, ready to send.
      return stringEntries(vendorSection.headers);
    case 'sinch':
      // HTTP Basic with the sandbox user and password.
      return { Authorization: basicAuth(vendorSection.username, vendorSection.password) };
    case 'eightbyeight': {
      // Basic tenant:token — the Data Request Token for reads (GET) and, as the document's table says, DELETE; the
      // Action Request Token for the other writes. (A sandbox with option deleteToken=action sends its own header.)
      const verb = method.toUpperCase();
      const token = verb === 'GET' || verb === 'DELETE' ? vendorSection.dataToken : vendorSection.actionToken;
      return { Authorization: basicAuth(vendorSection.username, token) };
    }
    case 'jtel':
      // Bearer with the client account's token.
      return { Authorization: `Bearer ${String(vendorSection.token)}` };
    default:
      return {};
  }
}

/** `Authorization` value for HTTP Basic. */
export function basicAuth(username: unknown, password: unknown): string {
  return `Basic ${Buffer.from(`${String(username)}:${String(password)}`).toString('base64')}`;
}

function stringEntries(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined && item !== null) out[key] = String(item);
  return out;
}
