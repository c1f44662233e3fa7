// A text without a single letter („…?", „...", „?") or a starter text the designer put in and
// nobody replaced is a placeholder, not something a caller can understand: it counts as missing,
// like an empty text. Steps are named by their title, facts by their topic.
import { error, pointer, type Diagnostic } from '../../diagnostics';
import { spokenTexts } from '../../format/spoken-texts';
import { isPlaceholderText } from '../../format/starter-texts';
import { propertyWords } from '../property-words';
import type { Rule } from './context';

export const placeholderTexts: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(ctx.nodes)) {
    const step = node.title?.trim() || id;
    for (const { path, text } of spokenTexts(id, node)) {
      if (!isPlaceholderText(text)) continue;
      const what = propertyWords(path.split('/').pop() ?? '');
      out.push(
        error(
          'text.placeholder',
          path,
          `Im Schritt „${step}“ steht bei „${what.de}“ noch ein Platzhalter („${text}“). Bitte schreiben Sie, was gesagt werden soll.`,
          `In step “${step}”, “${what.en}” is still a placeholder (“${text}”). Please write what should be said.`,
        ),
      );
    }
  }
  (ctx.flow.facts ?? []).forEach((fact, i) => {
    if (!isPlaceholderText(fact.answer)) return;
    out.push(
      error(
        'text.placeholder',
        pointer('facts', i, 'answer'),
        `Beim Wissenseintrag „${fact.topic}“ steht noch der Platzhalter „${fact.answer}“. Bitte schreiben Sie die Antwort, die Anrufende hören sollen, in ein, zwei kurzen Sätzen.`,
        `The answer of the fact “${fact.topic}” is still the placeholder “${fact.answer}”. Please write the answer callers should hear, in one or two short sentences.`,
      ),
    );
  });
  return out;
};
