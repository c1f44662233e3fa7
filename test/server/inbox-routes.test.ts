// The front desk's inbox routes beyond the list: search by number (in the body, through the
// pseudonymous index, only the own organisation's notes), reopening a note marked done, and the
// live stream of new notes — only for members allowed to read notes, carrying nothing but the
// transaction id, and ending when the reader's session ends. (Every route × role × foreign id
// is also generated in isolation.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinishedCall } from '../../engine/src/ports/record-sink';
import { ROLES, type Role } from '../../engine/src/store/types';
import { noteWith } from '../privacy/records-env';
import { createHarness, publishedFlow, type Actor, type Harness } from './harness';

let h: Harness;
let flowId: string;

beforeAll(async () => {
  h = await createHarness();
  flowId = await publishedFlow(h, h.own.owner, 'empfang');
});
afterAll(() => h.records.stop());

function finished(tenantId: string, canary: string, overrides: Parameters<typeof noteWith>[1] = {}) {
  return {
    tenantId,
    flowId,
    flowVersion: 1,
    record: noteWith(canary, overrides),
    retention: { mode: 'ttl', days: 7 },
    zeroPersistence: false,
    delivery: { inbox: true },
  } satisfies FinishedCall;
}
async function note(tenantId: string, canary: string, overrides: Parameters<typeof noteWith>[1] = {}) {
  const call = finished(tenantId, canary, overrides);
  await h.records.accept(call);
  return call.record.txId;
}
async function statusByRole(method: string, path: string, body?: unknown) {
  const out = {} as Record<Role, number>;
  for (const role of ROLES) out[role] = (await h.as(h.own[role], method, path, body)).status;
  return out;
}
const READERS = { owner: 200, editor: 403, agent: 200, auditor: 403, viewer: 403 };

describe('search by number', () => {
  it('finds the notes with that number as typed (national or E.164), own organisation only, no-store', async () => {
    const mine = await note(h.own.owner.tenantId, 'Suche', {
      callback: { number: '+49301234567', priority: 'normal' },
    });
    const other = await note(h.own.owner.tenantId, 'Andere');
    const foreign = await note(h.foreign.tenantId, 'FremdeSuche', {
      callback: { number: '+49301234567', priority: 'normal' },
    });
    expect(await statusByRole('POST', '/api/inbox/search', { number: '030 1234567' })).toEqual(READERS);
    for (const typed of ['030 1234567', '+49 30 1234567', '0049 (30) 123-4567', '+49301234567']) {
      const res = await h.as(h.own.agent, 'POST', '/api/inbox/search', { number: typed });
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { calls } = (await res.json()) as { calls: { txId: string }[] };
      expect(calls.map((c) => c.txId)).toEqual([mine]);
    }
    const text = await (
      await h.as(h.own.owner, 'POST', '/api/inbox/search', { number: '030 1234567' })
    ).text();
    expect(text).not.toContain(foreign);
    expect(text).not.toContain('FremdeSuche');
    expect(text).not.toContain(other);
  });

  it('says in German first when the input is no phone number; the number never reaches the log', async () => {
    for (const number of ['12', 'abc', '030 1234567; DROP', '1'.repeat(41)]) {
      const res = await h.as(h.own.agent, 'POST', '/api/inbox/search', { number });
      expect(res.status, number).toBe(400);
      if (number.length <= 40)
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
          /^Keine Rufnummer/,
        );
    }
    expect((await h.as(h.own.agent, 'POST', '/api/inbox/search', {})).status).toBe(400);
    expect(h.logLines.join('\n')).not.toContain('1234567');
  });

  it('leaves restricted notes (Art. 18) out', async () => {
    const restricted = await note(h.own.owner.tenantId, 'Gesperrt', {
      callback: { number: '+4940555666', priority: 'normal' },
    });
    await h.store.callNotes.update(h.own.owner.tenantId, restricted, { restricted: true });
    const res = await h.as(h.own.owner, 'POST', '/api/inbox/search', { number: '040 555666' });
    expect(((await res.json()) as { calls: unknown[] }).calls).toEqual([]);
  });
});

describe('reopen', () => {
  it('undoes "done" for the front desk and the owner; others 403', async () => {
    const txId = await note(h.own.owner.tenantId, 'Wieder');
    const status = async () =>
      ((await (await h.as(h.own.agent, 'GET', `/api/calls/${txId}`)).json()) as { status: string }).status;
    expect((await h.as(h.own.agent, 'POST', `/api/calls/${txId}/done`)).status).toBe(200);
    expect(await status()).toBe('done');
    expect(await statusByRole('POST', `/api/calls/${txId}/reopen`)).toEqual({
      owner: 200,
      editor: 403,
      agent: 200,
      auditor: 403,
      viewer: 403,
    });
    expect(await status()).toBe('new');
    expect((await h.as(h.foreign, 'POST', `/api/calls/${txId}/reopen`)).status).toBe(404);
  });

  it('cannot bring back a note that "done" deleted (retention "immediate")', async () => {
    const call = { ...finished(h.own.owner.tenantId, 'Sofort'), retention: { mode: 'immediate' as const } };
    await h.records.accept(call);
    const txId = call.record.txId;
    expect((await h.as(h.own.agent, 'POST', `/api/calls/${txId}/done`)).status).toBe(200);
    expect((await h.as(h.own.agent, 'POST', `/api/calls/${txId}/reopen`)).status).toBe(404);
  });
});

/** Opens the live stream as an actor; `next()` resolves with the next event. */
async function openStream(actor: Actor) {
  const res = await h.as(actor, 'GET', '/api/inbox/events');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<{ event: string; data: string } | 'closed'> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event) return { event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' };
        continue;
      }
      const { value, done } = await reader.read();
      if (done) return 'closed';
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return { res, next, close: () => reader.cancel() };
}

describe('live stream of new notes', () => {
  it('is for members who may read notes only', async () => {
    for (const role of ROLES) {
      const res = await h.as(h.own[role], 'GET', '/api/inbox/events');
      expect(res.status, role).toBe(READERS[role]);
      await res.body?.cancel();
    }
    expect((await h.as(undefined, 'GET', '/api/inbox/events')).status).toBe(401);
    expect((await h.as(h.operator, 'GET', '/api/inbox/events')).status).toBe(403);
  });

  it("pushes the id of an own new note — nothing else, never another organisation's", async () => {
    const stream = await openStream(h.own.agent);
    expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.res.headers.get('cache-control')).toBe('no-store');
    expect(await stream.next()).toEqual({ event: 'ready', data: '{}' });
    await note(h.foreign.tenantId, 'FremdLive');
    const own = await note(h.own.owner.tenantId, 'EigenLive');
    const pushed = await stream.next();
    expect(pushed).toEqual({ event: 'note', data: JSON.stringify({ txId: own }) });
    await stream.close();
    await expect.poll(() => h.records.noteEvents.count(h.own.owner.tenantId)).toBe(0);
  });

  it('ends when the reader logs out: no push after the session is gone', async () => {
    const stream = await openStream(h.own.agent);
    await stream.next();
    expect((await h.as(h.own.agent, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
    await note(h.own.owner.tenantId, 'NachAbmeldung');
    expect(await stream.next()).toBe('closed');
    await expect.poll(() => h.records.noteEvents.count(h.own.owner.tenantId)).toBe(0);
  });
});
