// The business's facts („Wissen"): answers are spoken, so they must say something and be short
// enough to hear in one go; each fact is found by its keywords, so a keyword in two facts makes
// the match a tie (no fact answers) and a keyword that is also an escape or trigger word is never
// heard as a question (the escape and triggers win).
import { error, pointer, warning, type Diagnostic } from '../../diagnostics';
import { normalize } from '../../nlu/normalize';
import { factKeywords } from '../../answers/match';
import type { Rule } from './context';

/** Longest answer the checker accepts without a warning: about 15 seconds of speech. */
export const SPOKEN_ANSWER_LIMIT = 250;

export const facts: Rule = ({ flow }) => {
  const out: Diagnostic[] = [];
  const list = flow.facts ?? [];
  const ids = new Set<string>();
  const owner = new Map<string, string>();
  for (const k of flow.humanEscape.keywords) owner.set(normalize(k), '„Mensch, bitte“|“human, please”');
  for (const t of flow.triggers)
    for (const k of t.keywords) owner.set(normalize(k), `„${t.label}“|“${t.label}”`);
  list.forEach((fact, i) => {
    if (ids.has(fact.id)) {
      out.push(
        error(
          'facts.duplicate-id',
          pointer('facts', i, 'id'),
          `Zwei Einträge im Wissen heißen „${fact.id}“.`,
          `Two facts are called “${fact.id}”.`,
        ),
      );
    }
    ids.add(fact.id);
    if (normalize(fact.answer) === '') {
      out.push(
        error(
          'facts.empty-answer',
          pointer('facts', i, 'answer'),
          `Die Antwort zu „${fact.topic}“ ist leer: Schreiben Sie, was der Assistent sagen soll.`,
          `The answer about “${fact.topic}” is empty: write what the assistant should say.`,
        ),
      );
    } else if (fact.answer.length > SPOKEN_ANSWER_LIMIT) {
      out.push(
        warning(
          'facts.answer-too-long',
          pointer('facts', i, 'answer'),
          `Die Antwort zu „${fact.topic}“ ist mit ${fact.answer.length} Zeichen zu lang zum Vorlesen (höchstens ${SPOKEN_ANSWER_LIMIT}): ein, zwei kurze Sätze genügen.`,
          `The answer about “${fact.topic}” is too long to be read out (${fact.answer.length} characters, at most ${SPOKEN_ANSWER_LIMIT}): one or two short sentences are enough.`,
        ),
      );
    }
    const seen = new Set<string>();
    for (const keyword of factKeywords(fact)) {
      const k = normalize(keyword);
      if (seen.has(k)) continue;
      seen.add(k);
      const prev = owner.get(k);
      if (prev !== undefined) {
        const [de, en] = prev.includes('|') ? prev.split('|') : [`„${prev}“`, `“${prev}”`];
        out.push(
          warning(
            'facts.duplicate-keyword',
            pointer('facts', i, 'keywords'),
            `Das Stichwort „${keyword}“ gehört schon zu ${de}; bei „${fact.topic}“ ist unklar, was gilt.`,
            `Keyword “${keyword}” already belongs to ${en}; for “${fact.topic}” it is unclear which applies.`,
          ),
        );
      }
      owner.set(k, fact.topic);
    }
  });
  return out;
};
