import { type PactRequestView, type ProviderStateCatalogue, pactCredentials } from '../core/states.ts';

/**
 * How a consumer's Engage pact maps onto the simulator: its paths (`/SOAPAPI2/...`) are mounted below `/engage`
 * (the default), and the verification sandbox answers to the WS-Security user and password its accepted requests
 * send. No Engage-specific states yet: a fresh sandbox holds the fixtures (docs/vendors/engage.md).
 */
const text = (body: string, element: string) =>
  new RegExp(`<(?:\\w+:)?${element}\\b[^>]*>([^<]{1,128})</(?:\\w+:)?${element}>`).exec(body)?.[1];

function credentialsOf(request: PactRequestView): { username: string; password: string } | undefined {
  if (typeof request.body !== 'string') return undefined;
  const username = text(request.body, 'Username');
  const password = text(request.body, 'Password');
  return username && password && /^[A-Za-z0-9._@-]{3,64}$/.test(username) && password.length >= 8
    ? { username, password }
    : undefined;
}

export const engageStates: ProviderStateCatalogue = {
  // A refused WS-Security token is a fault on HTTP 500 like any other: only replies (2xx) vouch for credentials.
  sandboxOptions: (requests) =>
    pactCredentials(requests, credentialsOf, (all) => all.filter((r) => r.expectedStatus < 300)),
  states: [],
};
