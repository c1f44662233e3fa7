// Helpers for the interpreter's own tests: a small valid flow to vary per test, and a driver
// that feeds events and collects what the caller would hear. Not part of the public API.
import type { CompiledFlow } from '../compiled';
import type { Flow, FlowNode } from '../format/schema';
import { start, step } from './step';
import type { CallAction, CallContext, CallEvent, CallState } from '../call/types';

/** Monday 2 March 2026, 09:00 in Berlin (open in the test flow's hours). */
export const MONDAY_9 = Date.parse('2026-03-02T09:00:00+01:00');
/** Saturday 7 March 2026, 10:00 in Berlin (closed). */
export const SATURDAY_10 = Date.parse('2026-03-07T10:00:00+01:00');

export function baseFlow(): Flow {
  return {
    schemaVersion: 1,
    id: 'test',
    name: 'Test',
    language: 'de-DE',
    start: 'hallo',
    settings: {
      retention: { mode: 'immediate' },
      zeroPersistence: false,
      record: { transcript: false, callerNumber: false },
      dataCategories: [],
      businessHours: {
        timeZone: 'Europe/Berlin',
        weekly: { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']] },
      },
      providers: { speech: 'google', understanding: 'none', voice: 'elevenlabs' },
      delivery: { inbox: true },
      limits: { maxCallSeconds: 300, silenceSeconds: 5, maxSilences: 2 },
    },
    triggers: [
      { id: 'notfall', label: 'Notfall', keywords: ['Notfall'], flag: 'emergency', priority: 'urgent' },
    ],
    humanEscape: { keywords: ['Mensch'], dtmf: '0', target: 'mensch' },
    nodes: {
      hallo: {
        kind: 'consent',
        disclosure: 'Sie sprechen mit einem KI-Assistenten.',
        question: 'Einverstanden?',
        next: { yes: 'fragen', no: 'mensch', unclear: 'mensch' },
      },
      fragen: {
        kind: 'intake',
        fields: [{ key: 'name', label: 'Name', type: 'name', prompt: 'Wie heißen Sie?' }],
        next: 'tschuess',
      },
      mensch: {
        kind: 'handoff',
        target: 'empfang',
        announce: 'Ich verbinde.',
        next: { fallback: 'tschuess' },
      },
      tschuess: { kind: 'end', text: 'Auf Wiederhören.' },
    },
  };
}

/** A compiled flow without going through the loader: node tests control every detail. */
export function compiled(flow: Flow): CompiledFlow {
  return { flow, contentHash: 'c0ffee00c0ffee00c0ffee00', nodes: flow.nodes, warnings: [] };
}

/** The test flow with some nodes replaced or added, and an optional change to the document. */
export function flowWith(
  nodes: Record<string, FlowNode>,
  change: (f: Flow) => void = () => {},
): CompiledFlow {
  const f = baseFlow();
  f.nodes = { ...f.nodes, ...nodes };
  change(f);
  return compiled(f);
}

export type TestInput =
  | string
  | { dtmf: string }
  | { silence: true }
  | { hangup: true }
  | { handoff: 'answered' | 'no-answer' | 'busy' | 'failed' }
  | { extracted: { values?: Record<string, unknown>; error?: string }; requestId?: string }
  | { answered: { factIds?: string[]; text?: string; error?: string }; requestId?: string }
  | { timer: string }
  | { fault: 'tts' | 'stt' };

export interface Driven {
  state: CallState;
  actions: CallAction[];
  /** Actions of the last input only. */
  last: CallAction[];
  /** Texts of every `say`. */
  said: string[];
  lastSaid: string[];
}

function eventOf(input: TestInput, at: number, actions: CallAction[]): CallEvent {
  if (typeof input === 'string') return { type: 'utterance', at, text: input, final: true };
  if ('dtmf' in input) return { type: 'dtmf', at, digit: input.dtmf };
  if ('silence' in input) return { type: 'silence', at };
  if ('hangup' in input) return { type: 'hangup', at };
  if ('handoff' in input) return { type: 'handoff.result', at, outcome: input.handoff };
  if ('timer' in input) return { type: 'timer', at, id: input.timer };
  if ('fault' in input) return { type: 'provider.fault', at, stage: input.fault };
  if ('answered' in input) {
    const asked = [...actions].reverse().find((a) => a.type === 'answer');
    const requestId = input.requestId ?? (asked?.type === 'answer' ? asked.requestId : 'none');
    return { type: 'answered', at, requestId, ...input.answered };
  }
  const pending = [...actions].reverse().find((a) => a.type === 'extract');
  const requestId = input.requestId ?? (pending?.type === 'extract' ? pending.requestId : 'none');
  return { type: 'extracted', at, requestId, ...input.extracted };
}

/** Starts a call and feeds the inputs, 5 s apart. */
export function drive(flow: CompiledFlow, inputs: TestInput[], call: Partial<CallContext> = {}): Driven {
  const ctx: CallContext = { txId: 'tx-test', startedAt: MONDAY_9, channel: 'test', ...call };
  let r = start(flow, ctx);
  const actions = [...r.actions];
  let at = ctx.startedAt;
  for (const input of inputs) {
    at += 5000;
    r = step(flow, r.state, eventOf(input, at, actions));
    actions.push(...r.actions);
  }
  const says = (list: CallAction[]) => list.flatMap((a) => (a.type === 'say' ? [a.text] : []));
  return { state: r.state, actions, last: r.actions, said: says(actions), lastSaid: says(r.actions) };
}

export const delivered = (d: Driven) => d.actions.find((a) => a.type === 'deliver');
