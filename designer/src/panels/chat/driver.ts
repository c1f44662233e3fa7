// The test call's driver in the browser: the engine's one text driver (flow/drive/), the same
// that runs `callflow simulate`, conversation tests and /simulate, with its call turned into chat
// lines. Pure: time comes in with each event. There is no LLM in the browser, so extraction
// requests get the deterministic understanding and a question no fact answers gets the fallback,
// as in the simulator; an answer is followed by a line saying which fact it came from.
import type { CompiledFlow } from '../../../../engine/src/flow/compiled';
import type { Turn } from '../../../../engine/src/flow/conversation/schema';
import { beginTextCall, sendTurn, turnOfEvent, type TextCall } from '../../../../engine/src/flow/drive/index';
import type { CallEvent, HandoffResult } from '../../../../engine/src/flow/interpreter/index';
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

/** A test call run in the browser: the text driver's call travels with it. */
export interface LocalSession extends ChatSession {
  call: TextCall;
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

/** The chat's own way of showing what the tester did (null: no line). */
function chatLine(turn: Turn): string | null {
  if ('say' in turn) return turn.say;
  if ('dtmf' in turn) return `⌨ ${turn.dtmf}`;
  if ('silence' in turn) return '…';
  return null;
}

function sessionOf(call: TextCall): LocalSession {
  return {
    compiled: call.flow,
    call,
    node: call.state.node,
    lines: call.lines.flatMap((l): ChatLine[] => {
      const line: ChatLine = { who: l.who, text: l.text };
      return l.factIds ? [line, { who: 'system', text: answerSource(call.flow, l.factIds) }] : [line];
    }),
    transfer: call.transfer,
    record: call.record ?? null,
    ended: call.ended,
  };
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
    return sessionOf(beginTextCall(compiled, { txId, startedAt: now, channel: 'test', test: true }));
  },
  send(session, event) {
    const turn = turnOfEvent(event);
    if (session.ended || !turn) return session;
    return sessionOf(sendTurn(session.call, turn, event.at, { callerLine: chatLine }));
  },
};

export const handoffEvent = (outcome: HandoffResult, at: number): CallEvent => ({
  type: 'handoff.result',
  at,
  outcome,
});
