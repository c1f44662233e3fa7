// End of turn and dead air in a CallSession, with the in-process fakes and a manual clock: a
// complete answer is acted on before any time passes, a partial one waits (bounded) and is
// merged with what follows; a slow voice or model gets the filler, then its fallback. Asserted
// as order and causality on the manual clock, never on real time.
import { describe, expect, it } from 'vitest';
import { flowWith } from '../flow/interpreter/testing';
import type { ExtractionRequest, ExtractionResult, Extractor } from '../ports/extractor';
import { ProviderError } from '../ports/provider-error';
import { MemoryPromptCache, voiceCacheKey } from './prompt-cache';
import { settle, setup } from './session-testing';
import { DEFAULT_TURN_TAKING } from './turn-taking';

/** The filler and the fault apology, warmed ahead of the call as publishing does. */
function warmCache(): MemoryPromptCache {
  const cache = new MemoryPromptCache();
  cache.set(voiceCacheKey('v1', 'builtin:de:filler'), new Uint8Array(9600).fill(0x55)); // 1.2 s
  cache.set(voiceCacheKey('v1', 'builtin:de:technicalFault'), new Uint8Array(1600).fill(0x55));
  return cache;
}

/** Consent, then a birth date that is read back (the readback needs the voice, live). */
const birthDate = (understanding: 'none' | 'openai' = 'none') =>
  flowWith(
    {
      fragen: {
        kind: 'intake',
        fields: [
          {
            key: 'geburtsdatum',
            label: 'Geburtsdatum',
            type: 'date',
            prompt: 'Wann sind Sie geboren?',
            confirm: true,
          },
        ],
        next: 'tschuess',
      },
    },
    (f) => (f.settings.providers.understanding = understanding),
  );

type Session = ReturnType<typeof setup>;

/** A model that never answers: the request only ends when the caller's signal aborts it. */
class HungExtractor implements Extractor {
  requests = 0;
  aborted = 0;
  extract(_req: ExtractionRequest, signal?: AbortSignal): Promise<ExtractionResult> {
    this.requests++;
    return new Promise((_resolve, reject) =>
      signal?.addEventListener('abort', () => {
        this.aborted++;
        reject(new ProviderError({ provider: 'fake', code: 'aborted', retryable: false }));
      }),
    );
  }
}

/** Greeting heard, consent given, the next question heard. */
async function consented(t: Session): Promise<void> {
  t.session.start();
  await settle();
  t.hearAll();
  await settle();
  t.stt.say('Ja, gerne.');
  await t.utter(600);
  t.hearAll();
  await settle();
}

/** Moves the manual clock (timers fire at their own instants) until `cond` holds (bounded). */
async function until(t: Session, cond: () => boolean, maxMs = 20_000): Promise<void> {
  for (let waited = 0; !cond(); waited += 250) {
    if (waited > maxMs) throw new Error('never happened');
    t.advance(250);
    await settle();
  }
}

const lastPrompt = (t: Session) => t.tts.requests.at(-1)?.text;
/** A mark's prompt, without its running number: `fragen/name.prompt`. */
const prompt = (mark: string) => mark.replace(/#\d+$/, '');

describe('end of turn', () => {
  it('a complete answer is acted on at once: no clock time passes between "Ja" and the next question', async () => {
    const t = setup();
    t.session.start();
    await settle();
    t.hearAll();
    await settle();
    t.stt.say('Ja, gerne.');
    const before = t.clock.now();
    await t.utter(600);
    expect(t.clock.now()).toBe(before);
    expect(lastPrompt(t)).toBe('Wie heißen Sie?');
  });

  it('a partial answer waits for the rest and is merged into one answer', async () => {
    const t = setup();
    await consented(t);
    expect(lastPrompt(t)).toBe('Wie heißen Sie?');
    t.stt.say('Mein Name ist', 'Max Mustermann');
    await t.utter(500, 2); // "Mein Name ist" … a pause
    t.advance(DEFAULT_TURN_TAKING.partialWaitMs - 1);
    await settle();
    expect(lastPrompt(t)).toBe('Wie heißen Sie?'); // still waiting for more
    await t.utter(700, 3); // … "Max Mustermann"
    expect(lastPrompt(t)).toBe('Auf Wiederhören.');
    t.hearAll();
    await settle();
    expect(t.delivered[0].fields.name?.value).toBe('Max Mustermann');
  });

  it('the wait after a partial answer is bounded: the words so far are acted on', async () => {
    const t = setup();
    await consented(t);
    t.stt.say('äh');
    await t.utter(300, 2);
    t.advance(DEFAULT_TURN_TAKING.partialWaitMs - 1);
    await settle();
    expect(lastPrompt(t)).toBe('Wie heißen Sie?');
    const heard = t.sink.marks.length;
    t.advance(1);
    await settle();
    expect(t.sink.marks.slice(heard).map(prompt)).toEqual(['fragen/notUnderstood', 'fragen/name.prompt']);
  });

  it('a deployment may wait after complete answers too', async () => {
    const t = setup({ turnTaking: { completeWaitMs: 200 } });
    t.session.start();
    await settle();
    t.hearAll();
    await settle();
    t.stt.say('ja');
    await t.utter(400);
    expect(lastPrompt(t)).toBe('Einverstanden?');
    t.advance(200);
    await settle();
    expect(lastPrompt(t)).toBe('Wie heißen Sie?');
  });
});

describe('dead air while a provider is slow', () => {
  it('the voice hangs on a readback: filler, then the apology from the cache, then a person', async () => {
    const t = setup({ flow: birthDate(), cache: warmCache(), tts: { firstByteTimeoutMs: 600_000 } });
    await consented(t);
    expect(lastPrompt(t)).toBe('Wann sind Sie geboren?');
    t.tts.failNext({ kind: 'stall' });
    t.stt.say('dritter März neunzehnhundertachtzig');
    await t.utter(900, 3);
    expect(lastPrompt(t)).toMatch(/^Ich habe 3\. März 1980 verstanden/); // requested, no audio comes
    expect(t.fillers).toEqual([]);
    await until(t, () => t.fillers.length > 0);
    expect(t.fillers).toEqual(['tts']);
    expect(t.faults).toEqual([]); // still waiting for the voice while the filler plays
    await until(t, () => t.faults.includes('tts_given_up'));
    // Given up only once the filler (1.2 s) has played and the silence after it reached the bound.
    const [filler, gaveUp] = ['filler', 'fault:tts_given_up'].map(
      (e) => t.timeline.find((x) => x.what === e)!.at,
    );
    expect(gaveUp - filler).toBeGreaterThanOrEqual(1200 + DEFAULT_TURN_TAKING.giveUpAfterMs);
    expect(t.sink.marks.map(prompt)).toEqual(['filler']);
    t.hearAll(); // the filler played to its end; the apology follows it
    await settle();
    expect(t.sink.marks.map(prompt)).toEqual(['fragen/technicalFault']);
    expect(t.telephony.commands).toEqual([]); // the transfer waits until both were heard
    t.hearAll();
    await settle();
    expect(t.telephony.commands.map((c) => c.kind)).toEqual(['transfer']);
  });

  it('the model hangs: filler, then the deterministic fallback (asked again), and the request is aborted', async () => {
    const extractor = new HungExtractor();
    const t = setup({ flow: birthDate('openai'), cache: warmCache(), extractor });
    await consented(t);
    t.stt.say('Am Tag, als die Mauer fiel');
    await t.utter(900, 3);
    expect(extractor.requests).toBe(1);
    await until(t, () => t.fillers.length > 0);
    expect(t.fillers).toEqual(['llm']);
    await until(t, () => t.faults.includes('llm_given_up'));
    expect(extractor.aborted).toBe(1);
    await settle();
    expect(t.sink.marks.slice(-3).map(prompt)).toEqual([
      'filler',
      'fragen/notUnderstood',
      'fragen/geburtsdatum.prompt',
    ]);
  });

  it('nothing comes before the AI disclosure: a slow greeting gets no filler', async () => {
    const t = setup({ cache: warmCache(), tts: { firstByteTimeoutMs: 600_000 } });
    t.tts.failNext({ kind: 'stall' });
    t.session.start();
    await settle();
    t.advance(10_000);
    await settle();
    expect(t.fillers).toEqual([]);
    expect(t.sink.marks).toEqual([]);
    t.session.onHangup();
  });

  it('no filler without one in the cache: the provider is given up after the silence bound', async () => {
    const t = setup({ flow: birthDate(), tts: { firstByteTimeoutMs: 600_000 } });
    await consented(t);
    t.tts.failNext({ kind: 'stall' });
    t.stt.say('dritter März neunzehnhundertachtzig');
    await t.utter(900, 3);
    await until(t, () => t.faults.includes('tts_given_up'));
    expect(t.fillers).toEqual([]);
  });
});

describe('a recognizer that stalled even after restarting itself', () => {
  it('is not reopened: the caller hears the apology and is handed to a person', async () => {
    const t = setup({ cache: warmCache() });
    t.stt.failNextSession({ code: 'stt_stalled', retryable: false });
    t.session.start();
    await settle();
    t.hearAll();
    await settle();
    await t.utter(600);
    await settle();
    expect(t.stt.sessions).toHaveLength(1);
    expect(t.retries).toEqual([]);
    expect(lastPrompt(t)).toMatch(/kann ich Sie gerade nicht verstehen\. Ich verbinde Sie/);
  });
});
