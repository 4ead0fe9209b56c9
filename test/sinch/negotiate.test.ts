import { describe, expect, it } from 'vitest';
import { matchContentType, mediaEssence, negotiateAccept, parseAccept } from '../../simulators/core/negotiate.ts';

// Kernel piece (simulators/core/negotiate.ts) written with the Sinch simulator; 8x8 uses it too.
const OFFERS = ['application/json', 'application/xml'];

describe('negotiateAccept', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['application/xml', 'application/xml'],
    ['APPLICATION/XML', 'application/xml'],
    ['*/*', 'application/json'],
    ['application/*', 'application/json'],
    ['text/html, application/xml;q=0.9, */*;q=0.1', 'application/xml'],
    ['application/json;q=0.2, application/xml;q=0.8', 'application/xml'],
    ['application/xml, application/json', 'application/xml'],
    ['*/*;q=0.5, application/json;q=0', 'application/xml'],
    ['application/*;q=0.3, application/xml;q=0.1', 'application/json'],
    ['text/plain', undefined],
    ['application/json;q=0, application/xml;q=0', undefined],
    ['garbage', undefined],
    ['application/xml;q=abc', 'application/xml'],
  ])('Accept %j → %s', (accept, expected) => {
    expect(negotiateAccept(accept, OFFERS)).toBe(expected);
  });

  it('returns the offer as the server spelled it', () => {
    expect(negotiateAccept('text/html', ['text/HTML'])).toBe('text/HTML');
  });
});

describe('parseAccept and media types', () => {
  it('parses ranges with q-values and skips malformed ones', () => {
    expect(parseAccept('text/html;level=1;q=0.7, bad, a/b/c, */*')).toEqual([
      { type: 'text', subtype: 'html', q: 0.7, index: 0 },
      { type: '*', subtype: '*', q: 1, index: 3 },
    ]);
    expect(parseAccept('x/y;q=7')[0]?.q).toBe(1);
  });

  it('matches Content-Type by essence, ignoring parameters and case', () => {
    expect(mediaEssence('Application/JSON; charset=UTF-8')).toBe('application/json');
    expect(matchContentType('application/xml; charset=utf-8', OFFERS)).toBe('application/xml');
    expect(matchContentType('text/xml', OFFERS)).toBeUndefined();
    expect(matchContentType(undefined, OFFERS)).toBeUndefined();
    expect(matchContentType('', OFFERS)).toBeUndefined();
  });
});
