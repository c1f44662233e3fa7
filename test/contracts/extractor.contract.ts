// The behaviour every Extractor must show, run against the OpenAI provider (real SDK → local
// fake server) and the in-process fake. What the runtime relies on: values only for the asked
// keys, of the asked types, choices from the given list; the deadline is kept; faults arrive as
// ProviderError with `retryable` set so it can retry or fall back; only this turn's words leave.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractionField, ExtractionRequest, Extractor } from '../../engine/src/ports/extractor';
import { ProviderError } from '../../engine/src/ports/provider-error';

export type ScriptedFault = 'rate_limited' | 'unavailable' | 'malformed' | 'auth';

export interface ExtractorUnderTest {
  readonly extractor: Extractor;
  /** "The model" answers the next request with this (object → JSON; string → raw content). */
  answerNext(output: unknown): void;
  /** The next answer is delayed by `ms`. */
  delayNext(ms: number): void;
  failNext(fault: ScriptedFault): void;
  /** The caller's words each request carried to the provider, in order. */
  sentWords(): string[];
  teardown(): Promise<void>;
}

export const FIELDS: ExtractionField[] = [
  { key: 'name', type: 'name', label: 'Name des Anrufers' },
  { key: 'phone', type: 'phone', label: 'Rückrufnummer' },
  { key: 'age', type: 'number', label: 'Alter' },
  { key: 'urgent', type: 'yesno', label: 'Ist es dringend?' },
  {
    key: 'topic',
    type: 'choice',
    label: 'Anliegen',
    choices: [
      { value: 'termin', label: 'Termin' },
      { value: 'rezept', label: 'Rezept' },
    ],
  },
];

export function request(text: string, extra: Partial<ExtractionRequest> = {}): ExtractionRequest {
  return { fields: FIELDS, text, language: 'de-DE', timeoutMs: 3000, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

const FAULTS: [ScriptedFault, string, boolean][] = [
  ['rate_limited', 'rate_limited', true],
  ['unavailable', 'unavailable', true],
  ['malformed', 'bad_response', false],
  ['auth', 'auth', false],
];

export function describeExtractorContract(name: string, setup: () => Promise<ExtractorUnderTest>): void {
  describe(`Extractor contract: ${name}`, () => {
    let sut: ExtractorUnderTest;
    beforeEach(async () => {
      sut = await setup();
    });
    afterEach(async () => {
      await sut.teardown();
    });

    it('fills obvious values from the words and null for the rest, keyed exactly by the asked fields', async () => {
      const result = await sut.extractor.extract(
        request('Ja, mein Name ist Jana Meier, Nummer 0171 5550199, wegen Rezept'),
      );
      expect(result.values).toEqual({
        name: 'Jana Meier',
        phone: '01715550199',
        age: null,
        urgent: true,
        topic: 'rezept',
      });
    });

    it('drops keys that were not asked', async () => {
      sut.answerNext({ name: 'Jana', transfer: '+19005550100', action: 'handoff', age: 40 });
      const result = await sut.extractor.extract(request('egal'));
      expect(Object.keys(result.values).sort()).toEqual(['age', 'name', 'phone', 'topic', 'urgent']);
      expect(result.values).toMatchObject({ name: 'Jana', age: 40 });
    });

    it('turns values of the wrong type into null', async () => {
      sut.answerNext({ name: 7, phone: ['0171'], age: '41', urgent: 'ja', topic: 1 });
      const result = await sut.extractor.extract(request('egal'));
      expect(result.values).toEqual({ name: null, phone: null, age: null, urgent: null, topic: null });
    });

    it('constrains choices to the given values', async () => {
      sut.answerNext({ topic: 'notfall-weiterleitung' });
      expect((await sut.extractor.extract(request('egal'))).values.topic).toBeNull();
      sut.answerNext({ topic: 'termin' });
      expect((await sut.extractor.extract(request('egal'))).values.topic).toBe('termin');
    });

    it('honours the timeout with a retryable ProviderError', async () => {
      sut.delayNext(2500);
      const started = performance.now();
      const err = await rejection(sut.extractor.extract(request('Jana', { timeoutMs: 150 })));
      expect(err).toMatchObject({ code: 'timeout', retryable: true });
      // Generous bound: proves the deadline, not a speed (speed lives in benchmarks).
      expect(performance.now() - started).toBeLessThan(2000);
    });

    it('stops when the caller’s signal aborts (barge-in, hangup), not retryable', async () => {
      sut.delayNext(2500);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const err = await rejection(sut.extractor.extract(request('Jana'), controller.signal));
      expect(err).toMatchObject({ code: 'aborted', retryable: false });
    });

    it.each(FAULTS)('maps a %s fault to ProviderError %s (retryable: %s)', async (fault, code, retryable) => {
      sut.failNext(fault);
      const secret = 'Kanarie Müller 0171 5550199';
      const err = await rejection(sut.extractor.extract(request(secret)));
      expect(err).toMatchObject({ code, retryable });
      expect(err.message).not.toContain('Kanarie');
      expect(JSON.stringify(err)).not.toContain('Kanarie');
    });

    it('sends only this turn’s words, once per request', async () => {
      await sut.extractor.extract(request('Erster Satz von Anrufer A'));
      await sut.extractor.extract(request('Zweiter Satz von Anrufer B'));
      expect(sut.sentWords()).toEqual(['Erster Satz von Anrufer A', 'Zweiter Satz von Anrufer B']);
    });
  });
}
