/** The two languages the deterministic parsers understand. */
export type Lang = 'de' | 'en';

/** 'de-DE' → 'de', 'en-GB' → 'en'. Anything that is not English is treated as German (our first language). */
export function langOf(bcp47: string): Lang {
  return bcp47.trim().toLowerCase().startsWith('en') ? 'en' : 'de';
}
