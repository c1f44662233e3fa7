// A text without a single letter („…?", „...", „?") is a placeholder, not something a caller can
// understand: it counts as missing, like an empty text. Steps are named by their title.
import { error, type Diagnostic } from '../../diagnostics';
import { spokenTexts } from '../../format/spoken-texts';
import { propertyWords } from '../property-words';
import type { Rule } from './context';

const HAS_WORDS = /[\p{L}\p{N}]/u;

export const placeholderTexts: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(ctx.nodes)) {
    const step = node.title?.trim() || id;
    for (const { path, text } of spokenTexts(id, node)) {
      if (HAS_WORDS.test(text)) continue;
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
  return out;
};
