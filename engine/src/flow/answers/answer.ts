// The deterministic answer: the tenant's facts first (their words are the business's own), then
// the opening hours from the settings and the call's clock. No model, no I/O: this path runs
// before consent too, and in the designer's test chat.
import type { Flow } from '../format/schema';
import type { Lang } from '../nlu';
import { hoursFacts } from './hours-facts';
import { answerHoursQuestion } from './hours-question';
import { matchFact } from './match';
import type { DeterministicAnswer, KnownFact } from './types';

/** Every fact of the flow at the moment `at`: the tenant's, then those derived from the settings. */
export function knownFacts(flow: Flow, at: number, lang: Lang): KnownFact[] {
  const own = (flow.facts ?? []).map(({ id, topic, answer }) => ({ id, topic, answer }));
  return [...own, ...hoursFacts(flow.settings.businessHours, at, lang)];
}

export function answerFromFacts(flow: Flow, question: string, at: number, lang: Lang): DeterministicAnswer {
  const fact = matchFact(question, flow.facts ?? []);
  if (fact) return { kind: 'answered', factIds: [fact.id], text: fact.answer };
  const hours = answerHoursQuestion(flow.settings.businessHours, question, at, lang);
  if (hours) return { kind: 'answered', ...hours };
  return { kind: 'unmatched' };
}
