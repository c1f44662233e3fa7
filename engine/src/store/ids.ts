// Opaque, unguessable ids with a readable prefix (`flw_…`, `ten_…`). Random rather than
// sequential so ids reveal nothing about other tenants (no counting, no guessing).
import { randomBytes } from 'node:crypto';

export type IdPrefix = 'ten' | 'usr' | 'tok' | 'flw' | 'ver' | 'aud' | 'inv';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
