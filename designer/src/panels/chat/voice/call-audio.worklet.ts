// The two AudioWorklet processors of a voice test call (loaded with audioWorklet.addModule):
// `callflow-capture` turns the microphone into 20 ms μ-law frames for the socket, and
// `callflow-playback` plays the bot's frames through the jitter buffer, echoing marks. All the
// sound work is in call-audio-dsp.ts; this file only connects it to the audio thread.
import { CALL_RATE, Downsampler, FrameEncoder, JitterBuffer, Upsampler } from './call-audio-dsp';

// The AudioWorkletGlobalScope, which the DOM typings do not describe.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}
declare function registerProcessor(
  name: string,
  processor: new (options: { processorOptions?: unknown }) => AudioWorkletProcessor,
): void;

/** Messages to the capture processor: `inject` replaces the microphone by 8 kHz samples (browser tests). */
type CaptureControl = { inject: Float32Array };

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly down = new Downsampler(sampleRate);
  private readonly encoder = new FrameEncoder();
  /** Injected 8 kHz samples, played in real time instead of the microphone (test hook). */
  private injected: Float32Array[] = [];
  private injecting = false;
  private carry = 0;

  /** `processorOptions.inject`: the microphone is never heard, only injected audio (browser tests). */
  constructor(options: { processorOptions?: unknown }) {
    super(options);
    this.injecting = (options.processorOptions as { inject?: boolean } | undefined)?.inject === true;
    this.port.onmessage = (e: MessageEvent<CaptureControl>) => void this.injected.push(e.data.inject);
  }

  process(inputs: Float32Array[][]): boolean {
    const emit = (sample: number) => {
      const frame = this.encoder.push(sample);
      if (frame) this.port.postMessage(frame, [frame.buffer]);
    };
    if (this.injecting) {
      // As many 8 kHz samples as this render quantum lasts, so injected speech keeps real time.
      this.carry += (128 * CALL_RATE) / sampleRate;
      for (; this.carry >= 1; this.carry--) emit(this.takeInjected());
    } else if (inputs[0]?.[0]) this.down.push(inputs[0][0], emit);
    return true;
  }

  private takeInjected(): number {
    const head = this.injected[0];
    if (!head) return 0; // silence between injected utterances, as from a quiet room
    const sample = head[0];
    this.injected[0] = head.subarray(1);
    if (this.injected[0].length === 0) this.injected.shift();
    return sample;
  }
}

/** Messages to the playback processor. */
type PlaybackControl = { frame: Uint8Array } | { mark: string } | { clear: true };

class PlaybackProcessor extends AudioWorkletProcessor {
  private readonly buffer = new JitterBuffer((mark) => this.port.postMessage({ played: mark }));
  private readonly up = new Upsampler(sampleRate);
  private quanta = 0;

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent<PlaybackControl>) => {
      const m = e.data;
      if ('frame' in m) this.buffer.pushFrame(m.frame);
      else if ('mark' in m) this.buffer.pushMark(m.mark);
      // Barge-in: the panel learns how much of the bot's audio was silenced.
      else this.port.postMessage({ cleared: this.buffer.clear() });
    };
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const channel = outputs[0]?.[0];
    if (channel) this.up.fill(channel, () => this.buffer.next());
    for (let c = 1; c < (outputs[0]?.length ?? 0); c++) outputs[0][c].set(channel);
    // About ten reports a second: the panel shows the buffer's depth.
    if (++this.quanta % Math.max(1, Math.round(sampleRate / 128 / 10)) === 0)
      this.port.postMessage({ report: this.buffer.report() });
    return true;
  }
}

registerProcessor('callflow-capture', CaptureProcessor);
registerProcessor('callflow-playback', PlaybackProcessor);
