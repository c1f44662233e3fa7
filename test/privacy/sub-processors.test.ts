// What the processing record says about each sub-processor, observed on the wire: whole phone
// calls of the doctor's office example (real server, real SDKs, the vendor fakes recording every
// request). Two deployments: one with ElevenLabs zero retention turned on
// (ELEVENLABS_ZERO_RETENTION=1), one without. `sub-processor-claims.ts` maps every statement of
// the record to the test below that observes it; the last test keeps that table complete.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledFlow } from '../../engine/src/flow/compiled';
import { staticPrompts } from '../../engine/src/flow/interpreter';
import { buildProcessingRecord } from '../../engine/src/flow/privacy';
import type { Flow } from '../../engine/src/flow/format/schema';
import { createLogger } from '../../engine/src/log/index';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { prewarmFlow } from '../../engine/src/phone/prewarm';
import type { RecordedSynthesis } from '../fakes/elevenlabs-server';
import type { RecordedChatRequest } from '../fakes/openai-server';
import type { TwilioCaller } from '../harness/twilio-caller';
import type { WebhookAnswer } from '../harness/twilio-wire';
import { phoneSteps, type PhoneSteps } from '../protocol/phone-steps';
import { startPhoneServer, waitFor, type PhoneServer } from '../protocol/phone-server';
import { CLAIMS, claimFor } from './sub-processor-claims';

const ZP = '+4930555200001'; // the practice without storage: the note leaves by webhook, from RAM
const STORED = '+4930555200002'; // the practice as published: notes stored 7 days
const CALLER_ID = '+4917612345678';

let on: PhoneServer; // ELEVENLABS_ZERO_RETENTION=1
let off: PhoneServer;
// Whole calls, two servers and their fakes in one worker: on a busy machine a prompt can take long.
const PATIENCE_MS = 30_000;
const talk = {
  on: phoneSteps(() => on, { patienceMs: PATIENCE_MS }),
  off: phoneSteps(() => off, { patienceMs: PATIENCE_MS }),
};

/** The practice example as a zero-persistence flow delivering to the server's local webhook. */
function withoutStorage(env: PhoneServer): Record<string, any> {
  const doc = env.exampleDoc('arztpraxis');
  doc.settings = {
    ...doc.settings,
    zeroPersistence: true,
    retention: { mode: 'immediate' },
    delivery: { inbox: false, webhookUrl: env.webhook.url },
  };
  // The example keeps every detail from the model (health data); this practice lets it read the
  // name, so the suite can observe what OpenAI is sent when the fixed rules don't understand.
  const nodes = doc.nodes as Record<string, { fields?: { key: string; llm?: boolean }[] }>;
  for (const node of Object.values(nodes))
    for (const field of node.fields ?? []) if (field.key === 'name') field.llm = true;
  return doc;
}

function compiledOf(env: PhoneServer, doc: unknown): CompiledFlow {
  const loaded = env.flowTools.load(doc, DEMO_TARGETS);
  if (!loaded.ok) throw new Error('the test flow does not load');
  return loaded.compiled;
}

beforeAll(async () => {
  [on, off] = await Promise.all([startPhoneServer({ zeroRetention: true }), startPhoneServer()]);
  for (const env of [on, off]) {
    await env.publish(withoutStorage(env), 'praxis-ohne-speicherung', ZP);
    await env.bind('arztpraxis', STORED);
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([on?.close(), off?.close()]);
});

/** What one call left at the vendors, taken from the fakes' records. */
interface ObservedCall {
  readonly caller: TwilioCaller;
  readonly answer: WebhookAnswer;
  readonly syntheses: RecordedSynthesis[];
  readonly extractions: RecordedChatRequest[];
  /** Recognizer streams opened while the AI notice played (the caller talked over it). */
  readonly streamsDuringNotice: number;
  /** Texts of the flow's fixed prompts (no caller data). */
  readonly staticTexts: Set<string>;
}

/**
 * A caller who talks over the AI notice, consents, first says something the fixed rules cannot
 * read as a name (so the model is asked), then gives name, birth date and number, each date and
 * number read back for confirmation. `upTo` ends the call earlier.
 */
async function intakeCall(
  env: PhoneServer,
  talk: PhoneSteps,
  to: string,
  doc: unknown,
  upTo: 'date readback' | 'whole intake' = 'whole intake',
): Promise<ObservedCall> {
  const [synthesesBefore, extractionsBefore, streamsBefore] = [
    env.eleven.requests.length,
    env.openai.requests.length,
    env.google.streams.length,
  ];
  const c = env.caller({ to });
  const answer = await c.placeCall({ From: CALLER_ID });
  await c.connect(answer);
  await c.waitFor((r) => r.event === 'media', PATIENCE_MS); // the AI notice is playing
  await c.speak(300, talk.nextSeed());
  await talk.untilHeard(c, 'begruessung/question');
  const streamsDuringNotice = env.google.streams.length - streamsBefore;
  await talk.say(c, 'Ja, gerne.', 'personalien/name.prompt');
  await talk.say(c, 'Das möchte ich lieber nicht sagen', 'personalien/name.reprompt');
  await talk.say(c, 'Mein Name ist Anna Schmidt', 'personalien/geburtsdatum.prompt');
  await talk.say(c, 'dritter März neunzehnhundertachtzig', 'personalien/readback');
  if (upTo === 'whole intake') {
    await talk.say(c, 'ja', 'personalien/rueckrufnummer.prompt');
    await talk.say(c, 'null eins sieben eins, eins zwei drei vier fünf sechs sieben', 'personalien/readback');
    await talk.say(c, 'Ja, genau.', 'anliegen/anliegen.prompt');
  }
  await c.hangup();
  return {
    caller: c,
    answer,
    syntheses: env.eleven.requests.slice(synthesesBefore),
    extractions: env.openai.requests.slice(extractionsBefore),
    streamsDuringNotice,
    staticTexts: new Set(staticPrompts(compiledOf(env, doc)).map((p) => p.text)),
  };
}

const DATE_READBACK = 'Ich habe 3. März 1980 verstanden. Ist das richtig?';
const NUMBER_READBACK =
  'Ich habe null eins sieben eins – eins zwo drei – vier fünf – sechs sieben verstanden. Ist das richtig?';
const isReadback = (s: RecordedSynthesis) => String(s.body.text).startsWith('Ich habe ');
const texts = (list: RecordedSynthesis[]) => list.map((s) => String(s.body.text));

async function recordOf(env: PhoneServer, slug: string): Promise<string> {
  const flow = await env.store.flows.findBySlug(env.tenantId, slug);
  const res = await env.asOwner('GET', `/api/flows/${flow!.id}/privacy?lang=en&version=1`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('a zero-persistence call, zero retention turned on', () => {
  let call: ObservedCall;
  beforeAll(async () => {
    call = await intakeCall(on, talk.on, ZP, withoutStorage(on));
  }, 180_000);

  it('ElevenLabs: every prompt that can contain caller data is sent with enable_logging=false', () => {
    const dynamic = call.syntheses.filter((s) => !call.staticTexts.has(String(s.body.text)));
    // The two readbacks: the date and the number, each heard once by the caller.
    expect(texts(dynamic)).toEqual([DATE_READBACK, NUMBER_READBACK]);
    for (const s of dynamic) expect([s.body.text, s.query.enable_logging]).toEqual([s.body.text, 'false']);
  });

  it('ElevenLabs: fixed prompts go without it (cached for every call) and a readback holds only the detail it confirms', () => {
    const fixed = call.syntheses.filter((s) => call.staticTexts.has(String(s.body.text)));
    expect(fixed.length).toBeGreaterThan(3);
    for (const s of fixed) expect(s.query.enable_logging).toBeUndefined();
    // Each readback is the one detail in the fixed phrase: nothing of the other answers.
    expect(texts(call.syntheses.filter(isReadback))).toEqual([DATE_READBACK, NUMBER_READBACK]);
    // What ElevenLabs is told besides the text: the model and the language, nothing of the call.
    for (const s of call.syntheses)
      expect(Object.keys(s.body).sort()).toEqual(['language_code', 'model_id', 'text']);
    expect(call.syntheses.map((s) => JSON.stringify(s)).join('\n')).not.toContain('4917612345678');
  });

  it('OpenAI: store false on every request, a strict schema of the asked detail, and only the words of the current answer', () => {
    expect(call.extractions).toHaveLength(1); // only where the fixed rules did not understand
    const [request] = call.extractions;
    expect(request.body).toMatchObject({ store: false });
    expect(request.body?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true },
    });
    expect(Object.keys(request.body?.response_format?.json_schema?.schema?.properties ?? {})).toEqual([
      'name',
    ]);
    expect(request.body).not.toHaveProperty('tools');
    const sent = JSON.stringify(request.body?.messages);
    expect(sent).toContain('Das möchte ich lieber nicht sagen');
    for (const earlier of ['Ja, gerne', 'Anna', 'März'])
      expect(sent, `an earlier or later turn: ${earlier}`).not.toContain(earlier);
    expect(sent).not.toMatch(/4917612345678|17612345678/);
  });

  it('Google: the caller talking over the AI notice reaches no recognizer; their answers do', () => {
    expect(call.streamsDuringNotice).toBe(0);
    expect(on.google.streams.length).toBeGreaterThan(0);
  });

  it('Twilio: the answer streams the caller audio only, and no request turns on recording or transcription', () => {
    expect(call.answer.body).toContain('<Connect');
    expect(call.answer.body).not.toMatch(/<Record|record=|transcri|track=/i);
    for (const update of on.rest.updates)
      expect(JSON.stringify(update.params)).not.toMatch(/Record|Transcri/i);
    expect(call.caller.received.every((r) => r.event !== 'other')).toBe(true); // media, mark, clear only
  });

  it('the processing record of this deployment and the designer say what the wire shows', async () => {
    const record = await recordOf(on, 'praxis-ohne-speicherung');
    expect(record).toContain('enable_logging=false');
    expect(record).not.toContain('Zero retention is not turned on');
    const me = (await (await on.asOwner('GET', '/api/me')).json()) as { vendors: unknown };
    expect(me.vendors).toEqual({ elevenLabsZeroRetention: true });
  });
});

describe('the same deployment, a flow that stores its notes', () => {
  it('ElevenLabs: no request asks for zero retention, as the record says (the vendor keeps text under its own terms)', async () => {
    const call = await intakeCall(on, talk.on, STORED, on.exampleDoc('arztpraxis'), 'date readback');
    expect(call.syntheses.filter(isReadback)).toHaveLength(1);
    for (const s of call.syntheses) expect(s.query.enable_logging).toBeUndefined();
    expect(await recordOf(on, 'arztpraxis')).toContain(
      'ElevenLabs keeps text under its own retention terms.',
    );
  }, 180_000);
});

describe('a deployment without zero retention', () => {
  it('ElevenLabs: a zero-persistence call asks for nothing it was not given, and the record and the designer say ElevenLabs keeps the texts', async () => {
    const call = await intakeCall(off, talk.off, ZP, withoutStorage(off), 'date readback');
    expect(call.syntheses.filter(isReadback)).toHaveLength(1);
    for (const s of call.syntheses) expect(s.query.enable_logging).toBeUndefined();
    const record = await recordOf(off, 'praxis-ohne-speicherung');
    expect(record).toContain('Zero retention is not turned on in this installation');
    expect(record).not.toContain('enable_logging=false');
    const me = (await (await off.asOwner('GET', '/api/me')).json()) as { vendors: unknown };
    expect(me.vendors).toEqual({ elevenLabsZeroRetention: false }); // the designer's settings warn on it
  }, 180_000);
});

describe('zero retention refused by the plan', () => {
  afterAll(() => on.eleven.refuseZeroRetention(undefined));

  it('ElevenLabs: a refused request falls back like any voice fault: the cached apology, then the team', async () => {
    const doc = withoutStorage(on);
    // Publishing warms the fixed prompts (the apology first): they never ask for zero retention.
    const warmed = await prewarmFlow(
      { phone: on.phone, logger: createLogger({ level: 'silent' }) },
      compiledOf(on, doc),
    );
    expect(warmed?.failed).toBe(0);
    on.eleven.refuseZeroRetention(403);
    const synthesesBefore = on.eleven.requests.length;
    const hooksBefore = on.webhook.bodies.length;
    const c = on.caller({ to: ZP });
    await c.connect(await c.placeCall({ From: CALLER_ID }));
    await talk.on.untilHeard(c, 'begruessung/question');
    await talk.on.say(c, 'Ja, gerne.', 'personalien/name.prompt');
    await talk.on.say(c, 'Mein Name ist Anna Schmidt', 'personalien/geburtsdatum.prompt');
    const since = c.echoedMarks.length;
    await talk.on.say(c, 'dritter März neunzehnhundertachtzig', 'personalien/technicalFault');
    expect(talk.on.heard(c).slice(since)).not.toContain('personalien/readback');
    const refused = on.eleven.requests.slice(synthesesBefore);
    expect(refused.map((s) => [isReadback(s), s.query.enable_logging, s.fault])).toEqual([
      [true, 'false', 'status'],
    ]);
    const dial = await on.rest.waitForUpdate(
      (u) => u.callSid === c.callSid && /<Dial/.test(u.params.Twiml ?? ''),
      PATIENCE_MS,
    );
    expect(String(dial.params.Twiml)).toContain('/twilio/dial-action');
    await c.hangup();
    await waitFor(() => on.webhook.bodies.length > hooksBefore, 'the note by webhook', PATIENCE_MS);
    const note = JSON.parse(on.webhook.bodies[hooksBefore]) as { record: { flags: string[] } };
    expect(note.record.flags).toContain('fault:tts');
  }, 180_000);
});

describe('the table of sub-processor statements', () => {
  /** Every variant of the examples whose record could say something different. */
  function variants(): Flow[] {
    const out: Flow[] = [];
    for (const name of ['arztpraxis', 'kanzlei', 'support-desk']) {
      const flow = JSON.parse(readFileSync(`${__dirname}/../../flows/${name}.flow.json`, 'utf8')) as Flow;
      for (const zeroPersistence of [false, true])
        for (const understanding of ['openai', 'none'] as const) {
          const f = structuredClone(flow);
          f.settings.zeroPersistence = zeroPersistence;
          f.settings.providers.understanding = understanding;
          out.push(f);
          const noLlm = structuredClone(f);
          for (const node of Object.values(noLlm.nodes))
            if (node.kind === 'intake') for (const field of node.fields) field.llm = false;
          out.push(noLlm);
        }
    }
    return out;
  }

  it('maps every statement about a sub-processor to the test that observes it, and every named test exists', () => {
    const source = readFileSync(__filename, 'utf8');
    const unmapped = new Set<string>();
    for (const flow of variants())
      for (const elevenLabsZeroRetention of [false, true])
        for (const stage of buildProcessingRecord(flow, { vendors: { elevenLabsZeroRetention } }).stages) {
          if (stage.id === 'hosting') continue; // our own server, not a sub-processor
          for (const statement of [...stage.sees, stage.retention, ...stage.safeguards])
            if (!claimFor(stage.id, statement.en)) unmapped.add(`${stage.id}: ${statement.en}`);
        }
    expect([...unmapped]).toEqual([]);
    for (const claim of CLAIMS)
      if ('observedBy' in claim) expect(source, claim.observedBy).toContain(`'${claim.observedBy}'`);
  });
});
