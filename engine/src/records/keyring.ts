// Tenant keys: random 256-bit keys, stored only wrapped by the master key, unwrapped on demand
// and cached in memory for the life of the process (they are needed for every call note).
// When an organisation is deleted its key is destroyed (crypto-shredding): every process that
// cached it must forget it before the key row goes, and refuse it from then on — otherwise a
// note ending on another worker could still be sealed under the destroyed key.
import { newKey, unwrapTenantKey, wrapTenantKey } from '../privacy/envelope';
import type { TenantKeyRepository } from './types';

export class TenantKeyDestroyedError extends Error {
  constructor() {
    super('the tenant key was destroyed');
    this.name = 'TenantKeyDestroyedError';
  }
}

export class TenantKeyring {
  private readonly cache = new Map<string, Buffer>();
  /** Organisations deleted while this process runs; their ids are never reused. */
  private readonly destroyed = new Set<string>();
  private tellOthers: (tenantId: string) => Promise<unknown> = async () => undefined;

  constructor(
    private readonly masterKey: Buffer,
    private readonly repository: TenantKeyRepository,
  ) {}

  async key(tenantId: string): Promise<Buffer> {
    if (this.destroyed.has(tenantId)) throw new TenantKeyDestroyedError();
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    const wrapped = await this.repository.getOrCreate(tenantId, () =>
      wrapTenantKey(this.masterKey, tenantId, newKey()),
    );
    // Destroyed while the key was being read: it must not be cached again.
    if (this.destroyed.has(tenantId)) throw new TenantKeyDestroyedError();
    const key = unwrapTenantKey(this.masterKey, tenantId, wrapped);
    this.cache.set(tenantId, key);
    return key;
  }

  /**
   * Before the key row is destroyed: forgotten here and, awaited, in every process told of it
   * (`whenDestroying`), so none can seal a new note under it once the row is gone.
   */
  async destroying(tenantId: string): Promise<void> {
    this.forget(tenantId);
    await this.tellOthers(tenantId);
  }

  /** Forgets the cached key for good (also what a sibling does when told). */
  forget(tenantId: string): void {
    this.destroyed.add(tenantId);
    // Not zeroed: a note being sealed this instant may hold the buffer, and zeroing would seal it
    // under an all-zero key instead (its insert fails once the organisation's rows are gone).
    this.cache.delete(tenantId);
  }

  /** Who else must forget a destroyed key (the sibling worker processes). */
  whenDestroying(tell: (tenantId: string) => Promise<unknown>): void {
    this.tellOthers = tell;
  }
}
