// What every Chat Completions request of ours shares: a silent SDK logger, one deadline that
// combines our timer with the caller's AbortSignal, and reading the JSON content of the answer.
import OpenAI from 'openai';
import { ProviderError } from '../../ports/provider-error.js';
import { badResponse, type AbortReason } from './errors.js';

const noop = () => {};
/**
 * The SDK logs to the console by default and, with env OPENAI_LOG=debug, prints whole request
 * bodies (the caller's words). An explicit level ('off') and this logger win over env.
 */
export const SILENT_LOGGER = { error: noop, warn: noop, info: noop, debug: noop };

export interface OpenAIClientOptions {
  apiKey: string;
  /** e.g. `http://127.0.0.1:PORT/v1` for the fake server; default: OpenAI's API. */
  baseURL?: string;
  defaultTimeoutMs: number;
}

/** One client per provider object: no SDK retries (the runtime decides), no console logging. */
export function openAIClient(opts: OpenAIClientOptions): OpenAI {
  return new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    maxRetries: 0,
    timeout: opts.defaultTimeoutMs,
    logLevel: 'off',
    logger: SILENT_LOGGER,
  });
}

/** The JSON content of the first choice; refusals, truncation and non-JSON are errors. */
export function parseContent(completion: OpenAI.Chat.Completions.ChatCompletion): unknown {
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
export class Deadline {
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
