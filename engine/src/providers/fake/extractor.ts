// Scriptable in-process Extractor for tests, the designer's test chat and benchmarks.
//
// By default it answers with obviousValues(); tests queue steps to script the next answers:
// raw model output (extra keys, wrong types — conformed exactly like the real provider does),
// a delay, or a ProviderError. Timeouts and aborts behave like the OpenAI provider's.
import {
  conformExtraction,
  type ExtractionRequest,
  type ExtractionResult,
  type Extractor,
} from '../../ports/extractor.js';
import { PROVIDER_ERROR_CODES as C, ProviderError } from '../../ports/provider-error.js';
import { obviousValues } from './obvious-values.js';

export interface FakeExtractorStep {
  /**
   * What "the model" returns: an object, or a string that is parsed as JSON (invalid JSON →
   * ProviderError bad_response), or a function of the request. Default: obviousValues().
   */
  output?: unknown;
  /** Time before answering; beyond the request's timeout → ProviderError timeout. */
  delayMs?: number;
  /** Fail with this instead of answering (after the delay). */
  error?: ProviderError;
}

export interface FakeExtractorOptions {
  /** Used when no step is queued. */
  defaultStep?: FakeExtractorStep;
  defaultTimeoutMs?: number;
}

export class FakeExtractor implements Extractor {
  /** Every request as received (copied), for assertions. */
  readonly requests: ExtractionRequest[] = [];
  private readonly queue: FakeExtractorStep[] = [];

  constructor(private readonly opts: FakeExtractorOptions = {}) {}

  /** Scripts the next answers, in order. */
  enqueue(...steps: FakeExtractorStep[]): this {
    this.queue.push(...steps);
    return this;
  }

  async extract(req: ExtractionRequest, signal?: AbortSignal): Promise<ExtractionResult> {
    this.requests.push(structuredClone(req));
    const step = this.queue.shift() ?? this.opts.defaultStep ?? {};
    const timeoutMs = req.timeoutMs ?? this.opts.defaultTimeoutMs ?? 4000;
    await wait(step.delayMs ?? 0, timeoutMs, signal);
    if (step.error) throw step.error;
    const output =
      typeof step.output === 'function'
        ? step.output(req)
        : (step.output ?? obviousValues(req.fields, req.text));
    return conformExtraction(req.fields, typeof output === 'string' ? parseJson(output) : output);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw fail(C.badResponse, false);
  }
}

function fail(code: string, retryable: boolean): ProviderError {
  return new ProviderError({ provider: 'fake', code, retryable });
}

/** Resolves after `ms`, unless the deadline or the caller's signal comes first. */
function wait(ms: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(fail(C.aborted, false));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const finish = (err?: ProviderError) => {
      clearTimeout(done);
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(fail(C.aborted, false));
    const done = setTimeout(() => finish(), ms);
    const deadline = setTimeout(() => finish(fail(C.timeout, true)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
