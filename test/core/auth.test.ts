import type { VendorRequest } from '../../simulators/core/request.ts';
import { describe, expect, it } from 'vitest';
import { basicCredentials, bearerToken } from '../../simulators/core/auth.ts';

const withAuthorization = (value: string | undefined) =>
  ({ get: (name: string) => (name.toLowerCase() === 'authorization' ? value : undefined) }) as unknown as VendorRequest;
const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('basicCredentials', () => {
  it('splits at the first colon; the password may hold more colons', () => {
    expect(basicCredentials(withAuthorization(basic('obi-admin:se:cret')))).toEqual({
      username: 'obi-admin',
      password: 'se:cret',
    });
  });

  it('accepts any case of the scheme and trailing spaces', () => {
    expect(basicCredentials(withAuthorization(`bAsIc ${Buffer.from('u:p').toString('base64')}  `))).toEqual({
      username: 'u',
      password: 'p',
    });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Bearer abc'],
    ['not base64', 'Basic ***'],
    ['no colon', basic('just-a-user')],
    ['an empty username', basic(':password')],
  ])('is undefined for %s', (_name, header) => {
    expect(basicCredentials(withAuthorization(header))).toBeUndefined();
  });
});

describe('bearerToken', () => {
  it('reads the token of `Authorization: Bearer <token>`, the scheme in any letter case', () => {
    expect(bearerToken(withAuthorization('Bearer abc.DEF-123_~+/=='))).toBe('abc.DEF-123_~+/==');
    expect(bearerToken(withAuthorization('bearer  t0k3n '))).toBe('t0k3n');
  });

  it('is undefined when absent, empty, of another scheme or not one token', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwdw==',
      'Bearer a b',
      'Bearer a,b',
      'Token x',
    ]) {
      expect(bearerToken(withAuthorization(header)), String(header)).toBeUndefined();
    }
  });
});
