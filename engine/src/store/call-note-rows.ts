// How a call-note row maps to the domain's StoredNote, shared by the SQLite and PostgreSQL
// repositories (their drizzle tables differ only in column types, not in shape).
import type { StoredNote } from '../records/types';

export interface CallNoteRow extends Omit<StoredNote, 'wrappedDataKey' | 'subjectKeys' | 'webhook'> {
  webhookUrl: string | null;
  webhookAttempts: number;
  webhookFirstAttemptAt: number | null;
  webhookNextAttemptAt: number | null;
  shredReason: string | null;
}

/** A note whose data key is gone (shredding in progress) reads as absent: it can never be opened again. */
export function toNote(
  row: CallNoteRow,
  subjectKeys: string[],
  wrappedDataKey: Buffer | undefined,
): StoredNote | undefined {
  const { webhookUrl, webhookAttempts, webhookFirstAttemptAt, webhookNextAttemptAt, shredReason, ...rest } =
    row;
  if (!wrappedDataKey || shredReason) return undefined;
  return {
    ...rest,
    wrappedDataKey,
    subjectKeys,
    webhook: webhookUrl
      ? {
          url: webhookUrl,
          attempts: webhookAttempts,
          firstAttemptAt: webhookFirstAttemptAt,
          nextAttemptAt: webhookNextAttemptAt ?? 0,
        }
      : null,
  };
}

export function webhookColumns(webhook: StoredNote['webhook']) {
  return {
    webhookUrl: webhook?.url ?? null,
    webhookAttempts: webhook?.attempts ?? 0,
    webhookFirstAttemptAt: webhook?.firstAttemptAt ?? null,
    webhookNextAttemptAt: webhook?.nextAttemptAt ?? null,
  };
}
