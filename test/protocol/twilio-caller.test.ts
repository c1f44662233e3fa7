// The Twilio caller harness against a miniature engine built from the real codec, pacer,
// signature check and TwiML builder over loopback sockets. Proves the harness behaves like
// Twilio (signing, start parameters, paced playback, mark echoes, clear) and that the
// transport pieces fit together: paced greeting, barge-in `clear`, DTMF, hangup.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { systemClock } from '../../engine/src/ports/clock';
import { isValidTwilioSignature } from '../../engine/src/providers/twilio/signature';
import { connectStreamTwiml } from '../../engine/src/providers/twilio/twiml';
import {
  clearMessage,
  markMessage,
  mediaMessage,
  parseTwilioMessage,
  type TwilioInbound,
} from '../../engine/src/transports/twilio/codec';
import { MediaFrameReader } from '../../engine/src/transports/twilio/media-fast-path';
import { EnergyVad } from '../../engine/src/audio/energy';
import { Pacer } from '../../engine/src/audio/pacer';
import { syntheticSpeech, toFrames } from '../../engine/src/audio/synthetic-speech';
import { TwilioCaller } from '../harness/twilio-caller';
import { inboundMediaMessage, mediaPayload, ReceivedMedia } from '../harness/twilio-wire';

const authToken = 'twilio-test-token';
const publicBaseUrl = 'https://voice.example.de';

interface MiniEngine {
  readonly url: string;
  readonly inbound: TwilioInbound[];
  readonly sessionsOpened: number;
  close(): Promise<void>;
}

/** Greets with `greetingMs` of audio + mark on a valid start; clears on caller speech. */
async function startMiniEngine(greetingMs: number, burst = false): Promise<MiniEngine> {
  const inbound: TwilioInbound[] = [];
  let sessionsOpened = 0;
  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const signature = req.headers['x-twilio-signature'] as string | undefined;
      if (!isValidTwilioSignature(authToken, signature, publicBaseUrl + req.url, params)) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        connectStreamTwiml({
          streamUrl: 'wss://voice.example.de/twilio/media',
          parameters: { token: `ok-${params.CallSid}` },
        }),
      );
    });
  });
  const wss = new WebSocketServer({ server: http, path: '/twilio/media' });
  wss.on('connection', (socket) => {
    let streamSid = '';
    let pacer: Pacer | null = null;
    const vad = new EnergyVad();
    socket.on('message', (data) => {
      const parsed = parseTwilioMessage(String(data));
      if (!parsed.ok) return;
      const msg = parsed.message;
      inbound.push(msg);
      if (msg.type === 'start') {
        if (msg.customParameters.token !== `ok-${msg.callSid}`) return socket.close(1008);
        sessionsOpened++;
        streamSid = msg.streamSid;
        pacer = new Pacer({
          clock: systemClock,
          // burst: everything at once, so Twilio (the harness) holds a long buffer and the mark.
          leadMs: burst ? 60_000 : 200,
          send: (item) =>
            socket.send(
              item.kind === 'media' ? mediaMessage(streamSid, item.frame) : markMessage(streamSid, item.name),
            ),
        });
        pacer.enqueue(toFrames(syntheticSpeech(greetingMs, { seed: 9 })));
        pacer.mark('greeting');
      } else if (msg.type === 'media' && vad.push(msg.audio) === 'begin' && pacer && (burst || !pacer.idle)) {
        pacer.clear();
        socket.send(clearMessage(streamSid));
      } else if (msg.type === 'stop') {
        pacer?.stop();
        socket.close(1000);
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    inbound,
    get sessionsOpened() {
      return sessionsOpened;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function setup(greetingMs: number, callerOptions: { signWithToken?: string } = {}, burst = false) {
  const engine = await startMiniEngine(greetingMs, burst);
  cleanup.push(() => engine.close());
  const caller = new TwilioCaller({
    serverUrl: engine.url,
    publicBaseUrl,
    authToken,
    to: '+4930123456',
    ...callerOptions,
  });
  return { engine, caller };
}

describe('Twilio caller harness (against a miniature engine on real sockets)', () => {
  it('signs the voice webhook like Twilio and reads the stream URL and token from the TwiML', async () => {
    const { caller } = await setup(200);
    const answer = await caller.placeCall();
    expect(answer.status).toBe(200);
    expect(answer.stream).toEqual({
      url: 'wss://voice.example.de/twilio/media',
      parameters: { token: `ok-${caller.callSid}` },
    });
  });

  it('gets rejected when signing with the wrong token', async () => {
    const { caller } = await setup(200, { signWithToken: 'not-the-token' });
    expect((await caller.placeCall()).status).toBe(403);
  });

  it('receives a paced greeting and echoes its mark only after the audio has played', async () => {
    const { caller } = await setup(1000);
    await caller.connect(await caller.placeCall());
    const mark = await caller.waitForMark('greeting', 3000);
    await new Promise((r) => setTimeout(r, 1100));
    const frames = caller.mediaFrames;
    expect(frames).toHaveLength(50);
    expect(frames.every((f) => f.audio.length === 160)).toBe(true);
    // At most ~200 ms ahead: the last frame leaves about 800 ms after the first.
    expect(frames[49].at - frames[0].at).toBeGreaterThan(650);
    const echo = caller.echoedMarks.find((m) => m.name === 'greeting');
    expect(echo).toBeDefined();
    expect(echo!.at - frames[0].at).toBeGreaterThanOrEqual(950);
    expect(mark.at).toBeLessThan(echo!.at);
    await caller.hangup();
  });

  it('barge-in: caller speech during the greeting gets a clear within a few frames and the audio stops', async () => {
    const { caller } = await setup(5000);
    await caller.connect(await caller.placeCall());
    await caller.waitForMedia();
    await caller.pause(300);
    const speechStarted = performance.now();
    void caller.speak(400);
    const clear = await caller.waitForClear(0, 2000);
    expect(clear.at - speechStarted).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 300));
    const afterClear = caller.mediaFrames.filter((f) => f.at > clear.at + 20);
    expect(afterClear).toHaveLength(0);
    expect(caller.echoedMarks.map((m) => m.name)).toEqual([]);
    expect(caller.mediaFrames.length).toBeLessThan(60);
    await caller.hangup();
  });

  it('on clear, echoes marks still waiting for playback at once (as Twilio does)', async () => {
    const { caller } = await setup(3000, {}, true);
    await caller.connect(await caller.placeCall());
    await caller.waitForMark('greeting');
    await caller.speak(200);
    const clear = await caller.waitForClear(0, 2000);
    const echo = caller.echoedMarks.find((m) => m.name === 'greeting');
    expect(echo).toBeDefined();
    expect(echo!.at - clear.at).toBeLessThan(50);
    expect(echo!.at - caller.mediaFrames[0].at).toBeLessThan(1500);
    await caller.hangup();
  });

  it('delivers start parameters, media with string counters, DTMF and stop to the engine in order', async () => {
    const { engine, caller } = await setup(100);
    await caller.connect(await caller.placeCall());
    await caller.speak(100);
    caller.dtmf('0');
    await caller.hangup();
    const types = engine.inbound.map((m) => m.type);
    expect(types[0]).toBe('connected');
    expect(types[1]).toBe('start');
    expect(types.filter((t) => t === 'media')).toHaveLength(5);
    expect(types.slice(-2)).toEqual(['dtmf', 'stop']);
    const media = engine.inbound.filter(
      (m): m is Extract<TwilioInbound, { type: 'media' }> => m.type === 'media',
    );
    expect(media.map((m) => m.chunk)).toEqual([1, 2, 3, 4, 5]);
    expect(media[4].timestampMs).toBeGreaterThanOrEqual(60);
    expect(engine.sessionsOpened).toBe(1);
  });

  it('a forged stream token opens no session and the socket is closed', async () => {
    const { engine, caller } = await setup(100);
    await caller.connect(await caller.placeCall(), { parameters: { token: 'forged' } });
    expect((await caller.closed()).code).toBe(1008);
    expect(engine.sessionsOpened).toBe(0);
    expect(caller.mediaFrames).toHaveLength(0);
  });
});

// The load caller builds and reads the frequent messages without JSON objects: they must stay
// exactly what Twilio sends (the engine's fast path reads that shape) and what the engine sends.
const someFrame = Uint8Array.from({ length: 160 }, (_, i) => (i * 37) & 0xff);

describe('the caller harness messages', () => {
  it('an inbound frame is byte for byte the JSON Twilio sends, and the engine reads its audio', () => {
    const text = inboundMediaMessage('MZ0123abcd', '42', 41, 819.6, someFrame);
    expect(text).toBe(
      JSON.stringify({
        event: 'media',
        sequenceNumber: '42',
        media: {
          track: 'inbound',
          chunk: '41',
          timestamp: '820',
          payload: Buffer.from(someFrame).toString('base64'),
        },
        streamSid: 'MZ0123abcd',
      }),
    );
    const parsed = parseTwilioMessage(text);
    expect(parsed.ok && parsed.message.type === 'media' && [...parsed.message.audio]).toEqual([...someFrame]);
    expect([...(new MediaFrameReader().read(Buffer.from(text)) ?? [])]).toEqual([...someFrame]);
  });

  it("reads the engine's media messages without a JSON parse, and leaves everything else to it", () => {
    const payload = mediaPayload(mediaMessage('MZ1', someFrame));
    expect(payload).toBe(Buffer.from(someFrame).toString('base64'));
    expect([...new ReceivedMedia(1, payload ?? '').audio]).toEqual([...someFrame]);
    expect(mediaPayload(markMessage('MZ1', 'p1'))).toBeUndefined();
    expect(mediaPayload('{"event":"media","media":{"payload":"ab\\"cd"}}')).toBeUndefined();
    expect(mediaPayload('{"event":"media","media":{}}')).toBeUndefined();
  });
});
