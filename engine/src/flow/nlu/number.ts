import type { Lang } from './lang.js';
import { normalize } from './normalize.js';
import { readNumber } from './numberWords.js';

/**
 * Digits written with a thousands separator: German "1.234" / "1.234.567", English "1,234".
 * A decimal comma/point is read as a decimal ("2,5" in German, "2.5" in English).
 */
function numericLiteral(text: string, lang: Lang): number | null {
  const thousands = lang === 'de' ? '.' : ',';
  const decimal = lang === 'de' ? ',' : '.';
  const sep = thousands === '.' ? '\\.' : ',';
  const dec = decimal === '.' ? '\\.' : ',';
  const re = new RegExp(
    `(?:^|[^\\d${sep}${dec}])(-?\\d{1,3}(?:${sep}\\d{3})+|-?\\d+)(?:${dec}(\\d+))?(?![\\d])`,
  );
  const m = re.exec(text);
  if (!m) return null;
  const int = Number(m[1].split(thousands).join(''));
  return m[2] ? Number(`${int}.${m[2]}`) : int;
}

/** "zweiundvierzig Komma fünf", "two point five": decimals read digit by digit. */
function withDecimals(int: number, tokens: readonly string[], at: number, lang: Lang): number {
  if (tokens[at] !== (lang === 'de' ? 'komma' : 'point')) return int;
  let digits = '';
  for (let i = at + 1; i < tokens.length; i++) {
    const d = readNumber(tokens, i, lang);
    if (!d || d.used !== 1 || d.value > 9) break;
    digits += String(d.value);
  }
  return digits ? Number(`${int}.${digits}`) : int;
}

const VAGUE = new Set([
  'ein paar',
  'ein bisschen',
  'eine menge',
  'einer handvoll',
  'eine handvoll',
  'a couple',
  'a few',
  'a lot',
  'a bit',
  'a handful',
]);

/** The first number in `text`, from digits or number words. */
export function parseNumber(text: string, lang: Lang): number | null {
  const literal = numericLiteral(text, lang);
  if (literal !== null) return literal;
  const tokens = normalize(text).split(' ');
  for (let i = 0; i < tokens.length; i++) {
    // "ein paar", "a couple": an article with a vague quantity is no number.
    if (VAGUE.has(`${tokens[i]} ${tokens[i + 1]}`)) return null;
    const n = readNumber(tokens, i, lang);
    if (n) return withDecimals(n.value, tokens, i + n.used, lang);
  }
  return null;
}
