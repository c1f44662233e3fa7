// Text output of a semantic diff, for pull requests and terminals: one line per change, with long
// texts (prompts) shown before and after on their own lines.
import type { FlowChange } from './types';
import { isLongText } from './words';

export type Lang = 'de' | 'en';

const quote = (v: unknown): string => JSON.stringify(v);

export function renderDiffText(changes: readonly FlowChange[], lang: Lang): string {
  if (changes.length === 0) {
    return lang === 'de' ? 'Keine inhaltlichen Änderungen.\n' : 'No changes to the call flow.\n';
  }
  const lines: string[] = [];
  for (const change of changes) {
    lines.push(`- ${change.message[lang]}`);
    if (isLongText(change.before) || isLongText(change.after)) {
      const [was, now] = lang === 'de' ? ['vorher', 'jetzt'] : ['before', 'after'];
      if (change.before !== undefined) lines.push(`    ${was}: ${quote(change.before)}`);
      if (change.after !== undefined) lines.push(`    ${now}: ${quote(change.after)}`);
    }
  }
  return lines.join('\n') + '\n';
}
