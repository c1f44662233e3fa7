// A tiny, deterministic stand-in for an LLM's extraction: picks values that are obvious from the
// words (a phone number, an e-mail, "mein Name ist …", "ja"/"nein", a number, a named choice).
// Used by the in-process fake extractor and the fake OpenAI server so tests and load runs get
// plausible answers. It is not the product's understanding — that is engine/src/flow/nlu.
import type { ExtractedValue, ExtractionField } from '../../ports/extractor.js';

const PHONE = /(\+|\b0)\d[\d\s/-]{4,}\d/;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const NAME =
  /(?:mein name ist|ich hei(?:ß|ss)e|hier (?:ist|spricht)|my name is|this is)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)/iu;
const NUMBER = /(?<![\d+])-?\d{1,6}(?:[.,]\d+)?(?!\d)/;
const YES = /\b(ja|jawohl|gerne|genau|richtig|yes|yeah|sure|correct)\b/i;
const NO = /\b(nein|nee|no|nope)\b/i;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const CLOCK = /\b([01]?\d|2[0-3]):[0-5]\d\b/;

export function obviousValues(
  fields: readonly ExtractionField[],
  text: string,
): Record<string, ExtractedValue> {
  return Object.fromEntries(fields.map((f) => [f.key, obviousValue(f, text)]));
}

export function obviousValue(field: ExtractionField, text: string): ExtractedValue {
  switch (field.type) {
    case 'phone':
      return match(PHONE, text)?.replace(/[\s/-]/g, '') ?? null;
    case 'email':
      return match(EMAIL, text)?.toLowerCase() ?? null;
    case 'name':
      return NAME.exec(text)?.[1] ?? null;
    case 'number': {
      // Digits of a phone number are not "a number" the caller meant.
      const found = match(NUMBER, text.replace(PHONE, ' '));
      return found === undefined ? null : Number(found.replace(',', '.'));
    }
    case 'yesno':
      // "nein" wins over "ja" in "ja, nein" hesitations: a wrong yes is worse than a reprompt.
      return NO.test(text) ? false : YES.test(text) ? true : null;
    case 'choice': {
      const lower = text.toLowerCase();
      const hit = field.choices?.find(
        (c) => lower.includes(c.value.toLowerCase()) || lower.includes(c.label.toLowerCase()),
      );
      return hit?.value ?? null;
    }
    case 'date':
      return match(ISO_DATE, text) ?? null;
    case 'time':
      return match(CLOCK, text) ?? null;
    case 'datetime': {
      const date = match(ISO_DATE, text);
      const time = match(CLOCK, text);
      return date && time ? `${date}T${time.padStart(5, '0')}` : null;
    }
    case 'text': {
      const trimmed = text.trim();
      return trimmed.length > 0 ? trimmed : null;
    }
  }
}

function match(pattern: RegExp, text: string): string | undefined {
  return pattern.exec(text)?.[0];
}
