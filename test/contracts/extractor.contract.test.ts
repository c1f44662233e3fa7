import { FakeExtractor } from '../../engine/src/providers/fake/extractor';
import { OpenAIExtractor } from '../../engine/src/providers/openai/extractor';
import { ProviderError } from '../../engine/src/ports/provider-error';
import { startFakeOpenAI } from '../fakes/openai-server';
import { callerWordsOf } from '../fakes/openai-responder';
import { describeExtractorContract, type ScriptedFault } from './extractor.contract';

const STATUS: Record<Exclude<ScriptedFault, 'malformed'>, number> = {
  rate_limited: 429,
  unavailable: 503,
  auth: 401,
};

describeExtractorContract('OpenAI (openai SDK → local fake server)', async () => {
  const fake = await startFakeOpenAI();
  return {
    extractor: new OpenAIExtractor({ apiKey: 'sk-test', baseURL: fake.baseURL }),
    answerNext: (content) => fake.enqueue({ kind: 'reply', content }),
    delayNext: (ms) => fake.enqueue({ kind: 'reply', delayMs: ms }),
    failNext: (fault) =>
      fake.enqueue(
        fault === 'malformed'
          ? { kind: 'reply', content: '{"name": "Jan' }
          : { kind: 'status', status: STATUS[fault] },
      ),
    sentWords: () => fake.requests.map((r) => (r.body ? callerWordsOf(r.body) : '')),
    teardown: () => fake.close(),
  };
});

describeExtractorContract('in-process fake', async () => {
  const fake = new FakeExtractor();
  const fail = (code: string, retryable: boolean) => new ProviderError({ provider: 'fake', code, retryable });
  const FAULT_ERRORS: Record<ScriptedFault, () => { output?: string; error?: ProviderError }> = {
    rate_limited: () => ({ error: fail('rate_limited', true) }),
    unavailable: () => ({ error: fail('unavailable', true) }),
    auth: () => ({ error: fail('auth', false) }),
    malformed: () => ({ output: '{"name": "Jan' }),
  };
  return {
    extractor: fake,
    answerNext: (output) => fake.enqueue({ output }),
    delayNext: (ms) => fake.enqueue({ delayMs: ms }),
    failNext: (fault) => fake.enqueue(FAULT_ERRORS[fault]()),
    sentWords: () => fake.requests.map((r) => r.text),
    teardown: async () => {},
  };
});
