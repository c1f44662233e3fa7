import { describe, expect, it } from 'vitest';
import { manualClock } from '../providers/fake/clock';
import { TurnTimer, type TurnTiming } from './turn-timer';

function setup() {
  const { clock, advance } = manualClock();
  const reports: TurnTiming[] = [];
  return { timer: new TurnTimer(clock, (t) => reports.push(t)), advance, reports };
}

describe('TurnTimer', () => {
  it('reports the engine part of a turn: time to the first answer frame minus provider waits', () => {
    const { timer, advance, reports } = setup();
    timer.begin();
    advance(3);
    timer.providerWait(400); // the model answered after 400 ms …
    advance(400);
    timer.providerWait(150); // … TTS gave its first audio after 150 ms
    advance(152);
    timer.frameSent();
    timer.frameSent(); // later frames of the same answer do not count again
    expect(reports).toEqual([{ totalMs: 555, providerMs: 550, engineMs: 5 }]);
  });

  it('reports nothing for frames outside a turn, a cancelled turn, or provider time outside a turn', () => {
    const { timer, advance, reports } = setup();
    timer.frameSent(); // greeting: no caller turn yet
    timer.providerWait(100);
    timer.begin();
    advance(10);
    timer.cancel(); // e.g. the turn ended in a transfer without announcement
    timer.frameSent();
    expect(reports).toEqual([]);
  });

  it('a new turn before any answer replaces the earlier one', () => {
    const { timer, advance, reports } = setup();
    timer.begin();
    advance(50);
    timer.begin();
    advance(4);
    timer.frameSent();
    expect(reports).toEqual([{ totalMs: 4, providerMs: 0, engineMs: 4 }]);
  });
});
