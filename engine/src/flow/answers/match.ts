// Which tenant fact a question is about: the fact whose keywords (and topic) occur in the
// question, matched like every other keyword in a flow (nlu/keywords: word starts, umlaut
// spelling, endings; a negated mention does not count). "With certainty" means one fact wins:
// more matched keyword words than any other. A tie is no match — the model (if allowed) or the
// fallback decides, never a guess between two answers.
import type { Fact } from '../format/schema';
import { keywordMatchLength } from '../nlu/keywords';
import { words } from '../nlu/normalize';

/** Keywords of a fact: its own, and its topic (a topic is what callers say, too: „Parken"). */
export const factKeywords = (fact: Fact): readonly string[] => [...(fact.keywords ?? []), fact.topic];

function score(textWords: readonly string[], fact: Fact): number {
  let total = 0;
  for (const keyword of factKeywords(fact)) total += keywordMatchLength(textWords, keyword);
  return total;
}

/** The one fact the question is about, or null (none, or a tie). */
export function matchFact(question: string, facts: readonly Fact[]): Fact | null {
  const textWords = words(question);
  let best: Fact | null = null;
  let bestScore = 0;
  let tie = false;
  for (const fact of facts) {
    const s = score(textWords, fact);
    if (s > bestScore) {
      best = fact;
      bestScore = s;
      tie = false;
    } else if (s > 0 && s === bestScore) tie = true;
  }
  return tie ? null : best;
}
