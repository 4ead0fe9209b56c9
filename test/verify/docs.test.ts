import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { COMMON_STATES } from '../../simulators/core/states.ts';
import { VENDORS } from '../../simulators/index.ts';

const documents = (text: string, name: string) => text.split('\n').some((line) => line.startsWith(`| \`${name}\` `));

/** The state catalogues are documented where users look: each vendor's document, the kernel's in docs/pact.md. */
const doc = (path: string) => readFile(new URL(`../../docs/${path}`, import.meta.url), 'utf8');

describe('provider-state catalogues in the docs', () => {
  it.each(VENDORS.map((v) => [v.id, v] as const))('%s documents every state of its catalogue', async (id, vendor) => {
    const text = await doc(`vendors/${id}.md`);
    expect(text).toContain('## Pact provider states');
    const missing = (vendor.providerStates?.states ?? []).filter((s) => !documents(text, s.name));
    expect(missing.map((s) => s.name)).toEqual([]);
  });

  it('docs/pact.md documents the common states', async () => {
    const text = await doc('pact.md');
    expect(COMMON_STATES.filter((s) => !documents(text, s.name)).map((s) => s.name)).toEqual([]);
  });
});
