// The whole voice pipeline over loopback sockets with the real SDKs against the wire-level
// fakes: Twilio caller harness ⇄ (codec + CallSession) ⇄ Google gRPC fake, ElevenLabs HTTP fake,
// Twilio REST fake. A caller refuses consent and is handed to the allow-listed number with a
// whisper. The route here is a stand-in for the server's Twilio routes (a later step).
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { baseFlow, compiled, MONDAY_9 } from '../../engine/src/flow/interpreter/testing';
import type { CallRecord } from '../../engine/src/flow/record/schema';
import { systemClock } from '../../engine/src/ports/clock';
import { ElevenLabsTextToSpeech } from '../../engine/src/providers/elevenlabs/text-to-speech';
import { GoogleSpeechToText } from '../../engine/src/providers/google/speech-to-text';
import { isValidTwilioSignature } from '../../engine/src/providers/twilio/signature';
import { TwilioTelephony } from '../../engine/src/providers/twilio/telephony';
import { connectStreamTwiml } from '../../engine/src/providers/twilio/twiml';
import { CallSession } from '../../engine/src/runtime/call-session';
import { MemoryPromptCache } from '../../engine/src/runtime/prompt-cache';
import {
  clearMessage,
  markMessage,
  mediaMessage,
  parseTwilioMessage,
} from '../../engine/src/transports/twilio/codec';
import { startElevenLabsFake } from '../fakes/elevenlabs-server';
import { startGoogleSpeechFake } from '../fakes/google-speech-server';
import { startTwilioRestFake } from '../fakes/twilio-rest-server';
import { TwilioCaller } from '../harness/twilio-caller';

const accountSid = 'AC00000000000000000000000000000001';
const authToken = 'twilio-test-token';
const publicBaseUrl = 'https://voice.example.de';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function startPipeline() {
  const google = await startGoogleSpeechFake();
  const eleven = await startElevenLabsFake({ apiKey: 'xi' });
  const rest = await startTwilioRestFake({ accountSid, authToken });
  const stt = new GoogleSpeechToText({ endpoint: google.endpoint, insecure: true });
  const tts = new ElevenLabsTextToSpeech({ apiKey: 'xi', baseUrl: eleven.baseUrl });
  const telephony = new TwilioTelephony({ accountSid, authToken, apiBaseUrl: rest.baseUrl });
  const delivered: CallRecord[] = [];
  const cache = new MemoryPromptCache();

  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      if (
        !isValidTwilioSignature(
          authToken,
          req.headers['x-twilio-signature'] as string,
          publicBaseUrl + req.url,
          params,
        )
      )
        return void res.writeHead(403).end();
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        connectStreamTwiml({
          streamUrl: `wss://voice.example.de/twilio/media`,
          parameters: { token: `ok-${params.CallSid}` },
        }),
      );
    });
  });
  const wss = new WebSocketServer({ server: http, path: '/twilio/media' });
  wss.on('connection', (socket) => {
    let session: CallSession | null = null;
    socket.on('message', (data) => {
      const parsed = parseTwilioMessage(String(data));
      if (!parsed.ok) return;
      const msg = parsed.message;
      if (msg.type === 'start') {
        if (msg.customParameters.token !== `ok-${msg.callSid}`) return socket.close(1008);
        const startedAt = performance.now();
        session = new CallSession({
          flow: compiled(baseFlow()),
          context: { txId: 'tx-e2e', startedAt: MONDAY_9, channel: 'phone' },
          callSid: msg.callSid,
          stt,
          tts,
          telephony,
          sink: {
            media: (f) => socket.send(mediaMessage(msg.streamSid, f)),
            mark: (n) => socket.send(markMessage(msg.streamSid, n)),
            clear: () => socket.send(clearMessage(msg.streamSid)),
            close: () => socket.close(1000),
          },
          clock: systemClock,
          now: () => MONDAY_9 + (performance.now() - startedAt),
          voice: { voiceId: 'voice-de', languageCode: 'de-DE' },
          cache,
          resolveTarget: (id) =>
            id === 'empfang'
              ? {
                  number: '+4930123456',
                  whisperUrl: `${publicBaseUrl}/twilio/whisper/w1`,
                  actionUrl: `${publicBaseUrl}/twilio/dial/d1`,
                }
              : undefined,
          deliver: (r) => delivered.push(r),
          leadMs: 600_000, // the harness models playback time (accelerated)
        });
        session.start();
      } else if (msg.type === 'media') session?.onAudio(msg.audio);
      else if (msg.type === 'mark') session?.onMark(msg.name);
      else if (msg.type === 'dtmf') session?.onDtmf(msg.digit);
      else if (msg.type === 'stop') session?.onHangup();
    });
    socket.on('close', () => session?.onHangup());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  cleanup.push(
    () => google.close(),
    () => eleven.close(),
    () => rest.close(),
    () => stt.close(),
    () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${port}`, google, eleven, rest, delivered };
}

describe('voice pipeline end to end (real SDKs, fake vendors, real sockets)', () => {
  it('greets, hears "nein", announces and transfers via Twilio REST with the whisper', async () => {
    const p = await startPipeline();
    const caller = new TwilioCaller({
      serverUrl: p.url,
      publicBaseUrl,
      authToken,
      accountSid,
      to: '+4930999999',
      speed: 10,
    });
    await caller.connect(await caller.placeCall());
    await caller.waitForMark(undefined, 30_000);
    // Wait until both prompts were heard (marks echoed), then answer.
    await new Promise((r) => setTimeout(r, 800));
    expect(p.eleven.requests.map((r) => r.body.text)).toEqual([
      'Sie sprechen mit einem KI-Assistenten.',
      'Einverstanden?',
    ]);
    expect(caller.echoedMarks).toHaveLength(2);
    p.google.say('nein');
    await caller.speak(600, 3);
    await caller.pause(600);
    const update = await p.rest.waitForUpdate(undefined, 30_000);
    expect(p.eleven.requests.at(-1)?.body.text).toBe('Ich verbinde.');
    expect(update.callSid).toBe(caller.callSid);
    expect(update.params.Twiml).toContain(
      '<Number url="https://voice.example.de/twilio/whisper/w1" method="POST">+4930123456</Number>',
    );
    expect(p.google.streams[0].config).toMatchObject({
      config: { encoding: 'MULAW', sampleRateHertz: 8000, languageCode: 'de-DE' },
    });
    // Only the caller's answer reached Google: never the audio during the AI disclosure.
    expect(p.google.streams.reduce((ms, s) => ms + s.audioMs, 0)).toBeLessThan(2500);
    await caller.hangup();
  });
});
