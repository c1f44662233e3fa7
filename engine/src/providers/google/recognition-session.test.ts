// Stream swaps in the situations the real SDK and server produce at the edges: streams handed
// out after the client was closed (their cancel() throws), and a server that ends every stream
// at its duration limit before any result.
import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../ports/provider-error';
import type { SpeechEvent } from '../../ports/speech-to-text';
import { manualClock } from '../fake/clock';
import { silence, syntheticSpeech } from '../../audio/synthetic-speech';
import { GoogleRecognitionSession, type RecognizeStream, type SessionSettings } from './recognition-session';
import type { StreamingConfig } from './streaming-config';

function session(openStream: () => RecognizeStream, clock = manualClock().clock): GoogleRecognitionSession {
  const settings: SessionSettings = {
    openStream,
    config: {} as StreamingConfig,
    clock,
    restartAfterMs: 60_000,
    restartGraceMs: 10_000,
    maxFaultRestarts: 1,
    closeTimeoutMs: 200,
    stallTimeoutMs: 1000,
  };
  return new GoogleRecognitionSession(settings);
}

/**
 * What `_streamingRecognize()` returns on a closed client: google-gax's stream proxy around a
 * plain stream, so cancel() throws "this.stream.cancel is not a function"; it ends without results.
 */
function closedClientStream(): RecognizeStream {
  const stream = new PassThrough({ objectMode: true });
  stream.on('finish', () => setImmediate(() => stream.end()));
  stream.resume();
  return Object.assign(stream, {
    cancel() {
      throw new TypeError('this.stream.cancel is not a function');
    },
  }) as unknown as RecognizeStream;
}

/** A server stream that fails with OUT_OF_RANGE as soon as it gets audio (the replay alone is over its limit). */
function overLimitStream(): RecognizeStream {
  const stream = new PassThrough({ objectMode: true });
  let audio = false;
  stream.on('data', (request: { audioContent?: Buffer }) => {
    if (!request.audioContent || audio) return;
    audio = true;
    setImmediate(() =>
      stream.emit(
        'error',
        Object.assign(new Error('Exceeded maximum allowed stream duration'), { code: 11 }),
      ),
    );
  });
  return Object.assign(stream, { cancel: () => stream.destroy() }) as unknown as RecognizeStream;
}

async function withUncaught(run: () => Promise<void>): Promise<unknown[]> {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    await run();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  return uncaught;
}

/** A stream that records each request's audio size and answers nothing. */
function recordingStream(sizes: number[]): RecognizeStream {
  const stream = new PassThrough({ objectMode: true });
  stream.on(
    'data',
    (request: { audioContent?: Buffer }) => request.audioContent && sizes.push(request.audioContent.length),
  );
  return Object.assign(stream, { cancel: () => stream.destroy() }) as unknown as RecognizeStream;
}

describe('GoogleRecognitionSession requests', () => {
  const frames = (ms: number, seed: number) => {
    const audio = syntheticSpeech(ms, { seed });
    const out: Uint8Array[] = [];
    for (let i = 0; i < audio.length; i += 160) out.push(audio.subarray(i, i + 160));
    return out;
  };

  it("sends Twilio's 20 ms frames five at a time, and what is left before the half-close", async () => {
    const sizes: number[] = [];
    const s = session(() => recordingStream(sizes));
    for (const frame of frames(480, 3)) s.write(frame); // 24 frames
    await new Promise((r) => setImmediate(r));
    // The first frame opens the stream (sent at once); then 100 ms requests; the last 3 frames on close.
    expect(sizes).toEqual([160, 800, 800, 800, 800]);
    await s.close();
    // (This stream then ends without results, so close() replays the unsettled words into last-try streams.)
    expect(sizes.slice(0, 6)).toEqual([160, 800, 800, 800, 800, 480]);
  });

  const quietFrames = (ms: number) => Array.from({ length: ms / 20 }, () => silence(20));

  it("sends the caller's last words and the silence after them frame by frame, for the recognizer's end of speech", async () => {
    const sizes: number[] = [];
    const s = session(() => recordingStream(sizes));
    for (const frame of frames(480, 3)) s.write(frame); // 24 voiced frames
    for (const frame of quietFrames(400)) s.write(frame);
    await new Promise((r) => setImmediate(r));
    // The first quiet frame takes the 3 voiced frames still held back with it; then one request per frame.
    expect(sizes).toEqual([160, 800, 800, 800, 800, 4 * 160, ...Array<number>(19).fill(160)]);
    await s.close();
  });

  it('batches again once the recognizer says the speech ended, and after a second of silence without an answer', async () => {
    const sizes: number[] = [];
    const stream = new Duplex({
      objectMode: true,
      read() {},
      write(request: { audioContent?: Buffer }, _encoding, done) {
        sizes.push(request.audioContent?.length ?? 0);
        done();
      },
    });
    const s = session(
      () => Object.assign(stream, { cancel: () => stream.destroy() }) as unknown as RecognizeStream,
    );
    const events = s.events[Symbol.asyncIterator]();
    for (const frame of frames(200, 3)) s.write(frame);
    for (const frame of quietFrames(100)) s.write(frame);
    // The recognizer answers: the speech ended.
    stream.push({ speechEventType: 'SPEECH_ACTIVITY_END' });
    expect((await events.next()).value).toMatchObject({ type: 'speech.end' });
    sizes.length = 0;
    for (const frame of quietFrames(400)) s.write(frame);
    expect(sizes).toEqual([800, 800, 800, 800]);
    // A recognizer that never answers: a second of silence frame by frame, then batches again.
    for (const frame of frames(100, 4)) s.write(frame);
    sizes.length = 0;
    for (const frame of quietFrames(1400)) s.write(frame);
    expect(sizes.slice(0, 50)).toEqual(Array<number>(50).fill(160));
    expect(sizes.slice(50)).toEqual([800, 800, 800, 800]);
    stream.destroy();
  });

  it('coalesces audio while the stream is backed up and sends it as one request when it drains', async () => {
    const sizes: number[] = [];
    const held: (() => void)[] = [];
    // A stream that accepts one request and then holds back until the test lets the network go on.
    const stream = new Duplex({
      objectMode: true,
      writableHighWaterMark: 1,
      read() {},
      write(request: { audioContent?: Buffer }, _encoding, done) {
        sizes.push(request.audioContent?.length ?? 0);
        held.push(done);
      },
    });
    const s = session(
      () => Object.assign(stream, { cancel: () => stream.destroy() }) as unknown as RecognizeStream,
    );
    for (const frame of frames(420, 4)) s.write(frame); // 21 frames
    // The opening frame is stuck on the wire and the first 100 ms request is queued behind it ("not now").
    expect(sizes).toEqual([160]);
    const letGo = async () => {
      for (const done of held.splice(0)) done();
      await new Promise((r) => setImmediate(r));
    };
    await letGo();
    expect(sizes).toEqual([160, 800]);
    await letGo(); // drained: everything that arrived meanwhile goes as one request
    expect(sizes).toEqual([160, 800, 15 * 160]);
    stream.destroy();
  });
});

describe('GoogleRecognitionSession at the edges', () => {
  it('closes without throwing out of a stream event when its last-words restart lands on a closed client', async () => {
    const opened: RecognizeStream[] = [];
    const s = session(() => {
      const stream = closedClientStream();
      opened.push(stream);
      return stream;
    });
    const uncaught = await withUncaught(async () => {
      s.write(syntheticSpeech(400, { seed: 1 })); // unsettled speech: close() retries for it
      await s.close();
    });
    expect(uncaught).toEqual([]);
    // The first stream plus the bounded last-words retries, each destroyed since cancel() threw.
    expect(opened.length).toBeGreaterThan(1);
    expect(opened.length).toBeLessThanOrEqual(3);
    expect(opened.every((stream) => stream.destroyed)).toBe(true);
  });

  it('gives up with a provider error instead of swapping streams in a loop when each one hits the limit before any result', async () => {
    let opened = 0;
    const s = session(() => (opened++, overLimitStream()));
    const failure = (async () => {
      for await (const _ of s.events);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    s.write(syntheticSpeech(400, { seed: 2 }));
    const error = await Promise.race([
      failure,
      new Promise((r) => setTimeout(() => r('still looping'), 2000)),
    ]);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('stt_out_of_range');
    expect(opened).toBe(4); // the first stream and three swaps
    await s.close();
  });
});

describe('GoogleRecognitionSession when a stream stalls', () => {
  /** A stream that takes audio and never says a thing (a hung vendor); records the bytes it got. */
  function mute(received: number[] = []): RecognizeStream {
    return stream((r) => r.audioContent && received.push(r.audioContent.length));
  }
  /** A stream that answers the first audio with voice activity, like Google does for speech. */
  function alive(): RecognizeStream {
    let answered = false;
    const s: RecognizeStream = stream((r) => {
      if (!r.audioContent || answered) return;
      answered = true;
      setImmediate(() => s.push({ speechEventType: 'SPEECH_ACTIVITY_BEGIN' }));
    });
    return s;
  }
  function stream(onRequest: (r: { audioContent?: Buffer }) => unknown): RecognizeStream {
    const duplex = new Duplex({
      objectMode: true,
      read() {},
      write(r: { audioContent?: Buffer }, _encoding, done) {
        onRequest(r);
        done();
      },
    });
    return Object.assign(duplex, { cancel: () => duplex.destroy() }) as unknown as RecognizeStream;
  }
  const tick = () => new Promise((r) => setImmediate(r));
  function collect(s: GoogleRecognitionSession) {
    const events: SpeechEvent[] = [];
    const failure = (async () => {
      for await (const e of s.events) events.push(e);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    return { events, failure };
  }
  const speech = syntheticSpeech(600, { seed: 5 });

  it('replaces a stream that hears speech and says nothing, replaying every byte of the speech', async () => {
    const { clock, advance } = manualClock();
    const received: number[][] = [];
    const s = session(() => mute((received[received.length] = [])), clock);
    const { events } = collect(s);
    s.write(speech);
    await tick();
    advance(999);
    await tick();
    expect(received).toHaveLength(1);
    advance(1);
    await tick();
    expect(received).toHaveLength(2);
    expect(events).toEqual([{ type: 'stream.restarted', reason: 'stalled' }]);
    expect(received[1].reduce((a, b) => a + b, 0)).toBe(speech.length); // no words lost
    await s.close();
  });

  it('fails with stt_stalled when the fresh stream stalls as well', async () => {
    const { clock, advance } = manualClock();
    let opened = 0;
    const s = session(() => (opened++, mute()), clock);
    const { failure } = collect(s);
    s.write(speech);
    advance(1000);
    await tick();
    advance(1999);
    await tick();
    expect(opened).toBe(2); // the fresh stream gets twice the time
    advance(1);
    const error = await failure;
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('stt_stalled');
    expect(opened).toBe(2);
  });

  it('watches nothing once the stream has answered, and silence alone is no stall', async () => {
    const { clock, advance } = manualClock();
    let opened = 0;
    const answering = session(() => (opened++, alive()), clock);
    collect(answering);
    answering.write(speech);
    await tick();
    await tick();
    advance(10_000);
    expect(opened).toBe(1);
    await answering.close();

    const quiet = session(() => (opened++, mute()), clock);
    collect(quiet);
    quiet.write(silence(2000));
    advance(10_000);
    expect(opened).toBe(2);
    await quiet.close();
  });

  /** Feeds `audio` as Twilio does: a 20 ms frame every 20 ms of the clock. */
  async function feed(s: GoogleRecognitionSession, audio: Uint8Array, advance: (ms: number) => void) {
    for (let i = 0; i < audio.length; i += 160) {
      s.write(audio.subarray(i, i + 160));
      advance(20);
      await tick();
    }
  }

  it('lets a caller speak on without interim results once speech began (noise, a name, a long sentence)', async () => {
    const { clock, advance } = manualClock();
    let opened = 0;
    const s = session(() => (opened++, alive()), clock);
    const { events } = collect(s);
    await feed(s, syntheticSpeech(5000, { seed: 7 }), advance);
    expect(opened).toBe(1);
    // The caller stopped: the end of speech is due within twice the stall time of the last voiced audio.
    await feed(s, silence(1960), advance);
    expect(opened).toBe(1);
    advance(40);
    await tick();
    expect(opened).toBe(2);
    expect(events.filter((e) => e.type === 'stream.restarted')).toHaveLength(1);
    await s.close();
  });

  it('keeps a stream that says the speech ended in time after a long turn', async () => {
    const { clock, advance } = manualClock();
    let opened = 0;
    const streams: RecognizeStream[] = [];
    const s = session(() => (opened++, (streams[streams.length] = alive())), clock);
    const { events } = collect(s);
    await feed(s, syntheticSpeech(4000, { seed: 9 }), advance);
    await feed(s, silence(1500), advance);
    streams[0].push({ speechEventType: 'SPEECH_ACTIVITY_END' });
    await tick();
    await feed(s, silence(5000), advance);
    expect(opened).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['speech.begin', 'speech.end']);
    await s.close();
  });

  it('does not blame the recognizer for speech still queued on our side, up to a bound', async () => {
    const { clock, advance } = manualClock();
    const held: (() => void)[] = [];
    const opened: number[] = [];
    // The gRPC call inside google-gax's proxy holds each request until flow control lets it go.
    const blocked = () => {
      const call = new Duplex({
        objectMode: true,
        read() {},
        write(_r: unknown, _encoding, done) {
          held.push(done);
        },
      });
      const proxy = mute();
      proxy.on('data', () => {});
      proxy.write = (chunk: unknown) => (call.write(chunk), true);
      return Object.assign(proxy, { stream: call });
    };
    const s = session(() => (opened.push(clock.now()), blocked()), clock);
    collect(s);
    s.write(speech);
    await tick();
    advance(4999); // four watches found the speech still queued
    await tick();
    expect(opened).toHaveLength(1);
    advance(1); // the fifth: a connection that never moves is a stall after all
    await tick();
    expect(opened).toEqual([0, 5000]);

    // Once the fresh stream's audio is out and it says nothing, the watch blames it on time.
    for (const done of held.splice(0)) done();
    await tick();
    advance(2000);
    await tick();
    await expect(s.events[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'stt_stalled' });
  });

  it('does not blame the recognizer for a watch that fired late (our event loop was busy)', async () => {
    const manual = manualClock();
    let lag = 0;
    const clock = { now: () => manual.clock.now() + lag, setTimer: manual.clock.setTimer };
    let opened = 0;
    const s = session(() => (opened++, mute()), clock);
    collect(s);
    s.write(speech);
    lag = 400; // from here the clock reads 400 ms on: the timer ran that late, an answer may be queued behind it
    manual.advance(1000);
    expect(opened).toBe(1);
    manual.advance(100); // looked again, on time now: still nothing
    await tick();
    expect(opened).toBe(2);
    await s.close();
  });
});
