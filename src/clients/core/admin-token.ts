import { ADMIN_TOKEN_ENV } from '../../../simulators/core/admin/token.ts';

export { ADMIN_TOKEN_ENV };

/**
 * The header every call of the simulator's admin API carries: `Authorization: Bearer` with the given token, else
 * `$SIM_ADMIN_TOKEN` (what the server reads too, so one variable set in CI serves both ends), else none (an
 * open admin plane).
 */
export function adminAuthorization(token?: string): Record<string, string> {
  const chosen = token ?? process.env[ADMIN_TOKEN_ENV];
  return chosen ? { authorization: `Bearer ${chosen}` } : {};
}
