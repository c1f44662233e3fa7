import { ElevenLabsTextToSpeech } from '../../engine/src/providers/elevenlabs/text-to-speech';
import { FakeTextToSpeech } from '../../engine/src/providers/fake/text-to-speech';
import { startElevenLabsFake } from '../fakes/elevenlabs-server';
import { describeTextToSpeechContract } from './text-to-speech.contract';

const apiKey = 'test-xi-key';

describeTextToSpeechContract('ElevenLabs (SDK → local HTTP fake)', async () => {
  const fake = await startElevenLabsFake({ apiKey, chunkBytes: 400, chunkIntervalMs: 2 });
  return {
    tts: new ElevenLabsTextToSpeech({ apiKey, baseUrl: fake.baseUrl, firstByteTimeoutMs: 1000 }),
    failNext: (fault) => fake.failNext(fault),
    texts: () => fake.requests.map((r) => String(r.body.text)),
    teardown: () => fake.close(),
  };
});

describeTextToSpeechContract('in-process fake', async () => {
  const fake = new FakeTextToSpeech({ chunkBytes: 400, firstByteTimeoutMs: 1000 });
  return {
    tts: fake,
    failNext: (fault) => fake.failNext(fault),
    texts: () => fake.requests.map((r) => r.text),
    teardown: async () => {},
  };
});
