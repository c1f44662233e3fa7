// "{field}" placeholders in prompts are filled from the details collected so far. A prompt with
// placeholders carries caller data, so it never gets a TTS cache key.
import type { Lang } from '../nlu';
import type { FieldValue } from '../record/schema';
import { PLACEHOLDER } from '../format/placeholders';
import { phrase } from './phrases';

/** Fills placeholders; a detail not (yet) collected reads as "unbekannt" / "unknown". */
export function fillTemplate(text: string, fields: Readonly<Record<string, FieldValue>>, lang: Lang): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (_m, key: string) => {
    const f = fields[key];
    return f === undefined ? phrase('unknownValue', lang) : String(f.value);
  });
}
