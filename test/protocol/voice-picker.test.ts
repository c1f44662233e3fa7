// The voice picker's server side against the ElevenLabs fake through the real SDK: the account's
// voices (asked once, then cached), „Probehören" = the flow's greeting in the chosen voice from
// the prompt cache, and what the vendor sees of it (static prompt text only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speakingTimeMs } from '../../engine/src/audio/synthetic-speech';
import { FAKE_VOICES } from '../fakes/elevenlabs-server';
import { startPhoneServer, type PhoneServer } from './phone-server';

let env: PhoneServer;
let flowId: string;
beforeAll(async () => {
  env = await startPhoneServer();
  flowId = (await env.store.flows.findBySlug(env.tenantId, 'arztpraxis'))!.id;
});
afterAll(async () => env?.close());

describe('voice list', () => {
  it("lists the account's voices with names and labels, and asks the vendor only once", async () => {
    const first = await env.asOwner('GET', '/api/voices');
    expect(first.status).toBe(200);
    const body = (await first.json()) as { voices: { id: string; name: string }[]; defaultVoiceId: string };
    expect(body.voices.map((v) => [v.id, v.name])).toEqual(FAKE_VOICES.map((v) => [v.voice_id, v.name]));
    expect(body.voices[1]).toMatchObject({ labels: { gender: 'male', language: 'de' }, category: 'premade' });
    expect(body.defaultVoiceId).toBe('voice-de');
    await env.asOwner('GET', '/api/voices');
    expect(env.eleven.voiceListRequests).toBe(1);
  });

  it('needs a session', async () => {
    expect((await fetch(`${env.serverUrl}/api/voices`)).status).toBe(401);
  });
});

describe('„Probehören"', () => {
  const preview = (voiceId: string) => env.asOwner('POST', `/api/flows/${flowId}/voice-preview`, { voiceId });

  it("plays the flow's greeting in the chosen voice, then from the prompt cache", async () => {
    const before = env.eleven.requests.length;
    const res = await preview('voice-de-2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/basic');
    const audio = new Uint8Array(await res.arrayBuffer());
    const asked = env.eleven.requests.slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((r) => r.voiceId === 'voice-de-2')).toBe(true);
    // The AI disclosure opens every flow: the greeting is what a caller hears first.
    const texts = asked.map((r) => String(r.body.text));
    expect(texts.join(' ')).toMatch(/KI|künstliche/i);
    expect(audio.length).toBe(texts.reduce((n, t) => n + speakingTimeMs(t) * 8, 0));
    // Again: the same audio, not one more vendor request.
    const again = new Uint8Array(await (await preview('voice-de-2')).arrayBuffer());
    expect(env.eleven.requests.length).toBe(before + asked.length);
    expect(Buffer.from(again).equals(Buffer.from(audio))).toBe(true);
  });

  it('sends the vendor nothing but the prompt text and synthesis settings', async () => {
    const before = env.eleven.requests.length;
    await preview('voice-en');
    for (const r of env.eleven.requests.slice(before))
      expect(Object.keys(r.body).sort()).toEqual(['language_code', 'model_id', 'text']);
  });

  it('refuses a malformed voice id before any vendor request', async () => {
    const before = env.eleven.requests.length;
    expect((await preview('../v1/voices')).status).toBe(400);
    expect(env.eleven.requests.length).toBe(before);
  });

  it('answers 502 when the vendor refuses, and logs only a code', async () => {
    env.eleven.failNext({ kind: 'status', status: 401 });
    const res = await preview('voice-unknown');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('voice_preview_failed');
    expect(
      env.logLines.some((l) => l.includes('"voices.vendor"') && l.includes('voice_preview_failed')),
    ).toBe(true);
  });
});
