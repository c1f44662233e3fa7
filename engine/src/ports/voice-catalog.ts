// Voice catalog port: the voices the configured text-to-speech account offers, for the
// designer's voice picker. Names and labels only — no audio, nothing of any caller.

export interface VoiceOption {
  /** The vendor's voice id: what a flow stores in `settings.providers.voiceId`. */
  readonly id: string;
  readonly name: string;
  /** The vendor's own words (e.g. "premade", "cloned"), passed through. */
  readonly category?: string;
  /** Free-form labels of the vendor (gender, accent, age, language…), as given. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface VoiceCatalog {
  /** Every voice of the account. Faults throw ProviderError. */
  list(): Promise<readonly VoiceOption[]>;
}
