// The voice picker's server side: the voices the configured ElevenLabs account offers (cached by
// the phone runtime, phone/cached-voices.ts) and „Probehören" — the flow's greeting in a chosen
// voice, from the static prompt cache (synthesized into it on a miss). The greeting is static
// text of the flow (no caller data, nothing of any call), so caching it is the prompt cache's
// normal business; the audio is raw μ-law 8 kHz, exactly what a caller would hear.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { start, type StaticPrompt } from '../../flow/interpreter';
import type { CompiledFlow } from '../../flow/compiled';
import { isProviderError } from '../../ports/provider-error';
import type { PhoneRuntime } from '../../phone/phone-runtime';
import { voiceCacheKey } from '../../runtime/prompt-cache';
import { allow, resolvedFlow, type AppContext, type AppEnv } from '../context';
import { ApiError } from '../errors';
import { errorResponses, FlowParams, jsonContent, SECURITY } from '../schemas';
import { compiledFlowFor } from './privacy';

/** An ElevenLabs voice id as integrators type it; anything else never reaches the vendor. */
export const VOICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const VoiceList = z
  .object({
    voices: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        category: z.string().optional(),
        labels: z.record(z.string(), z.string()),
      }),
    ),
    defaultVoiceId: z.string().openapi({ description: 'The voice of flows without their own (deployment)' }),
  })
  .openapi('VoiceList');

const list = createRoute({
  method: 'get',
  path: '/api/voices',
  tags: ['flows'],
  security: SECURITY,
  summary: "The voices of the deployment's ElevenLabs account (cached for 10 minutes)",
  responses: {
    200: jsonContent(VoiceList, 'Voices'),
    ...errorResponses(401, 403, 502, 503),
  },
});

const preview = createRoute({
  method: 'post',
  path: '/api/flows/{id}/voice-preview',
  tags: ['flows'],
  security: SECURITY,
  summary: "The flow's greeting in a voice (raw μ-law 8 kHz, as a caller hears it)",
  request: {
    params: FlowParams,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            voiceId: z.string().regex(VOICE_ID),
            version: z.union([z.number().int().min(1), z.literal('draft')]).optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { content: { 'audio/basic': { schema: z.string() } }, description: 'μ-law 8 kHz mono, no header' },
    ...errorResponses(400, 401, 403, 404, 422, 502, 503),
  },
});

export function voiceRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    allow(c, 'flows:read');
    const phone = phoneOf(c);
    const voices = await phone.voices.list().catch((error: unknown) => {
      throw vendorFailure(c, 'voice_list_failed', error);
    });
    return c.json({ voices: [...voices], defaultVoiceId: phone.voiceId }, 200);
  });

  app.openapi(preview, async (c) => {
    resolvedFlow(c);
    allow(c, 'flows:write');
    const phone = phoneOf(c);
    const body = c.req.valid('json');
    const { compiled } = await compiledFlowFor(c, body.version ?? 'draft');
    const prompts = greeting(compiled);
    const voice = { voiceId: body.voiceId, languageCode: compiled.flow.language };
    const audio = await cachedAudio(phone, prompts, voice).catch((error: unknown) => {
      throw vendorFailure(c, 'voice_preview_failed', error);
    });
    return c.body(audio, 200, { 'Content-Type': 'audio/basic' });
  });
}

/** What a caller hears first: the static prompts start() says before the first listen. */
export function greeting(compiled: CompiledFlow): StaticPrompt[] {
  const first = start(compiled, { txId: 'voice-preview', startedAt: Date.now(), channel: 'test' });
  const out: StaticPrompt[] = [];
  for (const action of first.actions) {
    if (action.type === 'listen' || action.type === 'transfer' || action.type === 'hangup') break;
    if (action.type === 'say' && action.cacheKey) out.push({ cacheKey: action.cacheKey, text: action.text });
  }
  return out;
}

/** Each prompt from the cache, synthesized into it first on a miss; one stream of audio. */
async function cachedAudio(
  phone: PhoneRuntime,
  prompts: readonly StaticPrompt[],
  voice: { voiceId: string; languageCode: string },
): Promise<Uint8Array<ArrayBuffer>> {
  await phone.warmer.warm(prompts, voice);
  const parts = prompts.map((p) => phone.cache.get(voiceCacheKey(voice.voiceId, p.cacheKey)));
  if (parts.length === 0 || parts.some((p) => !p)) throw new Error('preview audio missing');
  return new Uint8Array(Buffer.concat(parts as Uint8Array[]));
}

function phoneOf(c: AppContext): PhoneRuntime {
  const phone = c.get('deps').phone;
  if (!phone)
    throw new ApiError(
      503,
      'voice_not_configured',
      'No voice provider is configured (ELEVENLABS_API_KEY) / Kein Sprachdienst eingerichtet',
    );
  return phone;
}

function vendorFailure(c: AppContext, code: string, error: unknown): ApiError {
  const reason = isProviderError(error) ? error.code : 'error';
  c.get('deps').logger.warn('voices.vendor', { outcome: 'error', code, reason });
  return new ApiError(502, code, 'The voice provider did not answer / Der Sprachdienst antwortet nicht');
}
