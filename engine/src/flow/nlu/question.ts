/**
 * Is a caller turn a question to the business rather than an answer to what the bot asked?
 * German and English, by the form of the sentence — the words alone are not enough: "Wann" is a
 * surname, "wie gesagt, Müller" and "wann immer Sie wollen" are answers, and "wie bitte?" asks
 * the bot to repeat, not the business to answer. A question is
 * - a question word followed by a verb ("Wann haben Sie …", "Bis wann sind Sie …", "What time
 *   do you …", "Was kostet …"), not by a subject (a subordinate clause: "warum ich anrufe");
 * - a verb first, followed by its subject ("Haben Sie morgen auf", "Muss ich die Karte
 *   mitbringen", "Do you have parking") — not a statement with the verb first ("Hab ich doch
 *   gesagt", "Kann ich machen");
 * - a lead-in that announces one ("ich wollte fragen, …", "können Sie mir sagen …", "quick
 *   question: …") with the question after it;
 * - or three words and more ending in "?" (typed, or punctuated by the recogniser). Shorter
 *   turns with "?" ("Wann?", "Müller?") are left to the step: a name said unsure is still a name.
 */
import type { Lang } from './lang.js';
import { normalize } from './normalize.js';

interface Grammar {
  /** Words that may open a turn without meaning anything. */
  fillers: ReadonlySet<string>;
  questionWords: ReadonlySet<string>;
  /** A question word that needs a second one: "bis wann", "ab wann", "how long". */
  pairs: ReadonlySet<string>;
  /** Verbs that open a yes/no question or follow a question word. */
  verbs: ReadonlySet<string>;
  /** Subjects after a verb-first question. */
  subjects: ReadonlySet<string>;
  /** After a question word, these make it a question too ("wie lange", "how much"). */
  measures: ReadonlySet<string>;
  /** Words that make a verb-first turn a statement ("hab ich doch gesagt"). */
  statementParticles: ReadonlySet<string>;
  /** Turn openings that are answers or requests to repeat, never questions to the business. */
  notQuestions: readonly string[];
  /** „Ich wollte fragen, …": a question follows, whatever its form. */
  leadIns: readonly string[];
  /** „Eine Frage: …": only announces one — „eine Frage zur Rechnung" names a topic, it asks nothing. */
  announcements: readonly string[];
}

const set = (text: string): ReadonlySet<string> => new Set(text.split(' '));

const DE: Grammar = {
  fillers: set('aeh aehm oeh hm aehh also und ja ok okay hallo entschuldigung mal noch so gut'),
  questionWords: set(
    'wann wo wie was warum wieso weshalb welche welcher welches welchen welchem wer wen wem woher wohin womit wofuer wozu worauf wodurch wieviel wieviele',
  ),
  pairs: set('bis ab seit um'),
  verbs: set(
    'haben hat habe hab hast sind ist bin bist seid kann kannst koennen koennte koennten muss musst muessen soll sollte sollen sollten darf duerfen gibt gebe geben braucht brauche brauchen brauch wird werden macht machen mache nehmen nimmt nehme bekomme bekommt bekommen bieten bietet oeffnen oeffnet schliessen schliesst akzeptieren akzeptiert rufen ruft kommt komme kommen geht gehen gilt kostet kosten kostest dauert dauern funktioniert laeuft erreicht erreiche erreichen parke parken parkt liegt liegen findet finde finden haette haetten waere waeren wuerde wuerden passiert bringe bringen mitbringen zahle zahlen zahlt behandeln behandelt nimmt melde melden meldet faengt beginnt endet hoert stellt stellen schickt schicken sprechen spricht arbeitet arbeiten',
  ),
  subjects: set(
    'sie ich man es ihr wir er die der das den dem mein meine meinen meinem meiner ihre ihren ihrem eine ein einen einem jemand da dort hier',
  ),
  measures: set('lange viel viele spaet frueh oft teuer weit schnell bald lang'),
  statementParticles: set('doch schon ja nicht selbst gerade leider auch egal gut gern gerne'),
  notQuestions: [
    'wie bitte',
    'wie gesagt',
    'wie immer',
    'wie schon gesagt',
    'wann immer',
    'was auch immer',
    'wo auch immer',
    'wie auch immer',
    'wie waere es',
    'wie waers',
    'was ich sagen wollte',
    // Asking the bot what it meant is no question to the business: the step asks again.
    'was meinen sie',
    'wie meinen sie',
    'was heisst das',
    'was bedeutet das',
    'was ist das',
    'wie war das',
  ],
  leadIns: [
    'ich wollte fragen',
    'ich wollte mal fragen',
    'ich wollte nur fragen',
    'ich wollte kurz fragen',
    'ich moechte fragen',
    'ich moechte gern wissen',
    'ich moechte wissen',
    'ich wuerde gern wissen',
    'ich wuerde gerne wissen',
    'darf ich fragen',
    'koennen sie mir sagen',
    'koennten sie mir sagen',
    'wissen sie',
    'sagen sie mal',
    'mich wuerde interessieren',
  ],
  announcements: [
    'ich haette eine frage',
    'ich haette da eine frage',
    'ich hab eine frage',
    'ich habe eine frage',
    'ich habe mal eine frage',
    'eine frage noch',
    'noch eine frage',
    'eine frage',
    'kurze frage',
  ],
};

const EN: Grammar = {
  fillers: set('uh um erm hm so well ok okay yes yeah hi hello sorry oh and also just'),
  questionWords: set('when where how what why which who whom whose whats wheres whens hows whos'),
  pairs: set('until till from since'),
  verbs: set(
    'do does did is are was were can could will would should shall may might must have has am need needs open close',
  ),
  subjects: set('you i we it there they the my your he she this that anyone someone a an'),
  measures: set('long much many late early often far soon time day days'),
  statementParticles: set('not never already'),
  notQuestions: [
    'how about',
    'what about',
    'whatever',
    'whenever',
    'what was that',
    'come again',
    'say that again',
    'sorry what',
    'as i said',
    'what do you mean',
    'what does that mean',
    'what is this',
    'whats that',
  ],
  leadIns: [
    'i wanted to ask',
    'i want to ask',
    'id like to ask',
    'i would like to ask',
    'can you tell me',
    'could you tell me',
    'do you know',
    'i was wondering',
    'id like to know',
    'i would like to know',
  ],
  announcements: [
    'i have a question',
    'ive got a question',
    'quick question',
    'one question',
    'one more question',
  ],
};

const GRAMMARS: Record<Lang, Grammar> = { de: DE, en: EN };

function startsWith(ws: readonly string[], phrase: string): boolean {
  const p = phrase.split(' ');
  return p.length <= ws.length && p.every((w, i) => ws[i] === w);
}

/** A word that looks like a finite verb when a subject follows ("Wann rufen Sie", "When opens the …"). */
const verbLike = (w: string, g: Grammar): boolean =>
  g.verbs.has(w) || (g === DE && w.length > 3 && /(en|t)$/.test(w));

function whQuestion(ws: readonly string[], g: Grammar): boolean {
  let i = 0;
  if (g.pairs.has(ws[0]) && g.questionWords.has(ws[1])) i = 1;
  if (!g.questionWords.has(ws[i])) return false;
  const next = ws[i + 1];
  if (next === undefined) return false;
  if (g.measures.has(next) || g.verbs.has(next)) return true;
  // "Wann rufen Sie mich zurück": a verb the list does not know, recognised by its subject.
  return verbLike(next, g) && g.subjects.has(ws[i + 2] ?? '');
}

function verbFirstQuestion(ws: readonly string[], g: Grammar, marked: boolean): boolean {
  if (!g.verbs.has(ws[0]) || !g.subjects.has(ws[1] ?? '')) return false;
  if (marked) return true;
  if (ws.slice(2, 4).some((w) => g.statementParticles.has(w))) return false;
  // "Kann ich machen", "Muss ich nachschauen": with "ich", short turns are statements.
  return ws[1] !== 'ich' || ws.length >= 4;
}

/** Does the caller ask something (rather than answer)? See the rules at the top of this file. */
export function isQuestion(text: string, lang: Lang): boolean {
  const g = GRAMMARS[lang];
  const marked = /\?\s*$/.test(text);
  let ws = normalize(text).split(' ').filter(Boolean);
  while (ws.length > 0 && g.fillers.has(ws[0]) && !g.verbs.has(ws[0])) ws = ws.slice(1);
  if (ws.length < 2) return false;
  if (g.notQuestions.some((p) => startsWith(ws, p))) return false;
  const leadIn = g.leadIns.find((p) => startsWith(ws, p));
  if (leadIn) return ws.length - leadIn.split(' ').length >= 2;
  const announced = g.announcements.find((p) => startsWith(ws, p));
  if (announced) {
    const rest = ws.slice(announced.split(' ').length);
    return rest.length >= 2 && asks(rest, g, marked);
  }
  return asks(ws, g, marked);
}

function asks(ws: readonly string[], g: Grammar, marked: boolean): boolean {
  if (whQuestion(ws, g) || verbFirstQuestion(ws, g, marked)) return true;
  return marked && ws.length >= 3;
}
