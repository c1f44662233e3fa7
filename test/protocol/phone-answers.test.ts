// Issue 18 on the phone path: a caller asks a question while a detail is asked; the answer comes
// from the business's facts (or, where the flow allows it, from the model with the facts), then the
// detail is asked again. Real server, real SDKs, vendor fakes (OpenAI included). Also: what the
// model is sent (the question turn and the facts, store: false), and that a turn taken at a
// detail the model may not read never reaches it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPhoneServer, type PhoneServer } from './phone-server';
import { phoneSteps } from './phone-steps';

const PRAXIS = '+4930555100041';
const SUPPORT = '+4930555100042';
/** The support desk with the name not readable by the model. */
const SUPPORT_NAME_PRIVATE = '+4930555100043';

let env: PhoneServer;

beforeAll(async () => {
  env = await startPhoneServer();
  await env.bind('arztpraxis', PRAXIS);
  await env.bind('support-desk', SUPPORT);
  const doc = env.exampleDoc('support-desk');
  doc.nodes.contact.fields[0].llm = false;
  await env.publish(doc, 'support-name-private', SUPPORT_NAME_PRIVATE);
}, 30_000);

afterAll(async () => {
  await env?.close();
});

const { untilHeard, say, call, recordLines, nextRecord, noteOf } = phoneSteps(() => env);

/** Texts the voice was asked to speak since `from` requests. */
const spokenSince = (from: number) => env.eleven.requests.slice(from).map((r) => String(r.body.text));

describe('a question while the name is asked', () => {
  it('is answered from the opening hours, the name is asked again and the note holds the name only', async () => {
    const openaiBefore = env.openai.requests.length;
    const before = recordLines().length;
    const c = await call(PRAXIS, '+4917622220001');
    await untilHeard(c, 'begruessung/question');
    await say(c, 'Ja, gerne.', 'personalien/name.prompt');
    const voice = env.eleven.requests.length;
    await say(c, 'Wann haben Sie am Mittwoch geöffnet?', 'personalien/name.prompt');
    expect(spokenSince(voice)[0]).toBe('Am Mittwoch, 4. März, haben wir von 8 bis 12 Uhr geöffnet.');
    await say(c, 'Anna Schmidt', 'personalien/geburtsdatum.prompt');
    await c.hangup();

    const note = await noteOf(await nextRecord(before));
    expect(note.record.fields).toEqual({
      name: { value: 'Anna Schmidt', source: 'speech', confirmed: false },
    });
    expect(note.record).not.toHaveProperty('questions');
    // The practice is under professional secrecy: nothing went to the model.
    expect(env.openai.requests.length).toBe(openaiBefore);
  }, 40_000);
});

describe('the model path (support desk: no confidential data)', () => {
  it('sends the question turn alone with the facts, says a grounded answer and asks again', async () => {
    const openaiBefore = env.openai.requests.length;
    const c = await call(SUPPORT, '+447911222333');
    await untilHeard(c, 'welcome/question');
    await say(c, 'Yes, that is fine.', 'contact/name.prompt');
    const voice = env.eleven.requests.length;
    // No keyword of any fact; the fake model finds the status fact by its words.
    await say(c, 'How would I learn about current problems with your services?', 'contact/name.prompt');
    expect(spokenSince(voice)[0]).toBe(
      'You can check the current status of all our services at status dot example dot com.',
    );
    const sent = env.openai.requests.slice(openaiBefore).map((r) => r.body!);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ store: false });
    expect(sent[0].response_format?.json_schema?.name).toBe('callflow_answer');
    const data = JSON.parse(sent[0].messages[1].content as string);
    expect(data.question).toBe('How would I learn about current problems with your services?');
    expect(JSON.stringify(sent[0])).not.toContain('Yes, that is fine');
    expect(JSON.stringify(sent[0])).not.toContain('447911222333');
    expect(data.facts.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining(['status', 'password', 'hours.weekly', 'hours.today']),
    );
    await c.hangup();
  }, 40_000);

  it('an answer the facts do not hold is not said: the question is noted for the team', async () => {
    const before = recordLines().length;
    const c = await call(SUPPORT, '+447911222334');
    await untilHeard(c, 'welcome/question');
    await say(c, 'Yes.', 'contact/name.prompt');
    env.openai.enqueue({
      kind: 'reply',
      content: { factIds: ['status'], answer: 'The premium plan is 49 pounds.' },
    });
    await say(c, 'How much is the premium plan?', 'contact/name.prompt');
    expect(env.openai.requests.at(-1)?.body?.store).toBe(false);
    await say(c, 'John Smith', 'contact/email.prompt');
    await c.hangup();
    const note = await noteOf(await nextRecord(before));
    expect(note.record.questions).toEqual(['How much is the premium plan?']);
    expect(JSON.stringify(note)).not.toContain('pounds');
  }, 40_000);

  it('a model that fails (503): the fallback, and the call goes on', async () => {
    const c = await call(SUPPORT, '+447911222335');
    await untilHeard(c, 'welcome/question');
    await say(c, 'Yes.', 'contact/name.prompt');
    env.openai.enqueue({ kind: 'status', status: 503 });
    await say(c, 'Do you offer training for new users?', 'contact/name.prompt');
    expect(c.echoedMarks.map((m) => m.name.replace(/#\d+$/, ''))).toContain('contact/questionUnknown');
    await c.hangup();
  }, 40_000);

  it('a question at a detail the model may not read never reaches the model', async () => {
    const openaiBefore = env.openai.requests.length;
    const c = await call(SUPPORT_NAME_PRIVATE, '+447911222336');
    await untilHeard(c, 'welcome/question');
    await say(c, 'Yes.', 'contact/name.prompt');
    await say(c, 'Do you offer training for new users?', 'contact/name.prompt');
    expect(c.echoedMarks.map((m) => m.name.replace(/#\d+$/, ''))).toContain('contact/questionUnknown');
    expect(env.openai.requests.length).toBe(openaiBefore);
    await c.hangup();
  }, 40_000);
});
