// The volatile inbox: where a zero-persistence flow's notes wait for staff. Said once, here, so
// the checker, the processing record and the designer's settings tell the tenant the same thing
// as the server does (engine/src/records/memory-notes.ts keeps the notes).
import type { LocalizedText } from '../diagnostics';

/** A note in the volatile inbox is dropped this many hours after the call at the latest. */
export const VOLATILE_INBOX_HOURS = 24;

/** What a zero-persistence flow's inbox is, in one sentence. */
export const VOLATILE_INBOX: LocalizedText = {
  de: `Ohne Speicherung landen Gesprächsnotizen in einem flüchtigen Posteingang: nur im Arbeitsspeicher des Servers, der den Anruf angenommen hat, für angemeldete berechtigte Mitarbeitende sichtbar und gelöscht, sobald sie als erledigt markiert sind, nach ${VOLATILE_INBOX_HOURS} Stunden oder bei einem Neustart des Servers.`,
  en: `Without storage, call notes go to a volatile inbox: held only in the memory of the server that took the call, visible to logged-in staff with access, and gone once marked done, after ${VOLATILE_INBOX_HOURS} hours or when the server restarts.`,
};
