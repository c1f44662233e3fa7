// Two worker processes (an in-memory bus pair) sharing one database: a zero-persistence note held
// by worker 0 is listed, opened, found by number, marked done and deleted from worker 1's inbox —
// the holder acts, nothing is written — and worker 1's live inbox hears of it, by id only. A
// sibling that stops answering leaves the inbox working with what answered.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busGroup } from '../../../test/harness/bus-group';
import { noteWith } from '../../../test/privacy/records-env';
import { capture } from '../log/capture.test-helper';
import { createLogger } from '../log';
import type { FinishedCall } from '../ports/record-sink';
import { createSqliteStore } from '../store/sqlite/index';
import type { Store } from '../store/types';
import { createRecords, type RecordsServices } from './services';
import { VOLATILE_LIST } from './sibling-notes';

let store: Store;
let workers: RecordsServices[];
let silence: (k: number) => void;
let tenantId: string;
let logs: ReturnType<typeof capture>;
/** What worker 1 asked its siblings, by topic. */
let asked: string[];

beforeEach(async () => {
  store = createSqliteStore({ file: ':memory:' });
  tenantId = (await store.tenants.create('Praxis')).id;
  const pair = busGroup(2);
  silence = pair.silence;
  logs = capture();
  const masterKey = randomBytes(32);
  asked = [];
  const counted = pair.buses.map((bus) => ({
    ...bus,
    askOthers: <T>(topic: string, payload: unknown, timeoutMs?: number) => {
      if (bus.self === 1) asked.push(topic);
      return bus.askOthers<T>(topic, payload, timeoutMs);
    },
  }));
  workers = counted.map((bus) =>
    createRecords({
      store,
      masterKey,
      logger: createLogger({ level: 'debug', destination: logs.destination }),
      now: Date.now,
      bus,
    }),
  );
});
afterEach(() => {
  workers.forEach((w) => w.stop());
  store.close();
});

function volatileCall(canary: string, zeroPersistence = true): FinishedCall {
  return {
    tenantId,
    flowId: 'f_praxis',
    flowVersion: 1,
    record: noteWith(canary),
    callerNumber: '+4930999888',
    retention: { mode: 'ttl', days: 7 },
    zeroPersistence,
    delivery: { inbox: true },
  };
}

describe('volatile notes across worker processes', () => {
  it('the inbox of the other worker lists and opens a note held by the worker that took the call', async () => {
    const call = volatileCall('Eule');
    await workers[0].accept(call);
    const listed = await workers[1].inbox.list(tenantId);
    expect(listed.map((i) => [i.txId, i.stored])).toEqual([[call.record.txId, false]]);
    expect((await workers[1].inbox.read(tenantId, call.record.txId))?.record.concern).toContain('Eule');
    // Another organisation sees nothing of it, from either worker.
    const other = (await store.tenants.create('Kanzlei')).id;
    expect(await workers[1].inbox.list(other)).toEqual([]);
    expect(await workers[1].inbox.read(other, call.record.txId)).toBeUndefined();
    // Held once, by the worker that took the call: nothing was copied to the other.
    expect(workers[1].memory.list(tenantId)).toEqual([]);
    expect(await store.callNotes.get(tenantId, call.record.txId)).toBeUndefined();
  });

  it('"done", reopen and delete from the other worker act on the holder', async () => {
    const first = volatileCall('Amsel');
    const second = volatileCall('Drossel');
    await workers[0].accept(first);
    await workers[0].accept(second);
    expect(await workers[1].inbox.reopen(tenantId, first.record.txId)).toBe(true);
    expect(await workers[1].inbox.markDone(tenantId, first.record.txId)).toBe(true);
    expect(workers[0].memory.get(tenantId, first.record.txId)).toBeUndefined();
    expect(await workers[1].inbox.markDone(tenantId, first.record.txId)).toBe(false);
    expect(await workers[1].inbox.delete(tenantId, second.record.txId)).toBe(true);
    expect(workers[0].memory.list(tenantId)).toEqual([]);
    expect(await workers[0].inbox.list(tenantId)).toEqual([]);
  });

  it("finds and erases a caller's volatile notes held by a sibling (GDPR requests)", async () => {
    const call = volatileCall('Meise');
    await workers[0].accept(call);
    expect((await workers[1].subjects.find(tenantId, '+4930999888')).map((m) => m.txId)).toEqual([
      call.record.txId,
    ]);
    const exported = await workers[1].subjects.export(tenantId, '+4930999888');
    expect(exported.records.map((r) => r.txId)).toEqual([call.record.txId]);
    expect(await workers[1].subjects.erase(tenantId, '+4930999888')).toBe(1);
    expect(workers[0].memory.list(tenantId)).toEqual([]);
  });

  it('stored notes are read without asking the siblings; a list asks them once', async () => {
    const stored = volatileCall('Star', false);
    await workers[0].accept(stored);
    expect((await workers[1].inbox.read(tenantId, stored.record.txId))?.stored).toBe(true);
    expect(await workers[1].inbox.reopen(tenantId, stored.record.txId)).toBe(true);
    expect(asked).toEqual([]);
    expect((await workers[1].inbox.list(tenantId)).map((i) => i.txId)).toEqual([stored.record.txId]);
    expect(asked).toEqual([VOLATILE_LIST]);
  });

  it('a sibling that does not answer is left out; the own notes still show', async () => {
    const held = volatileCall('Specht');
    const own = volatileCall('Kleiber');
    await workers[0].accept(held);
    await workers[1].accept(own);
    silence(0);
    const listed = await workers[1].inbox.list(tenantId);
    expect(listed.map((i) => i.txId)).toEqual([own.record.txId]);
    expect(await workers[1].inbox.read(tenantId, held.record.txId)).toBeUndefined();
  }, 15_000);
});

describe('note arrivals across worker processes', () => {
  it('an inbox listening on the other worker hears a note stored or held by this one, by id only', async () => {
    const heard: string[] = [];
    const otherOrganisation: string[] = [];
    workers[1].noteEvents.subscribe(tenantId, (txId) => heard.push(txId));
    workers[1].noteEvents.subscribe('t_other', (txId) => otherOrganisation.push(txId));
    const held = volatileCall('Zaunkoenig');
    const stored = volatileCall('Rotkehlchen', false);
    await workers[0].accept(held);
    await workers[0].accept(stored);
    await expect.poll(() => heard).toEqual([held.record.txId, stored.record.txId]);
    expect(otherOrganisation).toEqual([]);
    // The stored one is in the shared database: the other worker opens it like its own.
    expect((await workers[1].inbox.read(tenantId, stored.record.txId))?.stored).toBe(true);
  });
});
