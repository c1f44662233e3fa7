// Which numbers in a call note identify its data subject: the caller ID (when recorded), every
// phone-typed value and the callback number. Indexed only as HMACs (privacy/pseudonym.ts).
import type { CallRecord } from '../flow/record/schema';
import { subjectKey } from '../privacy/pseudonym';

const E164 = /^\+[1-9]\d{6,14}$/;

export function subjectNumbers(record: CallRecord): string[] {
  const numbers = new Set<string>();
  if (record.callerNumber) numbers.add(record.callerNumber);
  if (record.callback?.number) numbers.add(record.callback.number);
  for (const field of Object.values(record.fields)) {
    if (typeof field.value === 'string' && E164.test(field.value)) numbers.add(field.value);
  }
  return [...numbers].filter((n) => E164.test(n));
}

export function subjectKeysOf(tenantKey: Buffer, record: CallRecord): string[] {
  return subjectNumbers(record).map((n) => subjectKey(tenantKey, n));
}
