// What the front desk narrows the inbox to: one flow, urgent notes only, open or done ones.
// Pure, so the rules are unit-tested; the search by number is the server's (routes/inbox.ts).
import type { CallNote } from '../../api';
import { isPhoneNumber } from './CallLink';

export type StatusFilter = 'all' | 'new' | 'done';

export interface InboxFilter {
  /** A flow id, or '' for every flow. */
  flow: string;
  urgent: boolean;
  status: StatusFilter;
}

export const NO_FILTER: InboxFilter = { flow: '', urgent: false, status: 'all' };

export function applyFilter(notes: readonly CallNote[], f: InboxFilter): CallNote[] {
  return notes.filter(
    (n) =>
      (f.flow === '' || n.flowId === f.flow) &&
      (!f.urgent || n.record.priority === 'urgent') &&
      (f.status === 'all' || n.status === f.status),
  );
}

/**
 * The number to call back: the one the caller gave for that, else the caller ID, else a phone
 * detail — only what the flow recorded (a flow that records no number shows none).
 */
export function callbackNumberOf(note: CallNote): string | undefined {
  const r = note.record;
  return (
    r.callback?.number ??
    r.callerNumber ??
    Object.values(r.fields)
      .map((f) => f.value)
      .find(isPhoneNumber)
  );
}

export function nameOf(note: CallNote): string | null {
  const v = note.record.fields.name?.value;
  return v === undefined ? null : String(v);
}
