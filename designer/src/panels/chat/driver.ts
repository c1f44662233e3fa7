// The test call's driver: runs the engine's pure interpreter (start/step) in the browser and
// turns its actions into chat lines. Pure: time comes in as `now`. There is no LLM in the
// browser, so an `extract` request is answered at once: free-text details get the caller's
// words, everything else "not understood" (the interpreter then asks again, as on a call).
import type { CompiledFlow } from '../../../../engine/src/flow/compiled';
import { start, step } from '../../../../engine/src/flow/interpreter/index';
import type {
  CallAction,
  CallEvent,
  CallState,
  HandoffResult,
  StepResult,
} from '../../../../engine/src/flow/interpreter/index';
import type { CallRecord } from '../../../../engine/src/flow/record/schema';

export interface ChatLine {
  who: 'bot' | 'caller' | 'system';
  text: string;
}

/** What the chat shows of a test call, wherever it runs. */
export interface ChatSession {
  compiled: CompiledFlow;
  /** The step the call stands on (highlighted on the canvas). */
  node: string | null;
  lines: ChatLine[];
  /** Set while a transfer waits for "does anyone answer?". */
  transfer: string | null;
  record: CallRecord | null;
  ended: boolean;
}

/** A test call run in the browser: the interpreter's state travels with it. */
export interface LocalSession extends ChatSession {
  state: CallState;
}

/** Anything between the caller and step(): a local run in the browser, or the server's /simulate. */
export interface ChatEngine<S extends ChatSession = ChatSession> {
  /** `draft`: the compiled draft, null when it does not compile (the server runs its own version). */
  begin(draft: CompiledFlow | null, now: number): S | Promise<S>;
  send(session: S, event: CallEvent): S | Promise<S>;
}

/** The in-browser engine answers at once. */
export interface SyncChatEngine extends ChatEngine<LocalSession> {
  begin(draft: CompiledFlow | null, now: number): LocalSession;
  send(session: LocalSession, event: CallEvent): LocalSession;
}

const MAX_CHAINED = 20;

function apply(session: LocalSession, result: StepResult, depth = 0): LocalSession {
  let s: LocalSession = {
    ...session,
    state: result.state,
    node: result.state.node,
    lines: [...session.lines],
  };
  for (const a of result.actions) s = applyAction(s, a, depth);
  if (s.state.terminal) s.ended = true;
  return s;
}

function applyAction(s: LocalSession, a: CallAction, depth: number): LocalSession {
  switch (a.type) {
    case 'say':
      s.lines.push({ who: 'bot', text: a.text });
      if (a.factIds) s.lines.push({ who: 'system', text: answerSource(s.compiled, a.factIds) });
      return s;
    case 'transfer':
      return { ...s, transfer: a.target };
    case 'deliver':
      return { ...s, record: a.record };
    case 'hangup':
      return { ...s, ended: true };
    case 'extract': {
      if (depth >= MAX_CHAINED) return s;
      const values: Record<string, unknown> = {};
      for (const f of a.fields) values[f.key] = f.type === 'text' && a.text.trim() ? a.text.trim() : null;
      const event: CallEvent = { type: 'extracted', at: s.state.lastAt, requestId: a.requestId, values };
      return apply(s, step(s.compiled, s.state, event), depth + 1);
    }
    case 'answer': {
      // No model in the browser: the fallback, as on a call where the model is unavailable.
      if (depth >= MAX_CHAINED) return s;
      const event: CallEvent = {
        type: 'answered',
        at: s.state.lastAt,
        requestId: a.requestId,
        error: 'no model',
      };
      return apply(s, step(s.compiled, s.state, event), depth + 1);
    }
    default:
      // listen / timers: the chat waits for the next thing the tester does.
      return s;
  }
}

/** Which fact answered a question, in the words of the „Wissen" panel — or that none did. */
export function answerSource(compiled: CompiledFlow, factIds: readonly string[]): string {
  if (factIds.length === 0) return 'Keine Antwort im Wissen – die Frage wird für das Team notiert.';
  const topics = factIds.map(
    (id) =>
      compiled.flow.facts?.find((f) => f.id === id)?.topic ??
      (id.startsWith('hours.') ? 'Öffnungszeiten (aus den Einstellungen)' : id),
  );
  return `Antwort aus dem Wissen: ${[...new Set(topics)].join(', ')}`;
}

export const localEngine: SyncChatEngine = {
  begin(compiled, now) {
    if (!compiled) throw new Error('The draft does not compile: there is nothing to run.');
    const txId = `probe-${now.toString(36)}`;
    const first = start(compiled, { txId, startedAt: now, channel: 'test', test: true });
    const session: LocalSession = {
      compiled,
      state: first.state,
      node: first.state.node,
      lines: [],
      transfer: null,
      record: null,
      ended: false,
    };
    return apply(session, first);
  },
  send(session, event) {
    if (session.ended) return session;
    const lines = [...session.lines];
    if (event.type === 'utterance') lines.push({ who: 'caller', text: event.text });
    if (event.type === 'dtmf') lines.push({ who: 'caller', text: `⌨ ${event.digit}` });
    if (event.type === 'silence') lines.push({ who: 'caller', text: '…' });
    const transfer = event.type === 'handoff.result' ? null : session.transfer;
    return apply({ ...session, lines, transfer }, step(session.compiled, session.state, event));
  },
};

export const handoffEvent = (outcome: HandoffResult, at: number): CallEvent => ({
  type: 'handoff.result',
  at,
  outcome,
});
