// The OpenAI implementation of the Extractor port (Chat Completions + strict structured outputs).
//
// Per request: the fields being asked (as a strict JSON schema) and this turn's words — nothing
// else, no call history, no caller number; `store: false` so OpenAI keeps no stored completion.
// One attempt with a hard deadline: retries belong to the runtime, which knows how much of the
// caller's patience is left and can fall back to the deterministic parser instead.
import type OpenAI from 'openai';
import {
  conformExtraction,
  type ExtractionRequest,
  type ExtractionResult,
  type Extractor,
} from '../../ports/extractor.js';
import { PROVIDER_ERROR_CODES as C, ProviderError } from '../../ports/provider-error.js';
import { Deadline, openAIClient, parseContent } from './completion.js';
import { toProviderError } from './errors.js';
import { buildMessages } from './prompt.js';
import { buildExtractionSchema, FIELD_KEY_PATTERN, SCHEMA_NAME } from './schema.js';

export interface OpenAIExtractorOptions {
  apiKey: string;
  /** e.g. `http://127.0.0.1:PORT/v1` for the fake server; default: OpenAI's API. */
  baseURL?: string;
  /** A model that supports strict structured outputs. */
  model?: string;
  /** Deadline when the request does not give one. */
  defaultTimeoutMs?: number;
  /** For tests or custom transports; when given, apiKey/baseURL are ignored. */
  client?: OpenAI;
}

export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_TIMEOUT_MS = 4000;
const MAX_OUTPUT_TOKENS = 600;

export class OpenAIExtractor implements Extractor {
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly defaultTimeoutMs: number;

  constructor(opts: OpenAIExtractorOptions) {
    this.client =
      opts.client ?? openAIClient({ ...opts, defaultTimeoutMs: opts.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS });
    this.model = opts.model ?? DEFAULT_MODEL;
    this.defaultTimeoutMs = opts.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async extract(req: ExtractionRequest, signal?: AbortSignal): Promise<ExtractionResult> {
    checkRequest(req);
    if (req.fields.length === 0) return { values: {} };
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    const deadline = new Deadline(timeoutMs, signal);
    try {
      const completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: buildMessages(req.text, req.language),
          response_format: {
            type: 'json_schema',
            json_schema: { name: SCHEMA_NAME, strict: true, schema: buildExtractionSchema(req.fields) },
          },
          store: false,
          temperature: 0,
          max_completion_tokens: MAX_OUTPUT_TOKENS,
        },
        { signal: deadline.signal, timeout: timeoutMs, maxRetries: 0 },
      );
      deadline.throwIfFired();
      return conformExtraction(req.fields, parseContent(completion));
    } catch (err) {
      throw toProviderError(err, deadline.reason());
    } finally {
      deadline.clear();
    }
  }
}

function checkRequest(req: ExtractionRequest): void {
  const keys = new Set<string>();
  for (const field of req.fields) {
    if (!FIELD_KEY_PATTERN.test(field.key) || keys.has(field.key)) {
      throw new ProviderError({ provider: 'openai', code: C.badRequest, retryable: false });
    }
    keys.add(field.key);
  }
}
