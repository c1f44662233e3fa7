// Readable ids from what people typed: „Praxis Dr. Müller“ → `praxis-dr-mueller`. German letters are
// transliterated the German way (ä → ae, ß → ss), other accents dropped; a taken id gets `-2`, `-3`….
const GERMAN: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };

export interface SlugOptions {
  /** Between words: `-` for flow ids, `_` where the examples use it for step ids. */
  separator?: '-' | '_';
  maxLength?: number;
}

/** Lower-case letters, digits and the separator only; "" when the title has none of them. */
export function slugFromTitle(title: string, { separator = '-', maxLength = 64 }: SlugOptions = {}): string {
  const plain = title
    .toLowerCase()
    .replace(/[äöüßẞ]/g, (c) => GERMAN[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const words = plain.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}${separator}${word}` : word;
    if (next.length > maxLength) return slug || word.slice(0, maxLength);
    slug = next;
  }
  return slug;
}

/** `base`, or `base-2`, `base-3`… — the first one not taken, never longer than `maxLength`. */
export function uniqueSlug(
  base: string,
  taken: (id: string) => boolean,
  { separator = '-', maxLength = 64 }: SlugOptions = {},
): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `${separator}${i}`;
    const candidate = base.slice(0, maxLength - suffix.length) + suffix;
    if (!taken(candidate)) return candidate;
  }
}
