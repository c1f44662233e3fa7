// What the fake OpenAI server "thinks": by default it reads the strict JSON schema the client
// sent and fills it with obvious values from the caller's words (engine's obviousValues), so
// tests and load runs get plausible, deterministic answers without a model.
import type { ExtractionField, ExtractionFieldType } from '../../engine/src/ports/extractor.js';
import { obviousValues } from '../../engine/src/providers/fake/obvious-values.js';
import { ANSWER_SCHEMA_NAME } from '../../engine/src/providers/openai/answer-prompt.js';

export interface ChatRequestBody {
  model?: string;
  messages: { role: string; content: unknown }[];
  stream?: boolean;
  store?: boolean;
  response_format?: { type: string; json_schema?: { name?: string; strict?: boolean; schema?: JsonSchema } };
  [key: string]: unknown;
}

/** Produces the assistant message content: a string (sent as-is) or a value (sent as JSON). */
export type Responder = (body: ChatRequestBody) => unknown;

interface JsonSchema {
  properties?: Record<string, { type?: string | string[]; enum?: unknown[]; description?: string }>;
}

const TYPES: readonly ExtractionFieldType[] = [
  'text',
  'name',
  'phone',
  'email',
  'date',
  'time',
  'datetime',
  'number',
  'choice',
  'yesno',
];

export const defaultResponder: Responder = (body) => {
  if (body.response_format?.json_schema?.name === ANSWER_SCHEMA_NAME) return answerFromFacts(body);
  const schema = body.response_format?.json_schema?.schema;
  if (!schema?.properties) return 'Hallo! (fake)';
  return obviousValues(fieldsFromSchema(schema), callerWordsOf(body));
};

/** The last user message; when it is JSON with `callerWords`, just those words. */
export function callerWordsOf(body: ChatRequestBody): string {
  const user = [...body.messages].reverse().find((m) => m.role === 'user');
  const content = typeof user?.content === 'string' ? user.content : '';
  try {
    const parsed = JSON.parse(content) as { callerWords?: unknown };
    return typeof parsed.callerWords === 'string' ? parsed.callerWords : content;
  } catch {
    return content;
  }
}

/** Rebuilds the asked fields from the schema: the type from its `(type)` tag, choices from `enum`. */
export function fieldsFromSchema(schema: JsonSchema): ExtractionField[] {
  return Object.entries(schema.properties ?? {}).map(([key, prop]) => {
    const tag = /^\((\w+)\)/.exec(prop.description ?? '')?.[1] as ExtractionFieldType | undefined;
    const type = tag && TYPES.includes(tag) ? tag : inferType(prop.type);
    const choices = prop.enum
      ?.filter((v): v is string => typeof v === 'string')
      .map((v) => ({ value: v, label: v }));
    return { key, type, label: key, ...(choices && { choices }) };
  });
}

function inferType(type: string | string[] | undefined): ExtractionFieldType {
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('number')) return 'number';
  if (types.includes('boolean')) return 'yesno';
  return 'text';
}

interface AnswerData {
  facts?: { id: string; topic: string; answer: string }[];
  question?: string;
}

const longWords = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4),
  );

/**
 * An answer request ("callflow_answer"): like a well-behaved model, the fact sharing the most
 * words (of four letters or more) with the question, word for word; none → "I don't know".
 */
export function answerFromFacts(body: ChatRequestBody): { factIds: string[]; answer: string } {
  const user = [...body.messages].reverse().find((m) => m.role === 'user');
  let data: AnswerData = {};
  try {
    data = JSON.parse(typeof user?.content === 'string' ? user.content : '{}') as AnswerData;
  } catch {
    // not JSON: nothing to answer from
  }
  const asked = longWords(data.question ?? '');
  let best: { id: string; answer: string } | undefined;
  let bestShared = 0;
  for (const fact of data.facts ?? []) {
    const shared = [...longWords(`${fact.topic} ${fact.answer}`)].filter((w) => asked.has(w)).length;
    if (shared > bestShared) [best, bestShared] = [fact, shared];
  }
  return best ? { factIds: [best.id], answer: best.answer } : { factIds: [], answer: '' };
}
