// The call's requests to the language model: extracting details from free speech and answering a
// caller's question from the business's facts. Each is bounded by the caller's patience (the
// dead-air guard), its wait is counted as provider time of the turn, and the interpreter always
// gets an event back. A step of CallSession (call-session.ts), kept apart for its size.
import type { CallAction, CallEvent } from '../flow/interpreter';
import { withoutModel, type ModelRequest } from '../flow/drive/index';
import { isProviderError } from '../ports/provider-error';
import type { DeadAirGuard } from './dead-air';
import type { CallSessionDeps } from './session-deps';
import type { TurnTimer } from './turn-timer';

type Action<T extends CallAction['type']> = Extract<CallAction, { type: T }>;

/** The vendor's own bound for one extraction; the dead-air guard usually gives up sooner. */
const EXTRACTION_TIMEOUT_MS = 3000;

export interface ModelRequestDeps extends Pick<
  CallSessionDeps,
  'extractor' | 'answerer' | 'clock' | 'now' | 'onFault'
> {
  readonly deadAir: DeadAirGuard;
  readonly turnTimer: TurnTimer;
  /** Hands the result (or the fallback) to the interpreter. */
  readonly dispatch: (event: CallEvent) => void;
}

export class ModelRequests {
  constructor(private readonly deps: ModelRequestDeps) {}

  async extract(action: Action<'extract'>): Promise<void> {
    const extractor = this.deps.extractor;
    const fields = action.fields.map((f) => ({
      key: f.key,
      type: f.type as never,
      label: f.label,
      ...(f.choices ? { choices: f.choices.map((c) => ({ value: c, label: c })) } : {}),
    }));
    await this.askModel(
      extractor &&
        ((signal) =>
          extractor.extract(
            { fields, text: action.text, language: action.language, timeoutMs: EXTRACTION_TIMEOUT_MS },
            signal,
          )),
      action,
      (at, result) => ({ type: 'extracted', at, requestId: action.requestId, values: result.values }),
      'extract_failed',
    );
  }

  /** A caller's question for the model; the interpreter decides whether the reply may be said. */
  async answer(action: Action<'answer'>): Promise<void> {
    const answerer = this.deps.answerer;
    const request = {
      question: action.question,
      facts: action.facts,
      language: action.language,
      timeoutMs: EXTRACTION_TIMEOUT_MS,
    };
    await this.askModel(
      answerer && ((signal) => answerer.answer(request, signal)),
      action,
      (at, result) => ({ type: 'answered', at, requestId: action.requestId, ...result }),
      'answer_failed',
    );
  }

  /**
   * One request to the language model, bounded by the caller's patience (dead-air.ts: when they
   * waited long enough the request is abandoned and the interpreter's fallback takes over). The
   * interpreter always gets an event back: the result, or (the one policy every driver of step()
   * shares, withoutModel) an error code — never caller content.
   */
  private async askModel<T>(
    run: ((signal: AbortSignal) => Promise<T>) | undefined,
    action: ModelRequest,
    onResult: (at: number, result: T) => CallEvent,
    failure: string,
  ): Promise<void> {
    const at = () => this.deps.now();
    // No model here: the step's own understanding, or the fallback sentence for a question.
    if (!run) return this.deps.dispatch(withoutModel(action, at()));
    let givenUp = false;
    const controller = new AbortController();
    const doneWaiting = this.deps.deadAir.await('llm', () => {
      givenUp = true;
      controller.abort();
    });
    try {
      const askedAt = this.deps.clock.now();
      const result = await run(controller.signal).finally(() =>
        this.deps.turnTimer.providerWait(this.deps.clock.now() - askedAt),
      );
      doneWaiting();
      this.deps.dispatch(onResult(at(), result));
    } catch (error) {
      doneWaiting();
      const code = givenUp ? 'given_up' : isProviderError(error) ? error.code : failure;
      this.deps.onFault?.(`llm_${code}`);
      this.deps.dispatch(withoutModel(action, at(), code));
    }
  }
}
