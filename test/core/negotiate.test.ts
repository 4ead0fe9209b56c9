import { describe, expect, it } from 'vitest';
import { matchContentType, mediaEssence, negotiateAccept, parseAccept } from '../../simulators/core/negotiate.ts';

const BOTH = ['application/json', 'application/xml'];

describe('content negotiation', () => {
  it('parses Accept ranges with qualities, skipping malformed ones', () => {
    expect(parseAccept('text/html;q=0.5, application/JSON, nonsense, a/b/c, */*;q=2')).toEqual([
      { type: 'text', subtype: 'html', q: 0.5, index: 0 },
      { type: 'application', subtype: 'json', q: 1, index: 1 },
      { type: '*', subtype: '*', q: 1, index: 4 },
    ]);
    expect(parseAccept(undefined)).toEqual([]);
  });

  it('no or empty Accept takes the first offer; an unparseable one accepts nothing (406)', () => {
    expect(negotiateAccept(undefined, BOTH)).toBe('application/json');
    expect(negotiateAccept('  ', BOTH)).toBe('application/json');
    expect(negotiateAccept('garbage', BOTH)).toBeUndefined();
    expect(negotiateAccept('text/html', BOTH)).toBeUndefined();
  });

  it('prefers higher quality, then specificity, then the client’s order', () => {
    expect(negotiateAccept('application/xml', BOTH)).toBe('application/xml');
    expect(negotiateAccept('application/json;q=0.4, application/xml;q=0.9', BOTH)).toBe('application/xml');
    expect(negotiateAccept('*/*, application/xml', BOTH)).toBe('application/xml');
    expect(negotiateAccept('application/*', BOTH)).toBe('application/json');
    expect(negotiateAccept('application/xml, application/json', BOTH)).toBe('application/xml');
  });

  it('q=0 excludes an offer even when a wildcard would accept it', () => {
    expect(negotiateAccept('application/json;q=0, */*', BOTH)).toBe('application/xml');
    expect(negotiateAccept('*/*;q=0', BOTH)).toBeUndefined();
  });

  it('matches Content-Type by essence, case-insensitively', () => {
    expect(mediaEssence('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaEssence('')).toBeUndefined();
    expect(matchContentType('application/xml; charset=utf-8', BOTH)).toBe('application/xml');
    expect(matchContentType('text/plain', BOTH)).toBeUndefined();
    expect(matchContentType(undefined, BOTH)).toBeUndefined();
  });
});
