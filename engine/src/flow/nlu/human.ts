import type { Lang } from './lang.js';
import { keywordOccurrences } from './keywords.js';
import { words } from './normalize.js';
import { spotAt, type PhraseBook } from './phrases.js';

/**
 * Does the caller ask for a person? Three kinds of phrases:
 * - requests that ask by themselves ("verbinden Sie mich", "ist jemand da", "kein Roboter");
 * - mentions of a person ("Mitarbeiter", "Rezeption", "the manager") — and every single word of
 *   the flow's own escape words — which ask only as a request: said alone ("Mitarbeiter!",
 *   "einen Menschen bitte") or with a word of asking ("sprechen", "möchte", "bitte", "can I"),
 *   and never as the complement of "ist/bin/war/als" ("Mein Mann ist Mitarbeiter bei Ihnen",
 *   "I'm staff here": a statement, not a request);
 * - blockers that mention a person without asking ("ich bin kein Mensch, der viel redet",
 *   "don't transfer me", "someone else").
 * Limits: an exclamation "Mensch!" counts as a request; a mention with a word of asking that asks
 * for something else ("ich möchte mich über einen Mitarbeiter beschweren") does too.
 */
type Signal = 'request' | 'person' | 'not';

const tag = <S extends Signal>(signal: S, phrases: readonly string[]) =>
  phrases.map((p) => [p, signal] as const);

const BOOK: Record<Lang, PhraseBook<Signal>> = {
  de: [
    ...tag('request', [
      'jemandem sprechen',
      'jemanden sprechen',
      'mit jemandem',
      'verbinden sie mich',
      'verbinden',
      'durchstellen',
      'weiterleiten',
      'persoenlich sprechen',
      'keine maschine',
      'kein roboter',
      'keinem roboter',
      'keinen roboter',
      'keinen computer',
      'ist jemand da',
      'ist da jemand',
      'ist hier jemand',
      'stellen sie mich',
    ]),
    ...tag('person', [
      'mensch',
      'menschen',
      'echte person',
      'echten person',
      'richtige person',
      'richtigen person',
      'echten menschen',
      'mitarbeiter',
      'mitarbeiterin',
      'mitarbeitenden',
      'mitarbeitende',
      'rezeption',
      'empfang',
      'sekretariat',
      'sprechstundenhilfe',
      'mit der praxis',
      'mit dem arzt',
      'mit der aerztin',
      'operator',
      'personal',
      'den chef',
      'die chefin',
    ]),
    ...tag('not', [
      'kein mensch der',
      'keiner der',
      'bin kein mensch',
      'nicht verbinden',
      'nicht weiterleiten',
      'nicht durchstellen',
      'kein mitarbeiter noetig',
      'muss nicht mit',
      'brauche keinen menschen',
      'nicht durch',
      'bin ein mensch',
      'mensch der',
    ]),
  ],
  en: [
    ...tag('request', [
      'transfer me',
      'put me through',
      'connect me',
      'not a robot',
      'no robots',
      'anyone there',
      'anybody there',
      'someone there',
      'somebody there',
    ]),
    ...tag('person', [
      'human',
      'a human',
      'a real human',
      'real person',
      'live person',
      'actual person',
      'a person',
      'operator',
      'representative',
      'rep',
      'agent',
      'someone',
      'somebody',
      'staff',
      'receptionist',
      'customer service',
      'the doctor',
      'front desk',
      'manager',
      'supervisor',
    ]),
    ...tag('not', [
      'dont transfer',
      'do not transfer',
      'dont need a human',
      'dont need to speak',
      'no need to transfer',
      'im a real person',
      'i am a real person',
      'dont connect',
      'do not connect',
      'someone else',
      'somebody else',
    ]),
  ],
};

/** Words of asking: with one of them, a mention of a person is a request. */
const ASKING: Record<Lang, ReadonlySet<string>> = {
  de: new Set([
    'sprechen',
    'reden',
    'bitte',
    'moechte',
    'moechten',
    'will',
    'wollen',
    'wuerde',
    'wuerden',
    'haette',
    'haetten',
    'brauche',
    'brauchen',
    'hol',
    'holen',
    'geben',
    'gib',
    'kann',
    'koennte',
    'koennen',
    'darf',
    'gibt',
  ]),
  en: new Set([
    'speak',
    'talk',
    'want',
    'need',
    'like',
    'please',
    'get',
    'give',
    'can',
    'could',
    'may',
    'let',
  ]),
};

/** Words a bare request may carry besides the person ("äh, einen Menschen, schnell"). */
const BARE: Record<Lang, ReadonlySet<string>> = {
  de: new Set([
    'aeh',
    'aehm',
    'also',
    'hallo',
    'ja',
    'nein',
    'ein',
    'eine',
    'einen',
    'einem',
    'zum',
    'zur',
    'jetzt',
    'sofort',
    'schnell',
    'mal',
    'doch',
    'gern',
    'gerne',
  ]),
  en: new Set([
    'uh',
    'um',
    'erm',
    'hello',
    'yes',
    'no',
    'a',
    'an',
    'the',
    'to',
    'now',
    'just',
    'quick',
    'quickly',
  ]),
};

/** "ist/bin/war … Mitarbeiter", "arbeitet als Empfang…", "is/I'm … staff": the person is said of someone. */
const COPULA: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['ist', 'bin', 'bist', 'sind', 'seid', 'war', 'waren', 'wird', 'werden', 'wurde', 'als']),
  en: new Set(['is', 'am', 'are', 'was', 'were', 'be', 'been', 'as', 'im', 'hes', 'shes', 'theyre', 'were']),
};
/** What may stand between the copula and the person: "ist selbst eine Mitarbeiterin", "is one of your staff". */
const COPULA_GAP: Record<Lang, ReadonlySet<string>> = {
  de: new Set([
    'ein',
    'eine',
    'einer',
    'der',
    'die',
    'das',
    'selbst',
    'auch',
    'hier',
    'dort',
    'da',
    'ihr',
    'ihre',
    'bei',
  ]),
  en: new Set(['a', 'an', 'the', 'one', 'of', 'your', 'also', 'here', 'there', 'member', 'on']),
};

/** A copula opening the turn asks whether someone is there: "Ist hier ein Mensch?", "Is there a human?" */
const ASKS_IF_FIRST: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['ist', 'sind']),
  en: new Set(['is', 'are']),
};

/** Where the copula of a person mention at `from` stands ("ist … Mitarbeiter"), or -1. */
function copulaBefore(ws: readonly string[], from: number, lang: Lang): number {
  for (let i = from - 1; i >= 0 && i >= from - 4; i--) {
    if (COPULA[lang].has(ws[i])) return i;
    if (!COPULA_GAP[lang].has(ws[i])) return -1;
  }
  return -1;
}

/** "Mein Mann ist Mitarbeiter bei Ihnen": the person is said of someone — unless the turn asks it. */
function saidOfSomeone(ws: readonly string[], from: number, lang: Lang): boolean {
  const at = copulaBefore(ws, from, lang);
  return at > 0 || (at === 0 && !ASKS_IF_FIRST[lang].has(ws[0]));
}

/** A mention of a person at `[from, to)` that asks for one. */
function asksFor(ws: readonly string[], from: number, to: number, lang: Lang): boolean {
  if (copulaBefore(ws, from, lang) === 0 && ASKS_IF_FIRST[lang].has(ws[0])) return true;
  if (saidOfSomeone(ws, from, lang)) return false;
  const others = ws.filter((w, i) => (i < from || i >= to) && !BARE[lang].has(w));
  return others.length <= 1 || others.some((w) => ASKING[lang].has(w));
}

/** Does the caller ask to talk to a person? `extraKeywords` are the flow's own words for it. */
export function isHumanRequest(text: string, lang: Lang, extraKeywords: readonly string[] = []): boolean {
  const ws = words(text);
  const found = spotAt(ws, BOOK[lang]);
  if (found.some((s) => s.signal === 'not')) return false;
  if (found.some((s) => s.signal === 'request')) return true;
  if (found.some((s) => s.signal === 'person' && asksFor(ws, s.from, s.to, lang))) return true;
  // The flow's words: a phrase ("Anwalt sprechen") asks by itself; a single word is a mention.
  return extraKeywords.some((keyword) =>
    keywordOccurrences(ws, keyword).some(
      ([from, to]) => (to - from > 1 && !saidOfSomeone(ws, from, lang)) || asksFor(ws, from, to, lang),
    ),
  );
}
