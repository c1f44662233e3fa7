import { FakeSpeechToText } from '../../engine/src/providers/fake/speech-to-text';
import { GoogleSpeechToText } from '../../engine/src/providers/google/speech-to-text';
import { startGoogleSpeechFake } from '../fakes/google-speech-server';
import { describeSpeechToTextContract } from './speech-to-text.contract';

const PERMISSION_DENIED = 7;

describeSpeechToTextContract('Google Speech (SDK → local gRPC fake)', async () => {
  const fake = await startGoogleSpeechFake();
  const stt = new GoogleSpeechToText({ endpoint: fake.endpoint, insecure: true });
  return {
    stt,
    say: (...p) => fake.say(...p),
    failNextSession: (afterAudioMs) =>
      fake.injectFault({ kind: 'error', code: PERMISSION_DENIED, afterAudioMs }),
    teardown: async () => {
      await stt.close();
      await fake.close();
    },
  };
});

describeSpeechToTextContract('in-process fake', async () => {
  const fake = new FakeSpeechToText();
  return {
    stt: fake,
    say: (...p) => fake.say(...p),
    failNextSession: (afterAudioMs) =>
      fake.failNextSession({ code: 'stt_permission_denied', retryable: false, afterAudioMs }),
    teardown: async () => {},
  };
});
