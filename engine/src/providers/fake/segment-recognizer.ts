// The "recognition" both speech fakes share (the in-process fake and the fake Google server):
// speech segments are found by energy, and each segment is "heard" as the next phrase of a
// queue the test scripts. Interim results grow word by word while the segment lasts.
import { EnergyVad, type EnergyVadOptions } from '../../audio/energy';
import { FRAME_BYTES, FRAME_MS } from '../../audio/frames';

export type SegmentEvent =
  | { readonly type: 'begin'; readonly atMs: number }
  | { readonly type: 'end'; readonly atMs: number }
  | { readonly type: 'interim'; readonly text: string; readonly atMs: number }
  | { readonly type: 'final'; readonly text: string; readonly atMs: number };

export interface SegmentRecognizerOptions {
  /** An interim result after every this many ms of a segment. Default 200. */
  readonly interimEveryMs?: number;
  readonly vad?: EnergyVadOptions;
}

export class SegmentRecognizer {
  private readonly vad: EnergyVad;
  private pending = new Uint8Array(0);
  private segmentMs = 0;
  private interims = 0;
  private heardMs = 0;

  /** `phrases` is shared and consumed: one phrase per finished segment. */
  constructor(
    private readonly phrases: string[],
    private readonly emit: (event: SegmentEvent) => void,
    private readonly options: SegmentRecognizerOptions = {},
  ) {
    this.vad = new EnergyVad(options.vad);
  }

  /** Milliseconds of audio received. */
  get audioMs(): number {
    return this.heardMs;
  }

  push(audio: Uint8Array): void {
    const data = new Uint8Array(this.pending.length + audio.length);
    data.set(this.pending);
    data.set(audio, this.pending.length);
    let offset = 0;
    for (; offset + FRAME_BYTES <= data.length; offset += FRAME_BYTES) {
      this.heardMs += FRAME_MS;
      this.onFrame(data.subarray(offset, offset + FRAME_BYTES));
    }
    this.pending = data.slice(offset);
  }

  /** End of audio: a segment in progress is settled. */
  flush(): void {
    if (this.vad.speaking) this.finalize();
  }

  private onFrame(frame: Uint8Array): void {
    const transition = this.vad.push(frame);
    if (transition === 'begin') {
      this.segmentMs = 0;
      this.interims = 0;
      this.emit({ type: 'begin', atMs: this.heardMs });
    } else if (transition === 'end') {
      this.emit({ type: 'end', atMs: this.heardMs });
      this.finalize();
    } else if (this.vad.speaking) {
      this.segmentMs += FRAME_MS;
      if (this.segmentMs >= (this.interims + 1) * (this.options.interimEveryMs ?? 200)) this.interim();
    }
  }

  private interim(): void {
    this.interims++;
    const words = (this.phrases[0] ?? '').split(/\s+/).filter(Boolean);
    const text = words.slice(0, Math.min(words.length, this.interims)).join(' ');
    if (text) this.emit({ type: 'interim', text, atMs: this.heardMs });
  }

  private finalize(): void {
    const text = this.phrases.shift();
    if (text) this.emit({ type: 'final', text, atMs: this.heardMs });
  }
}
