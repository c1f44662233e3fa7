// The wording of the AI notice and the consent question, row by row (German and English): what
// the checker accepts, what it refuses and why. Rule-level behaviour (codes, paths, messages) is
// covered by the last block and by the broken-flow corpus.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Lang } from '../../nlu';
import { loadFlow } from '../load';
import { consentQuestionProblem, saysAutomated, type ConsentQuestionProblem } from './ai-notice-words';

const NOTICES: [Lang, string, boolean][] = [
  ['de', 'Guten Tag, Sie sprechen mit einem automatischen KI-Assistenten.', true],
  ['de', 'Hier spricht ein KI-Assistent.', true],
  ['de', 'Ich bin eine KI; das Gespräch wird nicht aufgezeichnet.', true],
  ['de', 'Sie sind mit dem digitalen Assistenten der Praxis verbunden.', true],
  ['de', 'Hier ist der Sprachassistent der Kanzlei.', true],
  ['de', 'Sie sprechen mit einem Computer.', true],
  ['de', 'Dieses Gespräch führt eine künstliche Intelligenz.', true],
  ['de', 'Ich bin kein Mensch, sondern eine K.I.', true],
  ['de', 'Ein automatisiertes System nimmt Ihr Anliegen auf.', true],
  ['de', 'Herzlich willkommen in der Hausarztpraxis Dr. Beispiel.', false],
  ['de', 'Guten Tag, hier ist die Praxis. Das Gespräch wird nicht aufgezeichnet.', false],
  ['de', 'Sie sprechen nicht mit einer KI.', false],
  ['de', 'Hier spricht kein Computer, sondern das Praxisteam.', false],
  ['de', 'Willkommen beim Computerhaus Meier.', false],
  ['de', 'Guten Tag, Kiosk am Markt.', false],
  ['en', "Hello, you've reached Example Software support. I'm an automated AI assistant.", true],
  ['en', 'This call is answered by an A.I. system.', true],
  ['en', 'You are talking to a virtual assistant.', true],
  ['en', 'Welcome to Example Software support.', false],
  ['en', 'This is not an automated system.', false],
  ['en', "Hi, it's Anna from the front desk.", false],
];

const QUESTIONS: [Lang, string, ConsentQuestionProblem | null][] = [
  ['de', 'Sind Sie einverstanden, dass ich Ihr Anliegen aufnehme?', null],
  ['de', 'Darf ich Ihr Anliegen aufnehmen und an das Praxisteam weitergeben?', null],
  ['de', 'Einverstanden?', null],
  ['de', 'Ich nehme Ihr Anliegen auf. Sind Sie damit einverstanden?', null],
  ['de', 'Stimmen Sie der Aufnahme Ihrer Angaben zu?', null],
  ['de', 'Ist das in Ordnung für Sie?', null],
  ['de', 'Sind Sie einverstanden, {name}?', null],
  ['de', 'Wie geht es Ihnen?', 'open-question'],
  ['de', 'Was kann ich für Sie tun?', 'open-question'],
  ['de', 'Welche Angaben darf ich aufnehmen?', 'open-question'],
  ['de', 'Sind Sie einverstanden.', 'not-a-question'],
  ['de', 'Ich nehme jetzt Ihr Anliegen auf', 'not-a-question'],
  ['de', 'Haben Sie einen Termin?', 'no-agreement'],
  ['de', 'Haben Sie etwas dagegen, dass ich Ihr Anliegen aufnehme?', 'reversed'],
  ['de', 'Sind Sie nicht einverstanden?', 'reversed'],
  ['en', 'May I take down your details so our support team can help you?', null],
  ['en', 'Do you agree?', null],
  ['en', 'Is that okay with you?', null],
  ['en', 'How are you today?', 'open-question'],
  ['en', 'Do you mind if I take your details?', 'reversed'],
  ['en', 'Are you calling about an order?', 'no-agreement'],
];

describe('the AI notice says a machine answers', () => {
  it.each(NOTICES)('%s: %s → %s', (lang, text, ok) => expect(saysAutomated(text, lang)).toBe(ok));
});

describe('the consent question is a yes/no question asking for agreement', () => {
  it.each(QUESTIONS)('%s: %s → %s', (lang, text, problem) =>
    expect(consentQuestionProblem(text, lang)).toBe(problem),
  );
});

describe('the rule', () => {
  const mini = readFileSync(
    new URL('../../../../../test/corpus/valid/mini.flow.json', import.meta.url),
    'utf8',
  );
  const withConsent = (disclosure: string, question: string, language = 'de-DE') => {
    const flow = JSON.parse(mini);
    flow.language = language;
    Object.assign(flow.nodes.begruessung, { disclosure, question });
    return loadFlow(flow);
  };

  it('refuses the review’s hollow greeting and question with errors that say what to add', () => {
    const result = withConsent(
      'Herzlich willkommen in der Hausarztpraxis Dr. Beispiel.',
      'Wie geht es Ihnen?',
    );
    expect(result.ok).toBe(false);
    const found = result.diagnostics.filter((d) => d.code.startsWith('consent.'));
    expect(found.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['consent.disclosure-not-ai', 'error', '/nodes/begruessung/disclosure'],
      ['consent.question-not-agreement', 'error', '/nodes/begruessung/question'],
    ]);
    expect(found[0].message.de).toContain('„Sie sprechen mit einem automatischen KI-Assistenten.“');
    expect(found[1].message.de).toContain('Fragewort');
    expect(found[1].message.en).toContain('“Sind Sie damit einverstanden?”');
  });

  it('checks in the flow’s language: German words do not make an English notice', () => {
    const en = withConsent('Sie sprechen mit einem KI-Assistenten.', 'Einverstanden?', 'en-GB');
    expect(en.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['consent.disclosure-not-ai', 'consent.question-not-agreement']),
    );
    expect(en.diagnostics.find((d) => d.code === 'consent.disclosure-not-ai')?.message.en).toContain(
      '“You are speaking with an automated AI assistant.”',
    );
  });
});
