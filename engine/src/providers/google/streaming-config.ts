// The StreamingRecognitionConfig sent as the first message of every stream (also after a
// restart). Twilio's μ-law goes in unchanged: MULAW at 8000 Hz.
import type { SpeechToTextOptions } from '../../ports/speech-to-text';

export interface RecognitionModel {
  /** 'telephony' by default; 'phone_call' (+ useEnhanced) where telephony lacks the language. */
  readonly model: string;
  readonly useEnhanced?: boolean;
}

export interface StreamingConfig {
  config: {
    encoding: 'MULAW';
    sampleRateHertz: 8000;
    audioChannelCount: 1;
    languageCode: string;
    model: string;
    useEnhanced?: boolean;
    enableAutomaticPunctuation: boolean;
    speechContexts?: { phrases: string[]; boost: number }[];
  };
  interimResults: true;
  enableVoiceActivityEvents: true;
}

/** Google accepts at most 5000 phrases of at most 100 characters each per request. */
const MAX_PHRASES = 500;
const MAX_PHRASE_LENGTH = 100;

export function streamingConfig(options: SpeechToTextOptions, model: RecognitionModel): StreamingConfig {
  const phrases = [
    ...new Set(
      (options.phraseHints ?? []).map((p) => p.trim()).filter((p) => p && p.length <= MAX_PHRASE_LENGTH),
    ),
  ].slice(0, MAX_PHRASES);
  const boost = Math.max(0, Math.min(20, options.hintBoost ?? 10));
  return {
    config: {
      encoding: 'MULAW',
      sampleRateHertz: 8000,
      audioChannelCount: 1,
      languageCode: options.languageCode,
      model: model.model,
      ...(model.useEnhanced ? { useEnhanced: true } : {}),
      enableAutomaticPunctuation: false,
      ...(phrases.length ? { speechContexts: [{ phrases, boost }] } : {}),
    },
    interimResults: true,
    enableVoiceActivityEvents: true,
  };
}
