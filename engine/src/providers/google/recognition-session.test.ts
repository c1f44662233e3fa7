// Stream swaps in the situations the real SDK and server produce at the edges: streams handed
// out after the client was closed (their cancel() throws), and a server that ends every stream
// at its duration limit before any result.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../ports/provider-error';
import { manualClock } from '../fake/clock';
import { syntheticSpeech } from '../../transports/twilio/synthetic-speech';
import { GoogleRecognitionSession, type RecognizeStream, type SessionSettings } from './recognition-session';
import type { StreamingConfig } from './streaming-config';

function session(openStream: () => RecognizeStream): GoogleRecognitionSession {
  const settings: SessionSettings = {
    openStream, config: {} as StreamingConfig, clock: manualClock().clock,
    restartAfterMs: 60_000, restartGraceMs: 10_000, maxFaultRestarts: 1, closeTimeoutMs: 200,
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
    setImmediate(() => stream.emit('error', Object.assign(new Error('Exceeded maximum allowed stream duration'), { code: 11 })));
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
  stream.on('data', (request: { audioContent?: Buffer }) => request.audioContent && sizes.push(request.audioContent.length));
  return Object.assign(stream, { cancel: () => stream.destroy() }) as unknown as RecognizeStream;
}

describe('GoogleRecognitionSession requests', () => {
  it('sends Twilio\'s 20 ms frames as 100 ms requests, and what is left before the half-close', async () => {
    const sizes: number[] = [];
    const s = session(() => recordingStream(sizes));
    const frames = syntheticSpeech(460, { seed: 3 }); // 23 frames
    for (let i = 0; i < frames.length; i += 160) s.write(frames.subarray(i, i + 160));
    await new Promise((r) => setImmediate(r));
    // The first frame opens the stream (sent at once); then 100 ms requests; the rest on close.
    expect(sizes).toEqual([160, 800, 800, 800, 800]);
    await s.close();
    // (This stream then ends without results, so close() replays the unsettled words into last-try streams.)
    expect(sizes.slice(0, 6)).toEqual([160, 800, 800, 800, 800, 320]);
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
    })().then(() => undefined, (error: unknown) => error);
    s.write(syntheticSpeech(400, { seed: 2 }));
    const error = await Promise.race([failure, new Promise((r) => setTimeout(() => r('still looping'), 2000))]);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('stt_out_of_range');
    expect(opened).toBe(4); // the first stream and three swaps
    await s.close();
  });
});
