// Pseudonymous lookup keys for data-subject requests (R9): records are indexed by
// HMAC(tenant key, E.164 number), never by the number in clear. Per-tenant keys mean the same
// caller cannot be linked across tenants, and without the key the index reveals nothing.
import { createHmac } from 'node:crypto';

export function subjectKey(tenantKey: Buffer, e164: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) throw new RangeError('not an E.164 number');
  return createHmac('sha256', tenantKey).update(`callflow/subject/v1/${e164}`).digest('hex');
}
