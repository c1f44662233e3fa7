import { describe, expect, it } from 'vitest';
import { compiled, baseFlow, drive } from '../interpreter/testing';

const flow = compiled(baseFlow());

describe('consent node', () => {
  it('starts with the AI disclosure, which the caller cannot interrupt, then asks', () => {
    const d = drive(flow, []);
    const says = d.actions.filter((a) => a.type === 'say');
    expect(says.map((s) => s.type === 'say' && s.text)).toEqual([
      'Sie sprechen mit einem KI-Assistenten.',
      'Einverstanden?',
    ]);
    expect(says[0]).toMatchObject({ bargeIn: false });
    expect(d.actions.at(-1)).toMatchObject({ type: 'listen', expect: 'yesno' });
  });

  it.each([
    ['Ja, gerne', 'given', 'fragen'],
    ['ja klar', 'given', 'fragen'],
    ['Nein, lieber nicht', 'refused', 'mensch'],
    ['eher nicht', 'refused', 'mensch'],
  ])('"%s" → consent %s, continues at %s', (answer, consent, node) => {
    const d = drive(flow, [answer]);
    expect(d.state.record.consent).toBe(consent);
    expect(d.state.node).toBe(node);
  });

  it('asks again when unclear, and takes the unclear edge after maxAttempts (default 2)', () => {
    const once = drive(flow, ['Was ist das denn?']);
    expect(once.state.node).toBe('hallo');
    expect(once.lastSaid).toEqual(['Einverstanden?']);
    const twice = drive(flow, ['Was ist das denn?', 'Hm']);
    expect(twice.state.record.consent).toBe('unclear');
    expect(twice.state.path).toEqual(['hallo', 'mensch']);
  });

  it('understands keys: 1 = yes, 2 = no', () => {
    expect(drive(flow, [{ dtmf: '1' }]).state.record.consent).toBe('given');
    expect(drive(flow, [{ dtmf: '2' }]).state.record.consent).toBe('refused');
  });

  it('does not evaluate keyword triggers before consent was given', () => {
    const d = drive(flow, ['Notfall!']);
    expect(d.state.record.flags).toEqual([]);
    expect(d.state.node).toBe('hallo');
  });

  it('evaluates triggers in the very words that give consent', () => {
    const d = drive(flow, ['Ja, bitte, es ist ein Notfall']);
    expect(d.state.record).toMatchObject({ consent: 'given', flags: ['emergency'], priority: 'urgent' });
    expect(d.state.node).toBe('fragen');
  });
});
