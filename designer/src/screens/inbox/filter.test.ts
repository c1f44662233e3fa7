import { describe, expect, it } from 'vitest';
import type { CallNote } from '../../api';
import { applyFilter, callbackNumberOf, NO_FILTER } from './filter';

function note(
  txId: string,
  over: Partial<CallNote> = {},
  record: Partial<CallNote['record']> = {},
): CallNote {
  return {
    txId,
    flowId: 'praxis',
    flowVersion: 1,
    createdAt: 0,
    expiresAt: 0,
    test: false,
    status: 'new',
    stored: true,
    ...over,
    record: {
      recordVersion: 1,
      txId,
      flowId: 'praxis',
      flowContentHash: 'x',
      startedAt: '2026-12-07T08:00:00.000Z',
      endedAt: '2026-12-07T08:02:00.000Z',
      test: false,
      language: 'de-DE',
      consent: 'given',
      fields: {},
      missingFields: [],
      flags: [],
      priority: 'normal',
      outcome: 'completed',
      ...record,
    },
  };
}

const notes = [
  note('a', {}, { priority: 'urgent' }),
  note('b', { status: 'done' }, { priority: 'urgent' }),
  note('c', { flowId: 'kanzlei' }),
  note('d', { flowId: 'kanzlei', status: 'done' }),
];
const ids = (ns: CallNote[]) => ns.map((n) => n.txId);

describe('inbox filters', () => {
  it('narrows by flow, urgency and status, and combines them', () => {
    expect(ids(applyFilter(notes, NO_FILTER))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(applyFilter(notes, { ...NO_FILTER, urgent: true }))).toEqual(['a', 'b']);
    expect(ids(applyFilter(notes, { ...NO_FILTER, status: 'new' }))).toEqual(['a', 'c']);
    expect(ids(applyFilter(notes, { ...NO_FILTER, status: 'done' }))).toEqual(['b', 'd']);
    expect(ids(applyFilter(notes, { ...NO_FILTER, flow: 'kanzlei' }))).toEqual(['c', 'd']);
    expect(ids(applyFilter(notes, { flow: 'praxis', urgent: true, status: 'new' }))).toEqual(['a']);
  });

  it('calls back the number the caller gave, else the caller ID, else a phone detail, else none', () => {
    const given = { number: '+491711234567', priority: 'normal' as const };
    expect(callbackNumberOf(note('x', {}, { callback: given, callerNumber: '+4930111' }))).toBe(
      '+491711234567',
    );
    expect(callbackNumberOf(note('x', {}, { callerNumber: '+49301112222' }))).toBe('+49301112222');
    const phoneField = { value: '+49401234567', source: 'speech' as const, confirmed: true };
    expect(callbackNumberOf(note('x', {}, { fields: { tel: phoneField } }))).toBe('+49401234567');
    const nameField = { value: 'Anna', source: 'speech' as const, confirmed: true };
    expect(callbackNumberOf(note('x', {}, { fields: { name: nameField } }))).toBeUndefined();
  });
});
