// Questions at waiting steps, in the interpreter: answered from the facts and the hours, then the
// step asks again; never a field value; the model only after consent, where the flow allows it
// and the turn is not confidential; its reply only when grounded; the rest noted for the team.
import { describe, expect, it } from 'vitest';
import type { Flow } from '../format/schema';
import { compiled, baseFlow, delivered, drive, type TestInput } from './testing';

const PARKEN = {
  id: 'parken',
  topic: 'Parken',
  answer: 'Parkplätze gibt es im Hof.',
  keywords: ['parken', 'Parkplatz'],
};

function flow(change: (f: Flow) => void = () => {}) {
  const f = baseFlow();
  f.facts = [PARKEN];
  change(f);
  return compiled(f);
}
const withModel = (f: Flow) => {
  f.settings.providers.understanding = 'openai';
};
const answers = (d: ReturnType<typeof drive>) => d.actions.filter((a) => a.type === 'answer');

describe('a question at a waiting step', () => {
  it('is answered from a fact, then the step asks again; the question fills nothing', () => {
    const d = drive(flow(), ['ja', 'Wo kann ich bei Ihnen parken?']);
    expect(d.lastSaid).toEqual(['Parkplätze gibt es im Hof.', 'Wie heißen Sie?']);
    expect(d.state.node).toBe('fragen');
    expect(d.state.record.fields).toEqual({});
    expect(d.last.find((a) => a.type === 'say')).toMatchObject({ factIds: ['parken'] });
  });

  it('about the hours is answered from the settings and the call clock', () => {
    const d = drive(flow(), ['ja', 'Haben Sie morgen auf?']);
    expect(d.lastSaid).toEqual([
      'Morgen, Dienstag, 3. März, haben wir von 8 bis 18 Uhr geöffnet.',
      'Wie heißen Sie?',
    ]);
  });

  it('before consent: answered, nothing noted, then the consent question again', () => {
    const d = drive(flow(withModel), ['Wo kann ich parken?', 'Was kostet das?']);
    expect(d.said.slice(-4)).toEqual([
      'Parkplätze gibt es im Hof.',
      'Einverstanden?',
      'Das kann ich Ihnen leider nicht sicher beantworten.',
      'Einverstanden?',
    ]);
    expect(answers(d)).toEqual([]); // nothing leaves the server before consent
    expect(d.state.record.consent).toBe('not-asked');
    expect(d.state.record.questions).toBeUndefined();
    expect(d.state.attempts).toBe(0); // a question is no failed answer
  });

  it('a request for a human wins over answering', () => {
    const d = drive(flow(), ['ja', 'Kann ich bitte mit einem Menschen sprechen?']);
    expect(d.state.node).toBe('mensch');
  });

  it('not covered, without a model: the fallback, and the question is noted for the team', () => {
    const d = drive(flow(), ['ja', 'Was kostet eine Impfung?', 'Anna Schmidt', { hangup: true }]);
    expect(d.said).toContain(
      'Das kann ich Ihnen leider nicht sicher beantworten. Ich notiere Ihre Frage für das Team.',
    );
    const note = delivered(d);
    expect(note?.type === 'deliver' && note.record.questions).toEqual(['Was kostet eine Impfung?']);
    expect(note?.type === 'deliver' && note.record.fields.name.value).toBe('Anna Schmidt');
  });

  it('a question without consent never reaches the note', () => {
    const d = drive(flow(), ['Was kostet eine Impfung?', 'nein', { handoff: 'busy' }]);
    const note = delivered(d);
    expect(note?.type === 'deliver' && note.record).not.toHaveProperty('questions');
  });
});

describe('the model path', () => {
  const ask = (...more: TestInput[]) => drive(flow(withModel), ['ja', 'Was kostet eine Impfung?', ...more]);

  it('sends only the question turn and the facts, and waits', () => {
    const d = ask();
    const [action] = answers(d);
    expect(action).toMatchObject({ type: 'answer', question: 'Was kostet eine Impfung?', language: 'de-DE' });
    expect(action?.type === 'answer' && action.facts.map((f) => f.id)).toEqual([
      'parken',
      'hours.weekly',
      'hours.now',
      'hours.today',
      'hours.tomorrow',
    ]);
    expect(d.lastSaid).toEqual([]);
    expect(d.state.phase).toBe('answer');
  });

  it('a grounded answer is said, then the step asks again', () => {
    const d = ask({
      answered: { factIds: ['parken'], text: 'Dazu weiß ich nur: Parkplätze gibt es im Hof.' },
    });
    expect(d.lastSaid).toEqual(['Dazu weiß ich nur: Parkplätze gibt es im Hof.', 'Wie heißen Sie?']);
    expect(d.state.phase).toBe('ask');
    expect(d.state.record.questions).toBeUndefined();
  });

  it.each([
    ['no fact cited', { factIds: [], text: 'Eine Impfung kostet 30 Euro.' }],
    ['an unknown fact id', { factIds: ['preise'], text: 'Das kostet wenig.' }],
    ['a number not in the facts', { factIds: ['parken'], text: 'Eine Impfung kostet 30 Euro.' }],
    ['an error', { error: 'timeout' }],
  ])('%s → the fallback, the question noted', (_case, answered) => {
    const d = ask({ answered });
    expect(d.lastSaid).toEqual([
      'Das kann ich Ihnen leider nicht sicher beantworten. Ich notiere Ihre Frage für das Team.',
      'Wie heißen Sie?',
    ]);
    expect(d.state.record.questions).toEqual(['Was kostet eine Impfung?']);
  });

  it('a late reply after the caller spoke again is ignored; the newer words win', () => {
    const d = drive(flow(withModel), ['ja', 'Was kostet eine Impfung?']);
    const [action] = answers(d);
    const later = drive(flow(withModel), [
      'ja',
      'Was kostet eine Impfung?',
      'Anna Schmidt',
      {
        answered: { factIds: ['parken'], text: 'Im Hof.' },
        requestId: action?.type === 'answer' ? action.requestId : '',
      },
    ]);
    expect(later.state.record.fields.name?.value).toBe('Anna Schmidt');
    expect(later.said).not.toContain('Im Hof.');
  });

  it('off under professional secrecy or with special categories, unless switched on', () => {
    const secret = drive(
      flow((f) => (withModel(f), (f.settings.professionalSecrecy = true))),
      ['ja', 'Was kostet eine Impfung?'],
    );
    expect(answers(secret)).toEqual([]);
    const health = drive(
      flow((f) => (withModel(f), (f.settings.dataCategories = ['health']))),
      ['ja', 'Was kostet eine Impfung?'],
    );
    expect(answers(health)).toEqual([]);
    const on = drive(
      flow((f) => {
        withModel(f);
        f.settings.dataCategories = ['health'];
        f.settings.answers = { model: true };
      }),
      ['ja', 'Was kostet eine Impfung?'],
    );
    expect(answers(on)).toHaveLength(1);
    const off = drive(
      flow((f) => (withModel(f), (f.settings.answers = { model: false }))),
      ['ja', 'Was kostet eine Impfung?'],
    );
    expect(answers(off)).toEqual([]);
  });

  it('never reads a turn taken at a confidential detail', () => {
    for (const confidential of [{ sensitive: true }, { llm: false }]) {
      const d = drive(
        flow((f) => {
          withModel(f);
          f.settings.dataCategories = ['health'];
          f.settings.answers = { model: true };
          const node = f.nodes.fragen;
          if (node.kind === 'intake') Object.assign(node.fields[0], confidential);
        }),
        ['ja', 'Was kostet eine Impfung?'],
      );
      expect(answers(d)).toEqual([]);
      expect(d.state.record.questions).toEqual(['Was kostet eine Impfung?']);
    }
  });
});

describe('at the concern', () => {
  it('a question no fact answers is the concern itself', () => {
    const d = drive(
      flow((f) => {
        f.nodes.fragen = {
          kind: 'intake',
          fields: [
            { key: 'anliegen', label: 'Anliegen', type: 'text', role: 'concern', prompt: 'Worum geht es?' },
          ],
          next: 'tschuess',
        };
      }),
      ['ja', 'Machen Sie auch Hausbesuche?'],
    );
    expect(d.state.record.concern).toBe('Machen Sie auch Hausbesuche?');
    expect(d.state.record.questions).toBeUndefined();
  });
});
