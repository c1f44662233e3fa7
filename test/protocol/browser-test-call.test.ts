// Issue 24 on the wire: the designer's voice test call through the browser transport, driven by
// a socket client that speaks exactly what the page's worklet sends (test/harness/browser-caller.ts),
// against the real server, the real SDKs and the vendor fakes. The socket refuses (no session,
// foreign Origin, no ticket, a used ticket, another organisation's ticket) before any speech,
// voice or LLM session; a call runs the phone path's session (greeting, consent by voice, a field,
// DTMF, a simulated transfer, barge-in, hang-up), marked as a test, with no note unless asked;
// a zero-persistence call leaves no trace of the caller's words in the data dir or the logs.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFiles } from '../privacy/canary';
import { BrowserCaller } from '../harness/browser-caller';
import { startPhoneServer, waitFor, type PhoneServer } from './phone-server';

let env: PhoneServer;
let praxisId: string;
let wsUrl: string;
let ownOrigin: string;

beforeAll(async () => {
  env = await startPhoneServer();
  praxisId = (await env.store.flows.findBySlug(env.tenantId, 'arztpraxis'))!.id;
  wsUrl = `${env.serverUrl.replace('http:', 'ws:')}/api/voice-test/socket`;
  ownOrigin = env.serverUrl;
}, 30_000);
afterAll(async () => env?.close());

let seed = 100;

/** The owner's Cookie header, as asOwner sends it. */
async function ownerCookie(): Promise<string> {
  const { cookie } = await env.sessionOf(env.tenantId, `tester${seed++}@praxis.example`);
  return cookie;
}

async function ticketFor(flowId: string, body: Record<string, unknown> = {}) {
  const res = await env.asOwner('POST', `/api/flows/${flowId}/test-calls`, body);
  expect(res.status).toBe(201);
  return (await res.json()) as { ticket: string; maxSeconds: number; socketPath: string };
}

function providersUntouched() {
  const before = {
    stt: env.google.streams.length,
    tts: env.eleven.requests.length,
    llm: env.openai.requests.length,
  };
  return () =>
    expect({
      stt: env.google.streams.length,
      tts: env.eleven.requests.length,
      llm: env.openai.requests.length,
    }).toEqual(before);
}

const caller = async (extra: { cookie?: string; origin?: string; holdMarks?: boolean } = {}) =>
  new BrowserCaller({
    url: wsUrl,
    cookie: extra.cookie ?? (await ownerCookie()),
    origin: extra.origin ?? ownOrigin,
    ...(extra.holdMarks ? { holdMarks: true } : {}),
  });

describe('the socket refuses before any provider session', () => {
  it('without a session (401) and from a foreign Origin (403)', async () => {
    const untouched = providersUntouched();
    const anonymous = await caller({ cookie: '' });
    expect(await anonymous.refused).toBe(401);
    const foreign = await caller({ origin: 'https://evil.example' });
    expect(await foreign.refused).toBe(403);
    const none = await caller({ origin: '' });
    expect(await none.refused).toBe(403);
    untouched();
  });

  it('without a ticket as the first message', async () => {
    const untouched = providersUntouched();
    const c = await caller();
    expect(await c.opened()).toBe(true);
    c.dtmf('1');
    expect(await c.closed).toEqual({ code: 1008, reason: 'no_ticket' });
    untouched();
  });

  it('a ticket used once already (or made up)', async () => {
    const { ticket } = await ticketFor(praxisId);
    const first = await caller();
    await first.opened();
    first.start(ticket);
    // The first call's greeting is synthesized by now; from here on nothing may reach a vendor.
    await first.until(
      () => first.heardPrompts().includes('begruessung/question'),
      'the first call listening',
    );
    const untouched = providersUntouched();
    const second = await caller();
    await second.opened();
    second.start(ticket);
    expect(await second.closed).toEqual({ code: 1008, reason: 'bad_ticket' });
    const third = await caller();
    await third.opened();
    third.start('made-up-ticket');
    expect(await third.closed).toEqual({ code: 1008, reason: 'bad_ticket' });
    untouched();
    first.hangup();
    await first.closed;
  });

  it("another organisation's ticket", async () => {
    const other = await env.store.tenants.create('Andere Praxis');
    const { cookie } = await env.sessionOf(other.id, 'fremd@andere-praxis.example');
    const { ticket } = await ticketFor(praxisId);
    const untouched = providersUntouched();
    const c = await caller({ cookie });
    await c.opened();
    c.start(ticket);
    expect(await c.closed).toEqual({ code: 1008, reason: 'other_organisation' });
    untouched();
  });
});

describe('the ticket', () => {
  it('needs the CSRF token of the session', async () => {
    const res = await fetch(`${env.serverUrl}/api/flows/${praxisId}/test-calls`, {
      method: 'POST',
      headers: { Cookie: await ownerCookie(), 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('is refused beyond 2 calls at once per organisation (429), and free again after a hang-up', async () => {
    const calls: BrowserCaller[] = [];
    for (let i = 0; i < 2; i++) {
      const { ticket } = await ticketFor(praxisId);
      const c = await caller();
      await c.opened();
      c.start(ticket);
      await c.until(() => c.of('started').length > 0, 'a call to start');
      calls.push(c);
    }
    const refused = await env.asOwner('POST', `/api/flows/${praxisId}/test-calls`, {});
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('test_call_limit');
    calls[0].hangup();
    await calls[0].closed;
    await ticketFor(praxisId);
    calls[1].close();
    await calls[1].closed;
  });
});

describe('a voice test call', () => {
  it('greets, understands consent by voice and a name, keys DTMF, simulates the transfer, hangs up', async () => {
    const { ticket, maxSeconds } = await ticketFor(praxisId);
    expect(maxSeconds).toBe(600);
    const c = await caller();
    await c.opened();
    c.start(ticket);
    await c.until(() => c.heardPrompts().includes('begruessung/question'), 'the consent question');
    expect(c.of('started')[0]).toMatchObject({ delivers: false, maxSeconds: 600 });
    expect(c.of('step')[0]).toEqual({ type: 'step', node: 'begruessung' });
    expect(c.frames.length).toBeGreaterThan(50);
    expect(c.frames.every((f) => f.bytes === 160)).toBe(true);

    env.google.say('Ja, gern.');
    await c.speak(600, seed++);
    await c.until(() => c.heardPrompts().includes('personalien/name.prompt'), 'the name question');
    expect(c.of('heard')).toContainEqual({ type: 'heard', text: 'Ja, gern.' });
    expect(c.of('step').map((s) => s.node)).toContain('personalien');

    env.google.say('Erika Mustermann');
    await c.speak(700, seed++);
    await c.until(() => c.of('heard').some((h) => h.text === 'Erika Mustermann'), 'the name understood');

    c.dtmf('0');
    await c.until(() => c.of('transfer').length > 0, 'the simulated transfer');
    expect(c.of('heard')).toContainEqual({ type: 'heard', digit: '0' });
    expect(c.of('step').map((s) => s.node)).toContain('weiterleitung');
    c.transfer('no-answer');
    await c.until(
      () => c.of('step').some((s) => s.node === 'rueckruf_dringend'),
      'the fallback after no answer',
    );

    c.hangup();
    expect((await c.closed).code).toBe(1000);
    expect(c.of('ended')).toEqual([{ type: 'ended', reason: 'hangup' }]);
    // Test calls log under their own events, never the caller's words.
    const lines = env.logLines.filter((l) => l.includes('"voicetest.'));
    expect(lines.length).toBeGreaterThan(0);
    expect(env.logLines.join('\n')).not.toContain('Mustermann');
  });

  it("barge-in: caller speech during a prompt clears the page's playback", async () => {
    const { ticket } = await ticketFor(praxisId);
    const c = await caller({ holdMarks: true });
    await c.opened();
    c.start(ticket);
    await c.until(() => c.of('mark').length >= 2, 'the greeting sent');
    c.playAll();
    env.google.say('Ja.');
    await c.speak(600, seed++);
    await c.until(
      () => c.of('mark').some((m) => m.name.startsWith('personalien/')),
      'the name question sent',
    );
    // The name question is still "playing" (mark held): speaking now interrupts it.
    env.google.say('Erika Mustermann');
    await c.speak(700, seed++);
    await c.until(() => c.of('clear').length > 0, 'clear');
    c.hangup();
    await c.closed;
  });
});

describe('zero persistence', () => {
  it('a browser test call of a zero-persistence flow, note delivered on request, leaves no trace', async () => {
    const doc = env.exampleDoc('kanzlei');
    doc.settings.delivery = { inbox: false, webhookUrl: env.webhook.url };
    const flowId = await env.publish(doc, 'kanzlei-probe', '+4930555100091');
    const canary = `Quirin Zz${randomBytes(5).toString('hex').replace(/[0-9]/g, 'q')}`;
    const { ticket } = await ticketFor(flowId, { version: 1, deliver: true });
    const c = await caller();
    await c.opened();
    c.start(ticket);
    await c.until(() => c.heardPrompts().includes('begruessung/question'), 'the consent question');
    expect(c.of('started')[0]).toMatchObject({ delivers: true });
    env.google.say('Ja.');
    await c.speak(600, seed++);
    await c.until(() => c.heardPrompts().some((p) => p.startsWith('kontakt/')), 'the name question');
    env.google.say(canary);
    await c.speak(700, seed++);
    await c.until(() => c.of('heard').some((h) => h.text === canary), 'the canary understood');
    c.hangup();
    await c.closed;
    await waitFor(() => env.webhook.bodies.some((b) => b.includes(canary)), 'the note at the webhook');
    const delivered = JSON.parse(env.webhook.bodies.find((b) => b.includes(canary))!) as {
      record: { test?: boolean };
    };
    expect(delivered.record.test).toBe(true);
    expect(scanFiles([env.dataDir], canary)).toEqual([]);
    expect(env.logLines.join('\n')).not.toContain(canary);
  });
});
