// The load callers' measure of the audio they receive: frames that came too late to play without
// a gap, and how unevenly the line's buffer was filled ("jitter"), for frames sent one at a time
// and for frames sent in bursts (what the engine sends Twilio).
import { describe, expect, it } from 'vitest';
import { FrameAnalyser } from '../../load/call-runner';
import type { TwilioCaller } from '../harness/twilio-caller';

function analyse(arrivals: readonly number[]): FrameAnalyser {
  const analyser = new FrameAnalyser();
  const received = arrivals.map((at) => ({ at, event: 'media' as const, audio: new Uint8Array(160) }));
  analyser.drain({ received } as unknown as TwilioCaller);
  return analyser;
}

/** A prompt of n frames: the first lead (10 frames) at once, then `perArrival` frames every 20·perArrival ms. */
function paced(n: number, perArrival: number, late: (arrival: number) => number = () => 0): number[] {
  const at: number[] = Array(10).fill(1000);
  for (let i = 10, k = 1; i < n; k++)
    for (let j = 0; j < perArrival && i < n; j++, i++)
      at.push(1000 + k * 20 * perArrival + late(k) + j * 0.01);
  return at;
}

describe('frame analyser', () => {
  it('frames one at a time, on time: no jitter, nothing late', () => {
    const a = analyse(paced(60, 1));
    expect(a.frames).toBe(60);
    expect(a.late).toBe(0);
    expect(a.jitter.toJSON().max).toBeCloseTo(0, 5);
  });

  it('bursts of five every 100 ms: no jitter either (the buffer is topped up evenly)', () => {
    const a = analyse(paced(60, 5));
    expect(a.late).toBe(0);
    expect(a.jitter.count).toBeGreaterThan(5);
    expect(a.jitter.toJSON().max).toBeCloseTo(0, 1);
  });

  it('one frame 30 ms late: jitter 30 ms for it and for the one after, as |inter-arrival − 20|', () => {
    const a = analyse(paced(40, 1, (k) => (k === 12 ? 30 : 0)));
    const j = a.jitter.toJSON();
    expect(j.max).toBeCloseTo(30, 1);
    expect(j.sum).toBeCloseTo(60, 1);
  });

  it('one burst 60 ms late: 60 ms of jitter, and its frames still play without a gap', () => {
    const a = analyse(paced(60, 5, (k) => (k === 5 ? 60 : 0)));
    expect(a.jitter.toJSON().max).toBeCloseTo(60, 1);
    expect(a.late).toBe(0); // 100 ms were still buffered
  });

  it('a burst later than the buffered audio: its frames count as late', () => {
    const a = analyse(paced(60, 5, (k) => (k === 5 ? 250 : 0)));
    expect(a.late).toBeGreaterThan(0);
  });
});
