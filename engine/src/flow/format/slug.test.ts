import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugFromTitle, uniqueSlug } from './slug';

describe('slugFromTitle', () => {
  it.each([
    ['Praxis Dr. Müller', 'praxis-dr-mueller'],
    ['Begrüßung & Einwilligung', 'begruessung-einwilligung'],
    ['Größe, Maß, ÄÖÜ', 'groesse-mass-aeoeue'],
    ['Café Crème', 'cafe-creme'],
    ['  Kanzlei   Schröder  ', 'kanzlei-schroeder'],
    ['112', '112'],
    ['???', ''],
  ])('%s → %s', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });

  it('uses the separator asked for', () => {
    expect(slugFromTitle('Art des Anliegens', { separator: '_' })).toBe('art_des_anliegens');
  });

  it('stays within the length at a word boundary and within the id alphabet', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (title) => {
        const slug = slugFromTitle(title, { maxLength: 40 });
        expect(slug.length).toBeLessThanOrEqual(40);
        expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
      }),
    );
    expect(slugFromTitle('Hausarztpraxis Dr. Beispiel und Kollegen', { maxLength: 20 })).toBe(
      'hausarztpraxis-dr',
    );
  });
});

describe('uniqueSlug', () => {
  it('adds -2, -3… until the id is free, keeping the length', () => {
    const taken = new Set(['praxis', 'praxis-2']);
    expect(uniqueSlug('praxis', (s) => taken.has(s))).toBe('praxis-3');
    expect(uniqueSlug('frei', (s) => taken.has(s))).toBe('frei');
    const long = 'a'.repeat(64);
    expect(uniqueSlug(long, (s) => s === long)).toBe(`${'a'.repeat(62)}-2`);
  });
});
