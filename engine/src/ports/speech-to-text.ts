// Speech-to-text port: one streaming recognition session per listening phase of a call.
// Audio goes in as raw G.711 μ-law 8 kHz (exactly what Twilio sends, no transcoding);
// recognition events come out as an AsyncIterable. Provider faults surface as a thrown
// ProviderError from the iterator, so the runtime can turn them into fallback events.

export interface SpeechToTextOptions {
  /** BCP-47 language of the flow, e.g. "de-DE". */
  readonly languageCode: string;
  /** Words and phrases the current node expects (choices, trigger keywords, field hints). */
  readonly phraseHints?: readonly string[];
  /** How strongly the hints are preferred (Google: 0–20). */
  readonly hintBoost?: number;
}

export type SpeechEvent =
  /** The recognizer heard the caller start speaking (barge-in, end-of-turn). */
  | { readonly type: 'speech.begin'; readonly atMs?: number }
  /** The recognizer heard the caller stop speaking. */
  | { readonly type: 'speech.end'; readonly atMs?: number }
  /**
   * A hypothesis. Interim ones may change; a final one is settled and never repeated.
   * `endMs` is the end of the recognized audio, measured from the start of the session
   * (across internal stream restarts).
   */
  | {
      readonly type: 'transcript';
      readonly text: string;
      readonly isFinal: boolean;
      readonly stability?: number;
      readonly endMs?: number;
    }
  /**
   * The provider replaced a stream that stopped answering (speech went in, nothing came back)
   * and replayed the audio not yet settled into the new one: no words are lost. Informational.
   */
  | { readonly type: 'stream.restarted'; readonly reason: 'stalled' };

/**
 * The code of a session that stalled again right after restarting itself: the recognizer is not
 * answering at all. Its audio was already replayed once; reopening would not help.
 */
export const RECOGNIZER_STALLED = 'stt_stalled';

export interface SpeechSession {
  /**
   * Feeds μ-law 8 kHz audio (any length; Twilio sends 160-byte frames). Ignored after close.
   * `audio` is only valid during the call (transports reuse their frame buffer): copy what you
   * keep. `level` is its RMS (`frameRms`) when the caller measured it already.
   */
  write(audio: Uint8Array, level?: number): void;
  /** Stops sending audio, waits for the last results and ends `events`. Idempotent. */
  close(): Promise<void>;
  /** Recognition events; ends after close(); throws ProviderError on provider faults. */
  readonly events: AsyncIterable<SpeechEvent>;
}

export interface SpeechToText {
  open(options: SpeechToTextOptions): SpeechSession;
}
