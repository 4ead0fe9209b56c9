import { type PactRequestView, acceptedRequests, basicOf, headerOf } from '../../simulators/core/states.ts';

/**
 * Drift check: the same pact against the real vendor (`--provider-base-url`). Provider states cannot be set up
 * there (they are skipped, with a warning), and the pact's example credentials are swapped for real ones from
 * environment variables: a header value the pact sends on accepted requests is replaced, anything else (a
 * deliberately wrong key in a 401 interaction) is sent as written.
 */
export interface DriftCredentials {
  /** Environment variables read, with what each holds (documentation and the error when one is missing). */
  variables: Record<string, string>;
  /** Header name (lower case) → pact value → real value. */
  replacements(requests: readonly PactRequestView[], env: NodeJS.ProcessEnv): Map<string, Map<string, string>>;
}

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

function required<K extends string>(env: NodeJS.ProcessEnv, names: K[]): Record<K, string> {
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) throw new Error(`the drift check needs ${missing.join(', ')} in the environment`);
  return Object.fromEntries(names.map((n) => [n, env[n] as string])) as Record<K, string>;
}

function add(map: Map<string, Map<string, string>>, header: string, from: string | undefined, to: string): void {
  if (from === undefined) return;
  const values = map.get(header) ?? new Map<string, string>();
  values.set(from, to);
  map.set(header, values);
}

export const DRIFT_CREDENTIALS: Record<string, DriftCredentials> = {
  sinch: {
    variables: { SINCH_USERNAME: 'OBI user', SINCH_PASSWORD: 'its password' },
    replacements(requests, env) {
      const { SINCH_USERNAME, SINCH_PASSWORD } = required(env, ['SINCH_USERNAME', 'SINCH_PASSWORD']);
      const map = new Map<string, Map<string, string>>();
      for (const r of acceptedRequests(requests)) {
        if (basicOf(r)) add(map, 'authorization', headerOf(r, 'authorization'), basic(SINCH_USERNAME, SINCH_PASSWORD));
      }
      return map;
    },
  },
  eightbyeight: {
    variables: {
      EIGHTBYEIGHT_USERNAME: 'tenant',
      EIGHTBYEIGHT_ACTION_TOKEN: 'Action Request Token',
      EIGHTBYEIGHT_DATA_TOKEN: 'Data Request Token',
    },
    replacements(requests, env) {
      const vars = required(env, ['EIGHTBYEIGHT_USERNAME', 'EIGHTBYEIGHT_ACTION_TOKEN', 'EIGHTBYEIGHT_DATA_TOKEN']);
      const map = new Map<string, Map<string, string>>();
      for (const r of acceptedRequests(requests)) {
        if (!basicOf(r)) continue;
        const token = r.method === 'POST' ? vars.EIGHTBYEIGHT_ACTION_TOKEN : vars.EIGHTBYEIGHT_DATA_TOKEN;
        add(map, 'authorization', headerOf(r, 'authorization'), basic(vars.EIGHTBYEIGHT_USERNAME, token));
      }
      return map;
    },
  },
  symbee: {
    variables: { SYMBEE_API_KEY: 'X-sc-company-api-key (company code, environment and region stay as in the pact)' },
    replacements(requests, env) {
      const { SYMBEE_API_KEY } = required(env, ['SYMBEE_API_KEY']);
      const map = new Map<string, Map<string, string>>();
      for (const r of acceptedRequests(requests)) {
        add(map, 'x-sc-company-api-key', headerOf(r, 'x-sc-company-api-key'), SYMBEE_API_KEY);
      }
      return map;
    },
  },
};
