// `{key}` placeholders in spoken text: filled from the collected details when the text is
// spoken. One definition for the interpreter (a prompt with placeholders carries caller data and
// is never cached), the linter (placeholders must name asked details) and the processing record
// (which details reach the voice provider).

/** A `{key}` placeholder. */
export const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g;
const ANY_PLACEHOLDER = new RegExp(PLACEHOLDER.source);

export function hasPlaceholders(text: string): boolean {
  return text.includes('{') && ANY_PLACEHOLDER.test(text);
}

/** The keys named by placeholders, in order of appearance (repeats included). */
export function placeholderKeys(text: string): string[] {
  return text.includes('{') ? Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]) : [];
}
