// The wording of "greeting & consent" (AI Act Art. 50, R11): an empty text is refused by the
// schema, but a notice that never says a machine answers, or a consent question that cannot be
// answered with an agreeing "yes", would hollow out the promise just as well. Checked in the
// flow's language, with the word lists of ai-notice-words.ts.
import { error, pointer, type Diagnostic } from '../../diagnostics';
import { langOf, type Lang } from '../../nlu';
import { consentQuestionProblem, saysAutomated, type ConsentQuestionProblem } from './ai-notice-words';
import type { Rule } from './context';

/** A sentence the tenant can copy, in the flow's language. */
const EXAMPLE: Record<Lang, { notice: string; question: string }> = {
  de: {
    notice: 'Sie sprechen mit einem automatischen KI-Assistenten.',
    question: 'Sind Sie damit einverstanden?',
  },
  en: { notice: 'You are speaking with an automated AI assistant.', question: 'Do you agree?' },
};

const WHY: Record<ConsentQuestionProblem, { de: string; en: string }> = {
  'not-a-question': {
    de: 'ist keine Frage (es fehlt das Fragezeichen)',
    en: 'is not a question (the question mark is missing)',
  },
  'open-question': {
    de: 'lässt sich nicht mit Ja oder Nein beantworten (sie beginnt mit einem Fragewort)',
    en: 'cannot be answered with yes or no (it starts with a question word)',
  },
  'no-agreement': {
    de: 'fragt nicht nach der Zustimmung des Anrufenden',
    en: "does not ask for the caller's agreement",
  },
  reversed: {
    de: 'dreht die Antwort um: Ein „Ja“ hieße hier Ablehnung',
    en: 'reverses the answer: a “yes” would mean refusal here',
  },
};

export const aiNotice: Rule = ({ flow, nodes }) => {
  const lang = langOf(flow.language);
  const example = EXAMPLE[lang];
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(nodes)) {
    if (node.kind !== 'consent') continue;
    if (!saysAutomated(node.disclosure, lang)) {
      out.push(
        error(
          'consent.disclosure-not-ai',
          pointer('nodes', id, 'disclosure'),
          `Der KI-Hinweis von „${id}“ sagt nicht, dass der Anrufende mit einem automatischen KI-Assistenten spricht (Pflicht nach Art. 50 KI-Verordnung). Bitte ergänzen Sie einen Satz wie „${example.notice}“`,
          `The AI notice of “${id}” does not say that the caller is talking to an automated AI assistant (required by Art. 50 of the AI Act). Please add a sentence such as “${example.notice}”`,
        ),
      );
    }
    const problem = consentQuestionProblem(node.question, lang);
    if (problem !== null) {
      out.push(
        error(
          'consent.question-not-agreement',
          pointer('nodes', id, 'question'),
          `Die Einwilligungsfrage von „${id}“ ${WHY[problem].de}. Sie muss mit Ja oder Nein zu beantworten sein und nach der Zustimmung fragen, z. B. „${example.question}“`,
          `The consent question of “${id}” ${WHY[problem].en}. It must be answerable with yes or no and ask for agreement, e.g. “${example.question}”`,
        ),
      );
    }
  }
  return out;
};
