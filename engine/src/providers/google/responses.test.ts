import { describe, expect, it } from 'vitest';
import { durationMs, toSpeechEvents } from './responses';

describe('Google responses → speech events', () => {
  it('reads protobuf durations (seconds as string/Long, nanos)', () => {
    expect(durationMs({ seconds: '3', nanos: 250_000_000 })).toBe(3250);
    expect(durationMs({ seconds: 0, nanos: 20_000_000 })).toBe(20);
    expect(durationMs(null)).toBeUndefined();
  });

  it('maps voice activity (string or numeric enum) onto the session timeline', () => {
    expect(
      toSpeechEvents({ speechEventType: 'SPEECH_ACTIVITY_BEGIN', speechEventTime: { seconds: '1' } }, 5000),
    ).toEqual([{ type: 'speech.begin', atMs: 6000 }]);
    expect(toSpeechEvents({ speechEventType: 3 }, 0)).toEqual([{ type: 'speech.end' }]);
    expect(toSpeechEvents({ speechEventType: 'SPEECH_EVENT_UNSPECIFIED' }, 0)).toEqual([]);
  });

  it('maps interim and final results; shifts end times by the stream offset; drops empty transcripts', () => {
    const events = toSpeechEvents(
      {
        results: [
          {
            alternatives: [{ transcript: ' ich möchte ' }],
            isFinal: false,
            stability: 0.8,
            resultEndTime: { seconds: '2' },
          },
          {
            alternatives: [{ transcript: 'ich möchte einen Termin' }],
            isFinal: true,
            stability: 0,
            resultEndTime: { seconds: '2', nanos: 500_000_000 },
          },
          { alternatives: [{ transcript: '' }], isFinal: true },
          { alternatives: [], isFinal: true },
        ],
      },
      10_000,
    );
    expect(events).toEqual([
      { type: 'transcript', text: 'ich möchte', isFinal: false, stability: 0.8, endMs: 12_000 },
      { type: 'transcript', text: 'ich möchte einen Termin', isFinal: true, endMs: 12_500 },
    ]);
  });
});
