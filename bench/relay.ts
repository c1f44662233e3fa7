// The baseline for the turns benchmark: a phone "agent" with zero logic on the same wire and the
// same vendor SDKs as the engine. It answers the Twilio webhook, takes the media stream, feeds
// the caller's audio to the recognizer and answers each caller turn the moment the recognizer's
// first final result arrives — with the provider work the engine did for that turn (the model,
// then the voice, or audio from the cache), played through the same Playback and pacer. No
// interpreter, no end-of-turn wait, no listening phases: what is left is the physical floor.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock } from '../engine/src/ports/clock';
import type { Extractor } from '../engine/src/ports/extractor';
import type { SpeechSession, SpeechToText } from '../engine/src/ports/speech-to-text';
import type { TextToSpeech } from '../engine/src/ports/text-to-speech';
import { connectStreamTwiml } from '../engine/src/providers/twilio/twiml';
import { Playback } from '../engine/src/runtime/playback';
import { MemoryPromptCache, voiceCacheKey } from '../engine/src/runtime/prompt-cache';
import { markMessage, mediaMessage, parseTwilioMessage } from '../engine/src/transports/twilio/codec';
import { speakingTimeMs, syntheticSpeech } from '../engine/src/audio/synthetic-speech';

/** What answers one caller turn: the words of the answer, and which providers produce its first audio. */
export interface RelayTurn {
  readonly text: string;
  /** The model is asked first (the engine's answer needed an extraction). */
  readonly llm: boolean;
  /** The voice synthesizes the answer; otherwise it comes from the cache. */
  readonly tts: boolean;
}

export interface RelayOptions {
  readonly stt: SpeechToText;
  readonly tts: TextToSpeech;
  readonly extractor: Extractor;
  /** The public base URL the caller harness maps to this server. */
  readonly publicBaseUrl: string;
  readonly leadMs: number;
}

export interface Relay {
  readonly url: string;
  /** The greeting and the answers of the next call, turn by turn. */
  plan(greeting: string, turns: readonly RelayTurn[]): void;
  close(): Promise<void>;
}

const VOICE = { voiceId: 'relay', languageCode: 'de-DE' };

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const cache = new MemoryPromptCache();
  let greeting = '';
  let turns: readonly RelayTurn[] = [];
  const http: Server = createServer((req, res) => {
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        connectStreamTwiml({
          streamUrl: `${options.publicBaseUrl.replace(/^http/, 'ws')}/relay`,
          parameters: {},
        }),
      );
    });
  });
  const wss = new WebSocketServer({ server: http, path: '/relay' });
  wss.on('connection', (socket) => relayCall(socket, options, cache, greeting, turns));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    plan(g, t) {
      greeting = g;
      turns = t;
      // Whatever the engine had in its cache, the relay has too (audio of the same length).
      for (const [i, text] of [g, ...t.map((x) => x.text)].entries())
        cache.set(voiceCacheKey(VOICE.voiceId, `relay:${i}`), syntheticSpeech(speakingTimeMs(text)));
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

function relayCall(
  socket: WebSocket,
  options: RelayOptions,
  cache: MemoryPromptCache,
  greeting: string,
  turns: readonly RelayTurn[],
): void {
  let playback: Playback | null = null;
  let stt: SpeechSession | null = null;
  let turn = 0;
  const say = (index: number, text: string, cached: boolean) =>
    playback?.speak({ promptId: `relay-${index}`, text, ...(cached ? { cacheKey: `relay:${index}` } : {}) });
  const listen = () => {
    const session = options.stt.open({ languageCode: VOICE.languageCode });
    stt = session;
    void (async () => {
      for await (const e of session.events) {
        if (e.type !== 'transcript' || !e.isFinal || stt !== session) continue;
        stt = null;
        void session.close();
        const t = turns[turn++];
        if (!t) return;
        listen();
        if (t.llm)
          await options.extractor
            .extract({ fields: [{ key: 'x', type: 'text', label: 'x' }], text: e.text, language: 'de-DE' })
            .catch(() => undefined);
        await say(turn, t.text, !t.tts)?.catch(() => undefined);
        return;
      }
    })().catch(() => undefined);
  };
  socket.on('message', (data) => {
    const parsed = parseTwilioMessage(String(data));
    if (!parsed.ok) return;
    const msg = parsed.message;
    if (msg.type === 'start') {
      playback = new Playback({
        clock: systemClock,
        sink: {
          media: (f) => socket.send(mediaMessage(msg.streamSid, f)),
          mark: (n) => socket.send(markMessage(msg.streamSid, n)),
          clear: () => undefined,
        },
        tts: options.tts,
        cache,
        voice: VOICE,
        leadMs: options.leadMs,
      });
      void say(0, greeting, true);
      listen();
    } else if (msg.type === 'media') stt?.write(msg.audio);
  });
  socket.on('close', () => {
    playback?.stop();
    void stt?.close();
    stt = null;
  });
}
