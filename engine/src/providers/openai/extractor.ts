// The OpenAI implementation of the Extractor port (Chat Completions + strict structured outputs).
//
// Per request: the fields being asked (as a strict JSON schema) and this turn's words — nothing
// else, no call history, no caller number; `store: false` so OpenAI keeps no stored completion.
// One attempt with a hard deadline: retries belong to the runtime, which knows how much of the
// caller's patience is left and can fall back to the deterministic parser instead.
import OpenAI from 'openai';
import {
  conformExtraction,
  type ExtractionRequest,
  type ExtractionResult,
  type Extractor,
} from '../../ports/extractor.js';
import { PROVIDER_ERROR_CODES as C, ProviderError } from '../../ports/provider-error.js';
import { badResponse, toProviderError, type AbortReason } from './errors.js';
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
const noop = () => {};
const SILENT_LOGGER = { error: noop, warn: noop, info: noop, debug: noop };

export class OpenAIExtractor implements Extractor {
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly defaultTimeoutMs: number;

  constructor(opts: OpenAIExtractorOptions) {
    this.client =
      opts.client ??
      new OpenAI({
        apiKey: opts.apiKey,
        baseURL: opts.baseURL,
        maxRetries: 0,
        timeout: opts.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        // The SDK logs to the console by default and, with env OPENAI_LOG=debug, prints whole
        // request bodies (the caller's words). An explicit level and a silent logger win over env.
        logLevel: 'off',
        logger: SILENT_LOGGER,
      });
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

function parseContent(completion: OpenAI.Chat.Completions.ChatCompletion): unknown {
  const choice = completion.choices?.[0];
  if (!choice) throw badResponse();
  if (choice.message?.refusal)
    throw new ProviderError({ provider: 'openai', code: 'refused', retryable: false });
  if (choice.finish_reason === 'length') throw badResponse();
  const content = choice.message?.content;
  if (typeof content !== 'string') throw badResponse();
  try {
    return JSON.parse(content);
  } catch (err) {
    throw badResponse(err);
  }
}

/** Our deadline and the caller's signal combined, remembering which one fired. */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private timedOut = false;
  private readonly onAbort = () => this.controller.abort();

  constructor(
    ms: number,
    private readonly outer?: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, ms);
    if (outer?.aborted) this.controller.abort();
    else outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  reason(): AbortReason {
    return { timedOut: this.timedOut, aborted: this.outer?.aborted ?? false };
  }

  throwIfFired(): void {
    if (this.controller.signal.aborted) throw new Error('aborted');
  }

  clear(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}
