// What the caller hears while waiting for us: the silences in our audio as a phone plays it.
// Each 20 ms frame plays from its arrival, or right after the frame before it if that is still
// playing (Twilio buffers what we send ahead). A silence is time with nothing to play: from the
// caller's last word to our first frame, and any gap after that (a filler that ended before the
// answer came). Times are the harness's own (`performance.now()` of TwilioCaller.received).
import type { Received } from './twilio-wire';

const FRAME_MS = 20;

/**
 * The silences, in order, between `from` (e.g. the caller's last voiced frame) and `until` (the
 * arrival of the mark that ends the answer): the wait for the first frame, then every gap.
 */
export function silencesHeard(received: readonly Received[], from: number, until: number): number[] {
  const silences: number[] = [];
  let playedUntil = from;
  for (const r of received) {
    if (r.event !== 'media' || r.at < from || r.at > until) continue;
    if (r.at > playedUntil) silences.push(r.at - playedUntil);
    playedUntil = Math.max(playedUntil, r.at) + FRAME_MS;
  }
  return silences;
}
