// Energy-based voice activity detection on μ-law frames. Cheap enough to run on every
// inbound frame of every call; used for local barge-in and by the fake recognizers to find
// speech segments. It is deliberately simple: the vendor's voice-activity events stay the
// primary signal on real calls.
import { MULAW_DECODE_TABLE } from './mulaw';

/** Root-mean-square level (0–32124) of a μ-law frame. */
export function frameRms(frame: Uint8Array): number {
  if (frame.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < frame.length; i++) {
    const v = MULAW_DECODE_TABLE[frame[i]];
    sum += v * v;
  }
  return Math.sqrt(sum / frame.length);
}

export interface EnergyVadOptions {
  /** RMS above which a frame counts as voiced. Phone line noise sits well below 300. */
  readonly thresholdRms?: number;
  /** Voiced frames in a row before speech begins (debounces clicks). */
  readonly startFrames?: number;
  /** Unvoiced frames in a row before speech ends (bridges pauses between syllables). */
  readonly hangoverFrames?: number;
}

export type VadTransition = 'begin' | 'end' | null;

export class EnergyVad {
  private readonly threshold: number;
  private readonly startFrames: number;
  private readonly hangoverFrames: number;
  private voicedRun = 0;
  private quietRun = 0;
  private inSpeech = false;

  constructor(options: EnergyVadOptions = {}) {
    this.threshold = options.thresholdRms ?? 500;
    this.startFrames = options.startFrames ?? 2;
    this.hangoverFrames = options.hangoverFrames ?? 15;
  }

  get speaking(): boolean {
    return this.inSpeech;
  }

  /** Feeds one frame; returns the transition it caused, if any. */
  push(frame: Uint8Array): VadTransition {
    return this.pushLevel(frameRms(frame));
  }

  /** Feeds the RMS of one frame measured by the caller (one energy computation per frame). */
  pushLevel(rms: number): VadTransition {
    const voiced = rms >= this.threshold;
    if (voiced) {
      this.voicedRun++;
      this.quietRun = 0;
    } else {
      this.quietRun++;
      this.voicedRun = 0;
    }
    if (!this.inSpeech && this.voicedRun >= this.startFrames) {
      this.inSpeech = true;
      return 'begin';
    }
    if (this.inSpeech && this.quietRun >= this.hangoverFrames) {
      this.inSpeech = false;
      return 'end';
    }
    return null;
  }
}
