// Stream swaps against streams the SDK hands out after the client was closed (server shutdown
// racing a call's last words): those are plain streams that only fail and have no cancel().
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../fake/clock';
import { syntheticSpeech } from '../../transports/twilio/synthetic-speech';
import { GoogleRecognitionSession, type RecognizeStream } from './recognition-session';
import type { StreamingConfig } from './streaming-config';

/** What `_streamingRecognize()` returns on a closed client: no cancel(), ends without results. */
function closedClientStream(): RecognizeStream {
  const stream = new PassThrough({ objectMode: true });
  stream.on('finish', () => setImmediate(() => stream.end()));
  stream.resume();
  return stream as unknown as RecognizeStream;
}

describe('GoogleRecognitionSession with streams that cannot be cancelled', () => {
  it('closes without throwing out of a stream event when its last-words restart lands on such a stream', async () => {
    const opened: RecognizeStream[] = [];
    const session = new GoogleRecognitionSession({
      openStream: () => {
        const s = closedClientStream();
        opened.push(s);
        return s;
      },
      config: {} as StreamingConfig,
      clock: manualClock().clock,
      restartAfterMs: 60_000,
      restartGraceMs: 10_000,
      maxFaultRestarts: 1,
      closeTimeoutMs: 200,
    });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      session.write(syntheticSpeech(400, { seed: 1 })); // unsettled speech: close() retries for it
      await session.close();
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
    // The first stream plus the bounded last-words retries, each retired without cancel().
    expect(opened.length).toBeGreaterThan(1);
    expect(opened.length).toBeLessThanOrEqual(3);
    expect(opened.every((s) => s.destroyed)).toBe(true);
  });
});
