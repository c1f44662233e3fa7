// May the language model answer a question in this flow, and may it read this turn?
// The model is a sub-processor (OpenAI, answer generation): it is off by default where every
// detail is confidential — professional secrecy (§ 203 StGB) or special categories of data — and
// the tenant can switch it on or off explicitly (`settings.answers.model`). It never reads a turn
// taken before consent, nor one taken at a detail that is sensitive or not readable by the model.
import type { Flow, FlowNode } from '../format/schema';

export type ModelAnswersReason =
  | 'understanding-none' // settings.providers.understanding is 'none': nothing goes to a model
  | 'switched-off' // settings.answers.model: false
  | 'confidential-default' // professional secrecy or special categories, not switched on
  | 'switched-on' // settings.answers.model: true
  | 'default'; // allowed by default

export interface ModelAnswersPolicy {
  allowed: boolean;
  reason: ModelAnswersReason;
}

export function modelAnswersPolicy(flow: Flow): ModelAnswersPolicy {
  const s = flow.settings;
  if (s.providers.understanding !== 'openai') return { allowed: false, reason: 'understanding-none' };
  const explicit = s.answers?.model;
  if (explicit === false) return { allowed: false, reason: 'switched-off' };
  if (explicit === true) return { allowed: true, reason: 'switched-on' };
  const confidential = s.professionalSecrecy === true || s.dataCategories.length > 0;
  return confidential
    ? { allowed: false, reason: 'confidential-default' }
    : { allowed: true, reason: 'default' };
}

/** The turn was taken at a detail the model must not read (sensitive, or `llm: false`). */
export function turnIsConfidential(node: FlowNode, fieldIndex: number): boolean {
  if (node.kind !== 'intake') return false;
  const field = node.fields[fieldIndex];
  return field !== undefined && (field.sensitive === true || field.llm === false);
}
