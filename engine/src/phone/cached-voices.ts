// The voice list, asked of the vendor at most once per `ttlMs` (default 10 minutes) for the whole
// process: every settings panel that opens would otherwise be one vendor request. Concurrent
// askers share one request; a failure is not kept (the next ask tries again).
import type { Clock } from '../ports/clock';
import type { VoiceCatalog, VoiceOption } from '../ports/voice-catalog';

export const VOICE_LIST_TTL_MS = 10 * 60_000;

export class CachedVoiceCatalog implements VoiceCatalog {
  private kept: { voices: readonly VoiceOption[]; until: number } | undefined;
  private inFlight: Promise<readonly VoiceOption[]> | undefined;

  constructor(
    private readonly source: VoiceCatalog,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly ttlMs = VOICE_LIST_TTL_MS,
  ) {}

  list(): Promise<readonly VoiceOption[]> {
    if (this.kept && this.kept.until > this.clock.now()) return Promise.resolve(this.kept.voices);
    this.inFlight ??= this.source.list().then(
      (voices) => {
        this.kept = { voices, until: this.clock.now() + this.ttlMs };
        this.inFlight = undefined;
        return voices;
      },
      (error: unknown) => {
        this.inFlight = undefined;
        throw error;
      },
    );
    return this.inFlight;
  }
}
