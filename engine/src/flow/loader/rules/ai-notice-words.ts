// What the wording of the AI notice and of the consent question must contain, in German and
// English. The checker reads words, not meaning: it proves that the words a caller needs are
// there and not negated, and catches the hollow cases ("Herzlich willkommen in der Praxis.",
// "Wie geht es Ihnen?"). Phrases: space-separated words in normalize()d form (ä → ae, lowercase);
// a trailing "*" lets a word match as a prefix ("automatisch*" → "automatischen").
import { normalize, type Lang } from '../../nlu';

type Phrases = Record<Lang, readonly string[]>;

/**
 * Words that tell the caller a machine answers. Exact words where a prefix would also hit company
 * names ("Computerhaus", "Maschinenbau", "Kiosk"); "Maschine"/"machine" are left out for that reason.
 */
const AI_WORDS: Phrases = {
  de: [
    'ki',
    'k i',
    'kuenstlich* intelligenz',
    'automatisch*',
    'automatisiert*',
    'computer',
    'sprachcomputer',
    'roboter',
    'bot',
    'bots',
    'chatbot*',
    'voicebot*',
    'sprachassistent*',
    'sprachdialogsystem*',
    'virtuell* assisten*',
    'digital* assisten*',
  ],
  en: [
    'ai',
    'a i',
    'artificial intelligence',
    'automated',
    'automatic',
    'computer',
    'robot',
    'bot',
    'bots',
    'chatbot*',
    'voicebot*',
    'voice assistant*',
    'virtual assistant*',
    'digital assistant*',
  ],
};

/** Words that ask for agreement: a "yes" to a question with one of them means "I agree". */
const AGREEMENT_WORDS: Phrases = {
  de: [
    'einverstanden',
    'einverstaendnis',
    'zustimm*',
    'zustimmung',
    'stimmen sie',
    'einwillig*',
    'erlaub*',
    'genehmig*',
    'darf',
    'duerfen',
    'kann ich',
    'koennen wir',
    'soll ich',
    'sollen wir',
    'in ordnung',
    'okay',
    'ok',
    'recht',
  ],
  en: [
    'agree*',
    'consent*',
    'allow*',
    'permission',
    'may i',
    'may we',
    'can i',
    'can we',
    'shall i',
    'shall we',
    'okay',
    'ok',
    'all right',
    'alright',
    'fine with',
    'happy for',
  ],
};

/** Questions where "yes" means "no" ("Haben Sie etwas dagegen?", "Do you mind …?"): consent would be misread. */
const REVERSED_WORDS: Phrases = {
  de: [
    'dagegen',
    'widersprech*',
    'einwand',
    'einwaende',
    'ablehn*',
    'nicht einverstanden',
    'nicht zustimm*',
    'nicht erlaub*',
  ],
  en: [
    'mind',
    'object',
    'objection*',
    'refuse*',
    'oppose*',
    'disagree*',
    'not agree*',
    'dont agree*',
    'not consent*',
    'dont consent*',
    'not ok',
    'not okay',
  ],
};

/** Question words: a question that starts with one cannot be answered with yes or no. */
const QUESTION_WORDS: Phrases = {
  de: [
    'wie',
    'was',
    'wann',
    'wo',
    'wer',
    'wen',
    'wem',
    'wessen',
    'warum',
    'wieso',
    'weshalb',
    'weswegen',
    'welch*',
    'wohin',
    'woher',
    'womit',
    'wozu',
    'worum',
    'wofuer',
    'wodurch',
    'worueber',
  ],
  en: ['how', 'what', 'when', 'where', 'who', 'whom', 'whose', 'why', 'which'],
};

/** Words that negate what follows within a clause: "nicht mit einer KI", "not an automated system". */
const NEGATORS: Phrases = {
  de: ['nicht', 'kein', 'keine', 'keinem', 'keinen', 'keiner', 'nie', 'niemals'],
  en: ['not', 'no', 'never', 'isnt', 'arent', 'wasnt', 'dont', 'doesnt', 'wont', 'nor'],
};
/** How far back a negator reaches: "Sie sprechen nicht mit einer KI" (3 words). */
const NEGATION_REACH = 4;

interface Phrase {
  words: readonly { text: string; prefix: boolean }[];
}

const compiledBooks = new Map<readonly string[], Phrase[]>();

function compile(list: readonly string[]): Phrase[] {
  let out = compiledBooks.get(list);
  if (!out) {
    out = list.map((p) => ({
      words: p.split(' ').map((w) => ({ text: w.replace(/\*$/, ''), prefix: w.endsWith('*') })),
    }));
    compiledBooks.set(list, out);
  }
  return out;
}

/** Start indexes of every occurrence of any phrase of `list` in `ws`. */
function occurrences(ws: readonly string[], list: readonly string[]): number[] {
  const hits: number[] = [];
  for (let i = 0; i < ws.length; i++) {
    const found = compile(list).some((p) =>
      p.words.every((w, k) => {
        const word = ws[i + k];
        return word !== undefined && (w.prefix ? word.startsWith(w.text) : word === w.text);
      }),
    );
    if (found) hits.push(i);
  }
  return hits;
}

/** Clauses of a text, in normalize()d words: split at punctuation (not inside "K.I.") and at "sondern"/"but". */
function clauses(text: string): string[][] {
  return text
    .split(/[.,;:!?…]+(?=\s|$)|[–—()]|\bsondern\b|\bbut\b/i)
    .map((c) => normalize(c))
    .filter((c) => c !== '')
    .map((c) => c.split(' '));
}

const negatedAt = (ws: readonly string[], i: number, lang: Lang): boolean =>
  occurrences(ws.slice(Math.max(0, i - NEGATION_REACH), i), NEGATORS[lang]).length > 0;

/** Does the notice tell the caller, without negating it, that a machine / an AI answers? */
export function saysAutomated(text: string, lang: Lang): boolean {
  return clauses(text).some((ws) => occurrences(ws, AI_WORDS[lang]).some((i) => !negatedAt(ws, i, lang)));
}

export type ConsentQuestionProblem = 'not-a-question' | 'open-question' | 'no-agreement' | 'reversed';

/**
 * What is wrong with a consent question, or null: the last sentence ending in "?" must be a
 * yes/no question (no question word first) asking for agreement, where "yes" means "I agree".
 */
export function consentQuestionProblem(text: string, lang: Lang): ConsentQuestionProblem | null {
  const questions = text.match(/[^.!?]*\?/g);
  if (!questions) return 'not-a-question';
  const ws = normalize(questions[questions.length - 1]).split(' ');
  if (occurrences(ws.slice(0, 1), QUESTION_WORDS[lang]).length > 0) return 'open-question';
  if (occurrences(ws, REVERSED_WORDS[lang]).length > 0) return 'reversed';
  if (occurrences(ws, AGREEMENT_WORDS[lang]).length === 0) return 'no-agreement';
  return null;
}
