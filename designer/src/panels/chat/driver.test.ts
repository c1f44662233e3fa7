import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../../../engine/src/flow/index';
import type { CompiledFlow } from '../../../../engine/src/flow/compiled';
import { handoffEvent, localEngine, type LocalSession } from './driver';

function compiled(name: string): CompiledFlow {
  const r = loadFlow(JSON.parse(readFileSync(join(__dirname, '../../../../flows', name), 'utf8')));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message.en).join('; '));
  return r.compiled;
}

// Wednesday 10:00 in Berlin: the doctor's office is open.
const NOW = Date.parse('2026-11-25T09:00:00Z');
const say = (s: LocalSession, text: string, dt = 1000) =>
  localEngine.send(s, { type: 'utterance', at: NOW + dt, text, final: true });

describe('test call driver (interpreter in the browser)', () => {
  it('starts with the AI notice and the consent question, and highlights the consent step', () => {
    const s = localEngine.begin(compiled('arztpraxis.flow.json'), NOW);
    expect(s.lines[0].who).toBe('bot');
    expect(s.lines[0].text).toMatch(/KI-Assistent/);
    expect(s.node).toBe('begruessung');
    expect(s.ended).toBe(false);
  });

  it('runs consent → questions → emergency keyword → transfer → call note flagged urgent', () => {
    let s = localEngine.begin(compiled('arztpraxis.flow.json'), NOW);
    for (const answer of ['Ja', 'Erika Mustermann', '12.03.1980', 'ja']) s = say(s, answer);
    expect(s.lines.filter((l) => l.who === 'caller')).toHaveLength(4);
    s = say(s, 'Ich habe Schmerzen in der Brust');
    expect(s.transfer).toBe('empfang');
    s = localEngine.send(s, handoffEvent('no-answer', NOW + 2000));
    // Nobody answered: the urgent callback secures a number first (a test call has no caller ID).
    expect(s.ended).toBe(false);
    expect(s.lines.at(-1)?.text).toMatch(/Unter welcher Telefonnummer/);
    for (const answer of ['0171 1234567', 'ja']) s = say(s, answer);
    expect(s.ended).toBe(true);
    expect(s.record).toMatchObject({
      test: true,
      consent: 'given',
      flags: ['emergency'],
      priority: 'urgent',
      callback: { number: '+491711234567', priority: 'urgent' },
      fields: { name: { value: 'Erika Mustermann' }, geburtsdatum: { value: '1980-03-12', confirmed: true } },
    });
    // After the call is over, nothing the tester does changes the note.
    expect(say(s, 'Hallo?')).toBe(s);
  });

  it('a refused consent leads to staff, and nothing is collected', () => {
    let s = localEngine.begin(compiled('arztpraxis.flow.json'), NOW);
    s = say(s, 'Nein');
    expect(s.transfer).toBe('empfang');
    s = localEngine.send(s, handoffEvent('answered', NOW + 2000));
    expect(s.record?.consent).toBe('refused');
    expect(s.record?.fields).toEqual({});
  });

  it('silence and keypad are events too: key 0 reaches a human at any time', () => {
    let s = localEngine.begin(compiled('kanzlei.flow.json'), NOW);
    s = localEngine.send(s, { type: 'silence', at: NOW + 8000 });
    const silence = s.lines.findIndex((l) => l.who === 'caller' && l.text === '…');
    expect(silence).toBeGreaterThan(0);
    expect(s.lines.slice(silence + 1).some((l) => l.who === 'bot')).toBe(true);
    s = localEngine.send(s, { type: 'dtmf', at: NOW + 9000, digit: '0' });
    expect(s.transfer).not.toBeNull();
  });
});
