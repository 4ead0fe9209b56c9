import { describe, expect, it } from 'vitest';
import { RouteTable } from '../../simulators/core/routing.ts';

const table = new RouteTable([
  { method: 'GET', path: '/campaigns/list', name: 'list' },
  { method: 'GET', path: '/campaigns/:id', name: 'get' },
  { method: 'PUT', path: '/campaigns/:id', name: 'put' },
  { method: 'GET', path: '/campaigns/:id.json', name: 'never: shadowed by /campaigns/:id' },
  { method: 'GET', path: '/stats/:id.json', name: 'stats' },
  { method: 'POST', path: '/campaigns/:id/customers/:customerId', name: 'customer' },
]);

const nameOf = (method: string, path: string) => {
  const found = table.find(method, path);
  return found.kind === 'found' ? [found.route.name, found.params] : found.kind;
};

describe('vendor route table', () => {
  it('takes the first declared route whose path and method match', () => {
    expect(nameOf('GET', '/campaigns/list')).toEqual(['list', {}]);
    expect(nameOf('GET', '/campaigns/42')).toEqual(['get', { id: '42' }]);
    expect(nameOf('PUT', '/campaigns/list')).toEqual(['put', { id: 'list' }]);
    expect(nameOf('GET', '/campaigns/7.json')).toEqual(['get', { id: '7.json' }]);
    expect(nameOf('GET', '/stats/7.json')).toEqual(['stats', { id: '7' }]);
    expect(nameOf('POST', '/campaigns/1/customers/2')).toEqual(['customer', { id: '1', customerId: '2' }]);
  });

  it('is case-sensitive, tolerates one trailing slash, and runs GET routes for HEAD', () => {
    expect(nameOf('GET', '/Campaigns/list')).toBe('none');
    expect(nameOf('GET', '/campaigns/list/')).toEqual(['list', {}]);
    expect(nameOf('GET', '/campaigns/list//')).toBe('none');
    expect(nameOf('HEAD', '/campaigns/42')).toEqual(['get', { id: '42' }]);
    expect(nameOf('DELETE', '/campaigns/42')).toBe('none');
    expect(nameOf('GET', '/campaigns')).toBe('none');
    expect(nameOf('GET', '/campaigns/1/extra')).toBe('none');
  });

  it('decodes parameters; one that does not decode is malformed, whichever method was asked', () => {
    expect(nameOf('GET', '/campaigns/a%20b')).toEqual(['get', { id: 'a b' }]);
    expect(nameOf('GET', '/campaigns/a%2Fb')).toEqual(['get', { id: 'a/b' }]);
    expect(nameOf('GET', '/campaigns/%ZZ')).toBe('malformed');
    expect(nameOf('DELETE', '/campaigns/%E0%A4%A')).toBe('malformed');
  });
});
