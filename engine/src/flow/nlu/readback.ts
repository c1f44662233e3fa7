import type { Lang } from './lang.js';

/**
 * German uses "zwo" for 2 when reading numbers aloud on the phone: "zwei" and "drei" are easily
 * confused on a narrow-band line, which is why telephone operators and the DIN 5009 spelling
 * practice say "zwo". English reads 0 as "zero" (unambiguous for speech synthesis; "oh" is
 * what callers say, not what we need to say).
 */
const DIGITS: Record<Lang, readonly string[]> = {
  de: ['null', 'eins', 'zwo', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
};

/** Long blocks are split the way people dictate them: pairs, with a leading triple for odd lengths. */
function chunk(block: string, areaCode: boolean): string[] {
  if (block.length <= 4 || (areaCode && block.length <= 5)) return [block];
  const out: string[] = [];
  let i = block.length % 2 === 1 ? 3 : 2;
  out.push(block.slice(0, i));
  for (; i < block.length; i += 2) out.push(block.slice(i, i + 2));
  return out;
}

/**
 * Speaks a number in digit groups, for the caller to confirm:
 * "0171 2345678" → "null eins sieben eins – zwo drei vier – fünf sechs – sieben acht".
 * Groups follow the number's own formatting (area code, subscriber number), long blocks are split.
 */
export function readbackPhone(national: string, lang: Lang): string {
  const blocks = national.match(/\+|\d+/g) ?? [];
  const groups: string[] = [];
  blocks.forEach((b, i) => {
    if (b === '+') {
      groups.push('plus');
      return;
    }
    // A national area code such as "07911" or "01511" is said as one group.
    for (const c of chunk(b, i === 0 && b.startsWith('0')))
      groups.push([...c].map((d) => DIGITS[lang][Number(d)]).join(' '));
  });
  // "plus" belongs to the country code that follows it.
  const joined: string[] = [];
  for (const g of groups) {
    if (joined.length > 0 && joined[joined.length - 1] === 'plus') joined[joined.length - 1] = `plus ${g}`;
    else joined.push(g);
  }
  return joined.join(' – ');
}
