import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../../../../engine/src/flow/format/schema';
import { exitShares, exitWord } from './exits';
import { localDay, queryOf, type AnalyticsFilter } from './filter';

const base: AnalyticsFilter = { period: '30', from: '', to: '', version: 'all', includeTests: false };

describe('analytics filter', () => {
  it('turns the period into inclusive days ending today', () => {
    expect(queryOf({ ...base, period: '7' }, '2026-03-10')).toEqual({
      from: '2026-03-04',
      to: '2026-03-10',
      source: 'phone',
    });
    expect(queryOf(base, '2026-03-10')).toMatchObject({ from: '2026-02-09', to: '2026-03-10' });
    expect(queryOf({ ...base, period: '90' }, '2026-03-10')).toMatchObject({ from: '2025-12-11' });
    expect(
      queryOf({ ...base, period: 'custom', from: '2026-01-01', to: '2026-01-31' }, '2026-03-10'),
    ).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
    // A half-typed or reversed custom period never reaches the server as a 400.
    expect(
      queryOf({ ...base, period: 'custom', from: '2026-02-01', to: '2026-01-01' }, '2026-03-10'),
    ).toMatchObject({ from: '2026-02-09', to: '2026-03-10' });
  });

  it('counts phone calls only unless test calls are included; the draft only with them', () => {
    expect(queryOf({ ...base, includeTests: true, version: 3 }, '2026-03-10')).toMatchObject({
      source: 'all',
      version: 3,
    });
    expect(queryOf({ ...base, version: 'draft' }, '2026-03-10')).not.toHaveProperty('version');
    expect(queryOf({ ...base, version: 'draft', includeTests: true }, '2026-03-10')).toMatchObject({
      version: 'draft',
    });
  });

  it('takes today from the local calendar', () => {
    expect(localDay(new Date(2026, 2, 1, 0, 30))).toBe('2026-03-01');
  });
});

describe('where callers left a step', () => {
  const consent: FlowNode = {
    kind: 'consent',
    disclosure: 'KI-Assistent.',
    question: 'Einverstanden?',
    next: { yes: 'a', no: 'b', unclear: 'b' },
  };

  it('names the exits in the canvas words with their shares, most taken first', () => {
    const shares = exitShares(50, { yes: 41, unclear: 6, no: 3 }, { lang: 'de', node: consent });
    expect(shares.map((s) => `${s.word} ${Math.round(s.share * 100)} %`)).toEqual([
      'ja 82 %',
      'unklar 12 %',
      'nein 6 %',
    ]);
    expect(exitShares(0, {}, { lang: 'de' })).toEqual([]);
  });

  it('uses the flow’s own option and trigger labels and the glossary words for how a call ended', () => {
    const ctx = {
      lang: 'de' as const,
      node: {
        kind: 'branch',
        prompt: 'Worum geht es?',
        options: [{ id: 'rezept', label: 'Rezept', keywords: ['rezept'], next: 'a' }],
        default: 'b',
      } satisfies FlowNode,
      triggerLabel: () => 'Notfall',
    };
    expect(exitWord('rezept', ctx)).toBe('Rezept');
    expect(exitWord('default', ctx)).toBe('Sonst');
    expect(exitWord('trigger:notfall', ctx)).toBe('Stichwort „Notfall“');
    expect(exitWord('hung-up', ctx)).toBe('hier aufgelegt');
    expect(exitWord('human', ctx)).toBe('„Mensch, bitte“');
    expect(exitWord('handed-off', { lang: 'en' })).toBe('transferred to staff');
    const hours: FlowNode = { kind: 'hours', next: { open: 'a', closed: 'b' } };
    expect(exitWord('closed', { lang: 'de', node: hours })).toBe('geschlossen');
    const handoff: FlowNode = {
      kind: 'handoff',
      target: 'empfang',
      announce: 'Moment.',
      next: { fallback: 'b' },
    };
    expect(exitWord('closed', { lang: 'de', node: handoff })).toBe('außerhalb der Sprechzeiten');
    expect(exitWord('busy', { lang: 'en', node: handoff })).toBe('busy');
    // The plain exit of a questions step, also as migrated from its old name `done`.
    const intake: FlowNode = { kind: 'intake', fields: [], next: 'b' };
    expect(exitWord('next', { lang: 'de', node: intake })).toBe('weiter');
  });
});
