import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { noteWith } from '../../../test/privacy/records-env';
import { busGroup } from '../../../test/harness/bus-group';
import { createLogger } from '../log/index';
import type { FinishedCall } from '../ports/record-sink';
import { TenantKeyDestroyedError } from '../records/keyring';
import { deleteOrganisation } from '../records/organisation-deletion';
import { createRecords } from '../records/services';
import { createSqliteStore } from '../store/sqlite/index';
import { forgetDeletedOrganisationsEverywhere } from './shared-state';

const silentLogger = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });

const finished = (tenantId: string, zeroPersistence: boolean): FinishedCall => ({
  tenantId,
  flowId: 'kanzlei',
  flowVersion: 1,
  record: noteWith('Kanarienvogel'),
  retention: { mode: 'ttl', days: 7 },
  zeroPersistence,
  delivery: { inbox: true },
});

describe('deleting an organisation with several worker processes', () => {
  it('makes every worker forget the tenant key and its memory-only notes before the key is destroyed', async () => {
    const store = createSqliteStore({ file: ':memory:' }); // the database the workers share
    const masterKey = randomBytes(32);
    const group = busGroup(2);
    const [a, b] = group.buses.map((bus) => {
      const records = createRecords({ store, masterKey, logger: silentLogger, now: Date.now });
      forgetDeletedOrganisationsEverywhere(bus, records);
      return records;
    });
    const tenant = await store.tenants.create('Kanzlei');
    // Worker B took calls of the organisation: it holds the tenant key and a memory-only note.
    await b.accept(finished(tenant.id, false));
    await b.accept(finished(tenant.id, true));
    expect(b.memory.list(tenant.id)).toHaveLength(1);

    // The operator's deletion lands on worker A.
    expect(await deleteOrganisation({ store, records: a }, tenant.id)).toEqual({ shreddedNotes: 1 });

    // B no longer has the key: a note ending there now cannot be sealed under it.
    await expect(b.keyring.key(tenant.id)).rejects.toBeInstanceOf(TenantKeyDestroyedError);
    await expect(b.accept(finished(tenant.id, false))).rejects.toBeInstanceOf(TenantKeyDestroyedError);
    expect(await store.callNotes.list(tenant.id, { limit: 10, includeTest: true })).toEqual([]);
    expect(b.memory.list(tenant.id)).toEqual([]);
    await expect(a.keyring.key(tenant.id)).rejects.toBeInstanceOf(TenantKeyDestroyedError);
    a.stop();
    b.stop();
    store.close();
  });
});
