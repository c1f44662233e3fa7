// Loading the ElevenLabs SDK, once per process for all its uses (speech, the voice list).
// It is loaded when the first provider is built, not when a file is imported: loading it costs
// about 1.3 s of CPU (measured, Node 20), and every server process — also one without phone
// providers, as in most tests — imports these files through the phone routes.
import type { ElevenLabsClient, ElevenLabsError } from '@elevenlabs/elevenlabs-js';

export interface ElevenLabsConnection {
  readonly apiKey: string;
  /** ELEVENLABS_BASE_URL, e.g. a local fake; default api.elevenlabs.io. */
  readonly baseUrl?: string;
}

export interface ElevenLabsSdk {
  readonly client: ElevenLabsClient;
  readonly ElevenLabsError: typeof ElevenLabsError;
}

/** Starts loading now; a failed load surfaces as a fault of the first request that awaits it. */
export function loadElevenLabsSdk(connection: ElevenLabsConnection): Promise<ElevenLabsSdk> {
  const sdk = import('@elevenlabs/elevenlabs-js').then(({ ElevenLabsClient, ElevenLabsError }) => ({
    client: new ElevenLabsClient({
      apiKey: connection.apiKey,
      ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}),
      maxRetries: 0,
    }),
    ElevenLabsError,
  }));
  sdk.catch(() => undefined);
  return sdk;
}
