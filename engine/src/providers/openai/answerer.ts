// The OpenAI implementation of the Answerer port (Chat Completions + strict structured outputs).
// Per request: the question turn and the facts — nothing else; `store: false`; one attempt with a
// hard deadline (the runtime decides what the caller hears when it fails).
import type OpenAI from 'openai';
import { conformAnswer, type AnswerRequest, type AnswerResult, type Answerer } from '../../ports/answerer.js';
import { ANSWER_SCHEMA_NAME, buildAnswerMessages, buildAnswerSchema } from './answer-prompt.js';
import { Deadline, openAIClient, parseContent } from './completion.js';
import { toProviderError } from './errors.js';
import { DEFAULT_MODEL, DEFAULT_TIMEOUT_MS, type OpenAIExtractorOptions } from './extractor.js';

export type OpenAIAnswererOptions = OpenAIExtractorOptions;

const MAX_OUTPUT_TOKENS = 300;

export class OpenAIAnswerer implements Answerer {
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly defaultTimeoutMs: number;

  constructor(opts: OpenAIAnswererOptions) {
    this.client =
      opts.client ?? openAIClient({ ...opts, defaultTimeoutMs: opts.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS });
    this.model = opts.model ?? DEFAULT_MODEL;
    this.defaultTimeoutMs = opts.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async answer(req: AnswerRequest, signal?: AbortSignal): Promise<AnswerResult> {
    // Without facts there is nothing the model may say: no request leaves the server.
    if (req.facts.length === 0 || req.question.trim() === '') return { factIds: [], text: '' };
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    const deadline = new Deadline(timeoutMs, signal);
    try {
      const completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: buildAnswerMessages(req.question, req.facts, req.language),
          response_format: {
            type: 'json_schema',
            json_schema: { name: ANSWER_SCHEMA_NAME, strict: true, schema: buildAnswerSchema(req.facts) },
          },
          store: false,
          temperature: 0,
          max_completion_tokens: MAX_OUTPUT_TOKENS,
        },
        { signal: deadline.signal, timeout: timeoutMs, maxRetries: 0 },
      );
      deadline.throwIfFired();
      return conformAnswer(parseContent(completion));
    } catch (err) {
      throw toProviderError(err, deadline.reason());
    } finally {
      deadline.clear();
    }
  }
}
