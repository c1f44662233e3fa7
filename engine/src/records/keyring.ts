// Tenant keys: random 256-bit keys, stored only wrapped by the master key, unwrapped on demand
// and cached in memory for the life of the process (they are needed for every call note).
import { newKey, unwrapTenantKey, wrapTenantKey } from '../privacy/envelope';
import type { TenantKeyRepository } from './types';

export class TenantKeyring {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly masterKey: Buffer,
    private readonly repository: TenantKeyRepository,
  ) {}

  async key(tenantId: string): Promise<Buffer> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    const wrapped = await this.repository.getOrCreate(tenantId, () =>
      wrapTenantKey(this.masterKey, tenantId, newKey()),
    );
    const key = unwrapTenantKey(this.masterKey, tenantId, wrapped);
    this.cache.set(tenantId, key);
    return key;
  }
}
