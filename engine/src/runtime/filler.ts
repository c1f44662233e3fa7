// "Einen Moment, bitte." while an answer waits for a slow provider (dead-air.ts decides when):
// from the cache, right now — not behind the awaited prompt in the output queue, but heard
// before it, so the marks echo in this order. Not interruptible: words said over it would answer
// a question not yet heard. Never synthesized live — a slow voice is usually why it plays.
import { fillerPrompt } from '../flow/interpreter';
import type { Playback } from './playback';
import type { UnheardPrompts } from './unheard-prompts';

export class Filler {
  /** The prompt whose synthesis has not given audio yet: a filler is heard before it. */
  private awaited: string | null = null;
  private played = 0;

  constructor(
    private readonly flow: Parameters<typeof fillerPrompt>[0],
    private readonly unheard: UnheardPrompts,
  ) {}

  /** Playback waits for the first audio of `promptId`; call the returned function once it came. */
  awaiting(promptId: string): () => void {
    this.awaited = promptId;
    return () => {
      if (this.awaited === promptId) this.awaited = null;
    };
  }

  /** Plays it on `playback` when cached (false otherwise); `beforeAudio` runs before any frame. */
  play(playback: Playback, beforeAudio: () => void): boolean {
    const filler = fillerPrompt(this.flow);
    if (!playback.isCached(filler)) return false;
    const promptId = `filler#${++this.played}`;
    this.unheard.addBefore(this.awaited, promptId);
    beforeAudio();
    void playback.speak({ promptId, text: filler.text, cacheKey: filler.cacheKey });
    return true;
  }
}
