import { describe, expect, it } from 'vitest';
import { drive, flowWith, MONDAY_9, SATURDAY_10 } from '../interpreter/testing';

describe('hours node', () => {
  const flow = flowWith({
    fragen: { kind: 'hours', next: { open: 'offen', closed: 'zu' } },
    offen: { kind: 'say', text: 'Geöffnet.', next: 'tschuess' },
    zu: { kind: 'say', text: 'Geschlossen.', next: 'tschuess' },
  });

  it('decides by the time of the event that led there, not a clock', () => {
    expect(drive(flow, ['ja'], { startedAt: MONDAY_9 }).said).toContain('Geöffnet.');
    expect(drive(flow, ['ja'], { startedAt: SATURDAY_10 }).said).toContain('Geschlossen.');
  });
});
