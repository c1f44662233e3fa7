import { describe, expect, it } from 'vitest';
import { silencesHeard } from './silence';
import type { Received } from './twilio-wire';

const frame = (at: number): Received => ({ at, event: 'media', audio: new Uint8Array(160) });
const mark = (at: number, name: string): Received => ({ at, event: 'mark', name });

describe('silencesHeard', () => {
  it('the wait for the first frame, then a gap between a filler and the answer; frames sent ahead play back to back', () => {
    const received: Received[] = [
      frame(500), // nothing before `from` counts
      ...[1000, 1000, 1000].map(frame), // a burst of 60 ms: plays 1000–1060
      mark(1001, 'filler#1'),
      frame(1500), // 440 ms of nothing, then 20 ms of answer
      frame(1510), // still playing the previous one: no gap
      mark(1600, 'answer#2'),
      frame(3000), // after `until`
    ];
    expect(silencesHeard(received, 700, 1600)).toEqual([300, 440]);
  });

  it('no frame at all: no silence measured (the caller would still be waiting)', () => {
    expect(silencesHeard([mark(10, 'x')], 0, 100)).toEqual([]);
  });
});
