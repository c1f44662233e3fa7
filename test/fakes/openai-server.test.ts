// The fake must speak OpenAI's wire protocol well enough for the real SDK, including streaming.
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAIServer } from './openai-server';

let fake: FakeOpenAIServer;
let client: OpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0, timeout: 3000 });
});
afterEach(() => fake.close());

const schemaFormat = {
  type: 'json_schema' as const,
  json_schema: {
    name: 't',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        phone: { type: ['string', 'null'], description: '(phone) Nummer' },
        n: { type: ['number', 'null'], description: 'Anzahl' },
      },
      required: ['phone', 'n'],
      additionalProperties: false,
    },
  },
};

async function streamed(): Promise<string> {
  const stream = await client.chat.completions.create({
    model: 'm',
    stream: true,
    messages: [{ role: 'user', content: 'Rufen Sie mich an unter +49 30 1234567, wir sind 3 Personen' }],
    response_format: schemaFormat,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

describe('fake OpenAI server', () => {
  it('answers a structured-output request with obvious values, non-streaming', async () => {
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'Rufen Sie mich an unter +49 30 1234567, wir sind 3 Personen' }],
      response_format: schemaFormat,
    });
    expect(JSON.parse(completion.choices[0].message.content!)).toEqual({ phone: '+49301234567', n: 3 });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
  });

  it('streams the same answer as SSE chunks ending in [DONE]', async () => {
    expect(JSON.parse(await streamed())).toEqual({ phone: '+49301234567', n: 3 });
    expect(fake.requests[0].body?.stream).toBe(true);
  });

  it('breaks a stream with a malformed chunk or a truncated body', async () => {
    fake.enqueue({ kind: 'malformed' });
    await expect(streamed()).rejects.toThrow();
    fake.enqueue({ kind: 'truncated' });
    await expect(streamed()).rejects.toThrow();
  });

  it('uses a custom responder and answers OpenAI-style errors', async () => {
    fake.setResponder(() => 'plain text');
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0].message.content).toBe('plain text');
    fake.enqueue({ kind: 'status', status: 429 });
    await expect(
      client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ status: 429 });
  });

  it('ends replies that are still waiting when it closes', async () => {
    fake.setDelay(60_000);
    const pending = client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await new Promise((r) => setTimeout(r, 50));
    await fake.close();
    await expect(pending).rejects.toThrow();
  });
});
