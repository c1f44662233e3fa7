import type { Lang } from './lang.js';
import { normalize } from './normalize.js';

const SPOKEN: Record<string, string> = {
  at: '@', klammeraffe: '@', aet: '@', punkt: '.', dot: '.', underscore: '_', unterstrich: '_',
  minus: '-', bindestrich: '-', dash: '-', hyphen: '-', strich: '-',
};

/** An email address spoken aloud ("anna punkt mueller at beispiel punkt de") or typed. */
export function parseEmail(text: string, _lang: Lang): string | null {
  const typed = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text);
  if (typed) return typed[0].toLowerCase();
  const tokens = normalize(text).split(' ').map((w) => SPOKEN[w] ?? w);
  const at = tokens.indexOf('@');
  if (at <= 0) return null;
  const joined = tokens.join('');
  const m = /[a-z0-9._+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/.exec(joined);
  return m ? m[0] : null;
}
