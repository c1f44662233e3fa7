// Text-to-speech port: a prompt goes in, raw G.711 μ-law 8 kHz audio chunks come out as
// soon as the vendor produces them (no WAV header, no transcoding). Aborting the signal
// (barge-in) ends the stream early without an error. Faults throw ProviderError.

export interface SynthesisRequest {
  /** The prompt text; the only content a TTS vendor may see. */
  readonly text: string;
  /** Vendor voice id, chosen per flow. */
  readonly voiceId: string;
  /** BCP-47 or ISO 639-1 language of the prompt, e.g. "de-DE" or "de". */
  readonly languageCode?: string;
  /** Vendor model id; providers pick a low-latency default. */
  readonly modelId?: string;
  /** false for zero-persistence flows: ask the vendor not to log (where the plan supports it). */
  readonly enableLogging?: boolean;
  /** Abort = barge-in or hangup: the stream ends quietly. */
  readonly signal?: AbortSignal;
}

export interface TextToSpeech {
  /** μ-law 8 kHz audio in arbitrary chunk sizes; frame it with the transport's splitter. */
  synthesize(request: SynthesisRequest): AsyncIterable<Uint8Array>;
}
