// A caller turn (the conversation-test format, `conversation/schema.ts`) as the events step()
// reads. The one vocabulary of caller input for every text driver: the CLI's input lines, the
// designer's chat buttons and /simulate's request bodies all become turns.
import type { CallEvent, EpochMs } from '../call/types';
import type { Turn } from '../conversation/schema';

/** The events of one turn; an `extract` or `answer` turn answers the pending request `requestId`. */
export function eventsOfTurn(turn: Turn, at: EpochMs, requestId: string | undefined): CallEvent[] {
  if ('say' in turn) return [{ type: 'utterance', at, text: turn.say, final: true }];
  if ('dtmf' in turn) return [...turn.dtmf].map((digit) => ({ type: 'dtmf', at, digit }));
  if ('silence' in turn) return [{ type: 'silence', at }];
  if ('hangup' in turn) return [{ type: 'hangup', at }];
  if ('extract' in turn) {
    const { values, error } = turn.extract;
    return [{ type: 'extracted', at, requestId: requestId ?? 'none', values: values ?? undefined, error }];
  }
  if ('answer' in turn) return [{ type: 'answered', at, requestId: requestId ?? 'none', ...turn.answer }];
  return [{ type: 'handoff.result', at, outcome: turn.handoff }];
}

/** How a turn reads in a transcript (conversation-test failures, /simulate's `heard`). */
export function transcriptLine(turn: Turn): string {
  if ('say' in turn) return turn.say;
  if ('dtmf' in turn) return `[Taste ${turn.dtmf}]`;
  if ('silence' in turn) return '[Stille]';
  if ('hangup' in turn) return '[legt auf]';
  if ('extract' in turn)
    return `[LLM: ${turn.extract.error ? `Fehler ${turn.extract.error}` : JSON.stringify(turn.extract.values ?? {})}]`;
  if ('answer' in turn)
    return `[LLM-Antwort: ${turn.answer.error ? `Fehler ${turn.answer.error}` : JSON.stringify(turn.answer)}]`;
  return `[Weiterleitung: ${turn.handoff}]`;
}

/** A single caller event as a turn (null: not something a caller does, e.g. a timer). */
export function turnOfEvent(event: CallEvent): Turn | null {
  switch (event.type) {
    case 'utterance':
      return { say: event.text };
    case 'dtmf':
      return { dtmf: event.digit };
    case 'silence':
      return { silence: true };
    case 'hangup':
      return { hangup: true };
    case 'handoff.result':
      return { handoff: event.outcome };
    default:
      return null;
  }
}
