// A suspended organisation's number, against the real server and the vendor fakes: the caller
// hears the short notice and the call is hung up — no media stream, no speech session, no note.
// Resumed, the same number answers with its flow again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GoogleSpeechFake } from '../fakes/google-speech-server';
import { TwilioCaller } from '../harness/twilio-caller';
import {
  ACCOUNT_SID as accountSid,
  AUTH_TOKEN as authToken,
  PUBLIC_BASE_URL as publicBaseUrl,
  startPhoneServer,
  type PhoneServer,
} from './phone-server';

const NUMBER = '+4930555000444';
let env: PhoneServer;
let google: GoogleSpeechFake;

const caller = () =>
  new TwilioCaller({ serverUrl: env.serverUrl, publicBaseUrl, authToken, accountSid, to: NUMBER, speed: 10 });
const vendorSessions = () =>
  google.streams.length + env.eleven.requests.length + env.openai.requests.length + env.rest.updates.length;

beforeAll(async () => {
  env = await startPhoneServer();
  google = env.google;
  await env.bind('arztpraxis', NUMBER);
}, 30_000);

afterAll(async () => {
  await env?.close();
});

it('a suspended organisation’s number plays the notice and hangs up without a speech session', async () => {
  await env.store.tenants.setStatus(env.tenantId, 'suspended');
  const answer = await caller().placeCall();
  expect(answer.status).toBe(200);
  expect(answer.body).toContain('Dieser Anschluss ist derzeit nicht erreichbar.');
  expect(answer.body).toContain('<Hangup/>');
  expect(answer.stream).toBeUndefined();
  expect(vendorSessions()).toBe(0);
  expect(await env.store.callNotes.list(env.tenantId, { includeTest: true })).toEqual([]);

  await env.store.tenants.setStatus(env.tenantId, 'active');
  const resumed = await caller().placeCall();
  expect(resumed.stream?.url).toBe('wss://voice.example.de/twilio/media');
});
