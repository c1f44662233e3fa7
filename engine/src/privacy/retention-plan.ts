// When a stored call note must be gone. Pure: time comes in as an argument.
//
// Durations are absolute (n × 24 h), not calendar days in the tenant's time zone: across a DST
// change in Europe/Berlin "30 calendar days" can be 30 × 24 h + 1 h, which would break the
// promise that nothing is kept longer than 30 days. The cap is applied here, in the store's
// policy, whatever a flow's settings say — the linter's check is only the first line of defence.
import type { Retention } from '../flow/format/schema';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The hard limit of every mode (requirement R3). */
export const MAX_RETENTION_DAYS = 30;

export interface RetentionPlan {
  /** Delete as soon as delivery succeeded (mode `immediate`). */
  deleteOnDelivery: boolean;
  /** Latest moment the note may still exist, epoch ms. Never more than 30 days after creation. */
  expiresAt: number;
}

export function retentionPlan(retention: Retention, createdAtMs: number): RetentionPlan {
  const cap = createdAtMs + MAX_RETENTION_DAYS * DAY_MS;
  switch (retention.mode) {
    case 'immediate':
      // Until delivery succeeds the note must survive; but undeliverable notes still end at the cap.
      return { deleteOnDelivery: true, expiresAt: cap };
    case 'ttl': {
      const days =
        Number.isFinite(retention.days) && retention.days > 0 ? retention.days : MAX_RETENTION_DAYS;
      return { deleteOnDelivery: false, expiresAt: Math.min(cap, createdAtMs + days * DAY_MS) };
    }
    case 'archive':
      return { deleteOnDelivery: false, expiresAt: cap };
    default:
      // An unknown mode (e.g. a future format read by an old server) gets the strictest sensible plan.
      return { deleteOnDelivery: true, expiresAt: cap };
  }
}

/** True when a note created at `createdAtMs` under `plan` must be purged at `nowMs`. */
export function isExpired(plan: Pick<RetentionPlan, 'expiresAt'>, nowMs: number): boolean {
  return nowMs >= plan.expiresAt;
}
