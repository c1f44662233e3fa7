import { describe, expect, it } from 'vitest';
import { manualClock } from '../providers/fake/clock';
import { DeadAirGuard } from './dead-air';

const SETTINGS = { fillerAfterMs: 450, giveUpAfterMs: 700 };

/** A guard whose "audio" is a number: the clock time at which queued audio runs out. */
function guard(options: { fillerMs?: number; fillerCached?: boolean } = {}) {
  const { clock, advance } = manualClock();
  let turnAt = 0;
  let audioEndsAt = 0;
  const events: string[] = [];
  const g = new DeadAirGuard({
    clock,
    settings: SETTINGS,
    silentSince: () => Math.max(turnAt, audioEndsAt),
    playFiller: (provider) => {
      if (options.fillerCached === false) return false;
      events.push(`filler(${provider})@${clock.now()}`);
      audioEndsAt = clock.now() + (options.fillerMs ?? 1200);
      return true;
    },
  });
  const turn = () => {
    turnAt = clock.now();
    g.callerTurn();
  };
  const wait = (provider: 'tts' | 'llm') =>
    g.await(provider, () => events.push(`gave up ${provider}@${clock.now()}`));
  return { g, clock, advance, events, turn, wait, playUntil: (t: number) => (audioEndsAt = t) };
}

describe('DeadAirGuard', () => {
  it('a slow provider: the filler after 450 ms of silence, the give-up 700 ms after the filler ended', () => {
    const t = guard();
    t.turn();
    t.wait('tts');
    t.advance(449);
    expect(t.events).toEqual([]);
    t.advance(1);
    expect(t.events).toEqual(['filler(tts)@450']);
    t.advance(1200 + 699);
    expect(t.events).toEqual(['filler(tts)@450']);
    t.advance(1);
    expect(t.events).toEqual(['filler(tts)@450', 'gave up tts@2350']);
  });

  it('a provider that answers in time: no filler, nothing given up', () => {
    const t = guard();
    t.turn();
    const done = t.wait('llm');
    t.advance(400);
    done();
    t.advance(10_000);
    expect(t.events).toEqual([]);
  });

  it('counts silence from the end of audio still playing, not from the request', () => {
    const t = guard();
    t.turn();
    t.playUntil(3000); // an earlier prompt of this answer is still playing
    t.wait('tts');
    t.advance(3449);
    expect(t.events).toEqual([]);
    t.advance(1);
    expect(t.events).toEqual(['filler(tts)@3450']);
  });

  it('one filler per caller turn: a second slow provider in the same turn is given up without another', () => {
    const t = guard({ fillerMs: 1000 });
    t.turn();
    const llm = t.wait('llm');
    t.advance(600); // filler at 450, plays until 1450
    llm(); // the model answered; the readback now waits for the voice
    t.wait('tts');
    t.advance(1450 + 700 - 600);
    expect(t.events).toEqual(['filler(llm)@450', 'gave up tts@2150']);
    t.turn(); // the caller's next turn may have its own filler
    t.wait('tts');
    t.advance(450);
    expect(t.events.at(-1)).toBe('filler(tts)@2600');
  });

  it('without a cached filler the provider is given up once the silence reaches 700 ms', () => {
    const t = guard({ fillerCached: false });
    t.turn();
    t.wait('tts');
    t.advance(700);
    expect(t.events).toEqual(['gave up tts@700']);
  });

  it('watches nothing before the first caller turn (the AI disclosure comes first) or after stop()', () => {
    const t = guard();
    t.wait('tts');
    t.advance(10_000);
    expect(t.events).toEqual([]);
    t.turn();
    t.g.stop();
    t.wait('tts');
    t.advance(10_000);
    expect(t.events).toEqual([]);
  });

  it('a provider asked late in a silence still gets its own bound before it is given up', () => {
    const t = guard({ fillerMs: 1000 });
    t.turn();
    const llm = t.wait('llm');
    t.advance(2000); // filler 450–1450; the model answers 550 ms after it, just in time
    llm();
    t.wait('tts'); // the readback: 700 ms of its own, not just the 150 left of the silence bound
    t.advance(699);
    expect(t.events).toEqual(['filler(llm)@450']);
    t.advance(1);
    expect(t.events).toEqual(['filler(llm)@450', 'gave up tts@2700']);
  });

  it('looks again when the caller turns out to have heard everything sooner than estimated', () => {
    const t = guard();
    t.turn();
    t.playUntil(10_000); // estimated; the transport plays faster
    t.wait('tts');
    t.advance(1000);
    expect(t.events).toEqual([]);
    t.playUntil(1000); // the last mark came back now
    t.g.heardEverything();
    t.advance(450);
    expect(t.events).toEqual(['filler(tts)@1450']);
  });
});
