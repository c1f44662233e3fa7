// The voices of the configured ElevenLabs account (GET /v1/voices through the SDK), for the
// voice picker. Sent: the API key only; received: ids, names and labels.
import type { VoiceCatalog, VoiceOption } from '../../ports/voice-catalog';
import { fault, toProviderError } from './errors';
import type { ElevenLabsSdk } from './sdk';

/** The list is a page of names: a slow answer is a fault, not a hung settings panel. */
const LIST_TIMEOUT_S = 10;

export class ElevenLabsVoices implements VoiceCatalog {
  constructor(private readonly sdk: Promise<ElevenLabsSdk>) {}

  async list(): Promise<readonly VoiceOption[]> {
    const sdk = await this.sdk.catch((error: unknown) => {
      throw fault('sdk_unavailable', false, undefined, error);
    });
    try {
      const answer = await sdk.client.voices.getAll({}, { maxRetries: 0, timeoutInSeconds: LIST_TIMEOUT_S });
      return answer.voices.map((v) => ({
        id: v.voiceId,
        name: v.name ?? v.voiceId,
        ...(v.category ? { category: String(v.category) } : {}),
        labels: { ...(v.labels ?? {}) },
      }));
    } catch (error) {
      throw toProviderError(error, sdk.ElevenLabsError);
    }
  }
}
