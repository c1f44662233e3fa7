// Maps Google's StreamingRecognizeResponse to port events. Times in a response are relative
// to the start of *its* stream; `offsetMs` moves them onto the session's timeline so results
// stitch across stream restarts.
import type { SpeechEvent } from '../../ports/speech-to-text';

interface Duration {
  seconds?: number | string | { toString(): string } | null;
  nanos?: number | null;
}

export interface RecognizeResponse {
  results?:
    | {
        alternatives?: { transcript?: string | null }[] | null;
        isFinal?: boolean | null;
        stability?: number | null;
        resultEndTime?: Duration | null;
      }[]
    | null;
  speechEventType?: string | number | null;
  speechEventTime?: Duration | null;
}

export function durationMs(d: Duration | null | undefined): number | undefined {
  if (!d) return undefined;
  const seconds = Number(d.seconds?.toString() ?? 0);
  return Math.round(seconds * 1000 + (d.nanos ?? 0) / 1e6);
}

const shift = (ms: number | undefined, offsetMs: number) => (ms === undefined ? undefined : ms + offsetMs);

function speechEvent(response: RecognizeResponse, offsetMs: number): SpeechEvent | null {
  const atMs = shift(durationMs(response.speechEventTime), offsetMs);
  const type = response.speechEventType;
  if (type === 'SPEECH_ACTIVITY_BEGIN' || type === 2)
    return { type: 'speech.begin', ...(atMs !== undefined ? { atMs } : {}) };
  if (type === 'SPEECH_ACTIVITY_END' || type === 3)
    return { type: 'speech.end', ...(atMs !== undefined ? { atMs } : {}) };
  return null;
}

/** Port events for one response, in order: voice activity first, then transcripts. */
export function toSpeechEvents(response: RecognizeResponse, offsetMs: number): SpeechEvent[] {
  const events: SpeechEvent[] = [];
  const activity = speechEvent(response, offsetMs);
  if (activity) events.push(activity);
  for (const result of response.results ?? []) {
    const text = result.alternatives?.[0]?.transcript?.trim() ?? '';
    if (!text) continue;
    const endMs = shift(durationMs(result.resultEndTime), offsetMs);
    events.push({
      type: 'transcript',
      text,
      isFinal: Boolean(result.isFinal),
      ...(typeof result.stability === 'number' && !result.isFinal ? { stability: result.stability } : {}),
      ...(endMs !== undefined ? { endMs } : {}),
    });
  }
  return events;
}
