// Finishing a call: the running draft plus the call's identity become the delivered record.
// What the flow's settings exclude (caller number, transcript) is left out here, in one place;
// so is everything about the caller when they did not give consent.
import type { CompiledFlow } from '../compiled';
import type { CallState, RecordDraft } from '../call/types';
import type { CallRecord } from './schema';

export function emptyDraft(transcript: boolean): RecordDraft {
  const draft: RecordDraft = {
    consent: 'not-asked',
    fields: {},
    missingFields: [],
    flags: [],
    priority: 'normal',
  };
  if (transcript) draft.transcript = [];
  return draft;
}

export function buildRecord(flow: CompiledFlow, s: CallState, endedAt: number): CallRecord {
  const r = s.record;
  const settings = flow.flow.settings;
  // Only a caller who said yes leaves anything about themselves. Refused, unclear, not asked
  // (a human asked for before answering, silence, a hang-up) all mean no consent: the note keeps
  // the facts of the call — when, which flow, the transfer — and nothing the caller said or is
  // (privacy.md: without consent, a human or a path that stores nothing about the caller).
  const consented = r.consent === 'given';
  // Built in the schema's key order, so delivered JSON reads top to bottom like the schema.
  const record: CallRecord = {
    recordVersion: 1,
    txId: s.txId,
    flowId: flow.flow.id,
    flowContentHash: flow.contentHash,
    startedAt: new Date(s.startedAt).toISOString(),
    endedAt: new Date(Math.max(endedAt, s.startedAt)).toISOString(),
    test: s.test,
    language: flow.flow.language,
    consent: r.consent,
    fields: consented ? structuredClone(r.fields) : {},
    missingFields: consented ? [...r.missingFields] : [],
    ...(consented && r.concern !== undefined ? { concern: r.concern } : {}),
    ...(consented && r.callback ? { callback: { ...r.callback } } : {}),
    ...(consented && r.questions?.length ? { questions: [...r.questions] } : {}),
    flags: [...r.flags],
    priority: r.priority,
    ...(r.handoff ? { handoff: { ...r.handoff } } : {}),
    outcome: s.outcome ?? 'failed',
  };
  if (consented && settings.record.callerNumber && s.callerNumber) record.callerNumber = s.callerNumber;
  if (consented && settings.record.transcript && r.transcript)
    record.transcript = r.transcript.map((t) => ({ ...t }));
  return record;
}
