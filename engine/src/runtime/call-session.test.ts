// CallSession with the in-process fakes and a manual clock: the interpreter's actions become
// audio, marks, listening, barge-in, transfer, hangup and delivery as a caller experiences them.
import { describe, expect, it } from 'vitest';
import { MemoryPromptCache, voiceCacheKey } from './prompt-cache';
import { settle, setup, TestSink } from './session-testing';

describe('CallSession', () => {
  it('runs a call: greeting, consent by voice, a question, goodbye, hangup, record delivered', async () => {
    const t = setup();
    t.session.start();
    await settle();
    expect(t.tts.requests.map((r) => r.text)).toEqual([
      'Sie sprechen mit einem KI-Assistenten.',
      'Einverstanden?',
    ]);
    expect(t.sink.frames).toBeGreaterThan(100);
    expect(t.stt.sessions).toHaveLength(1); // opened for barge-in on the question
    t.hearAll();
    await settle();
    t.stt.say('ja');
    await t.speak(600);
    expect(t.tts.requests.at(-1)?.text).toBe('Wie heißen Sie?');
    t.hearAll();
    await settle();
    t.stt.say('Max Mustermann');
    await t.speak(900, 2);
    expect(t.tts.requests.at(-1)?.text).toBe('Auf Wiederhören.');
    expect(t.telephony.commands).toEqual([]); // hangup waits until the goodbye was heard
    t.hearAll();
    await settle();
    expect(t.telephony.commands).toEqual([{ kind: 'hangup', callSid: 'CA0123456789abcdef0123456789abcdef' }]);
    expect(t.sink.closed).toBe(true);
    expect(t.delivered).toHaveLength(1);
    expect(t.delivered[0].fields.name?.value).toBe('Max Mustermann');
    expect(t.delivered[0].consent).toBe('given');
    expect(t.faults).toEqual([]);
  });

  it('never lets the caller interrupt the AI disclosure, and sends no audio to the recognizer meanwhile', async () => {
    const t = setup();
    t.session.start();
    await settle();
    t.stt.say('hallo?');
    await t.speak(500);
    expect(t.sink.clears).toBe(0);
    expect(t.stt.sessions[0].audioMs).toBe(0);
    expect(t.tts.requests).toHaveLength(2);
  });

  it('barge-in on the question: clear, synthesis stops, and the words answer the question', async () => {
    const t = setup();
    t.session.start();
    await settle();
    t.session.onMark(t.sink.marks[0]); // the disclosure was heard; the question is playing
    await settle();
    t.stt.say('ja gerne');
    await t.speak(500);
    expect(t.sink.clears).toBe(1);
    expect(t.tts.requests.at(-1)?.text).toBe('Wie heißen Sie?');
  });

  it('consent refused: announces, transfers to the allow-listed number with the whisper, continues after no-answer', async () => {
    const t = setup();
    t.session.start();
    await settle();
    t.hearAll();
    await settle();
    t.stt.say('nein');
    await t.speak(400);
    expect(t.tts.requests.at(-1)?.text).toBe('Ich verbinde.');
    expect(t.telephony.commands).toEqual([]);
    t.hearAll();
    await settle();
    expect(t.telephony.commands).toEqual([
      {
        kind: 'transfer',
        request: expect.objectContaining({
          target: '+4930123456',
          whisperUrl: 'https://x/whisper/1',
          actionUrl: 'https://x/dial/1',
        }),
      },
    ]);
    t.session.onHandoffResult('no-answer');
    await settle();
    expect(t.tts.requests.at(-1)?.text).toBe('Auf Wiederhören.');
  });

  it('delivers the record and stops everything when the caller hangs up', async () => {
    const t = setup();
    t.session.start();
    await settle();
    t.session.onHangup();
    await settle();
    expect(t.delivered).toHaveLength(1);
    expect(t.delivered[0].outcome).toBe('hung-up');
    expect(t.sink.closed).toBe(true);
    expect(t.session.isOver).toBe(true);
  });

  it('DTMF works as the human escape', async () => {
    const t = setup();
    t.session.start();
    await settle();
    t.hearAll();
    await settle();
    t.session.onDtmf('0');
    await settle();
    expect(t.tts.requests.at(-1)?.text).toBe('Ich verbinde.');
  });

  it('a TTS outage: the cached apology plays, then the caller is handed to a human', async () => {
    const cache = new MemoryPromptCache();
    const apology = new Uint8Array(1600).fill(0x55); // 200 ms of "apology" audio, synthesized ahead of time
    cache.set(voiceCacheKey('v1', 'builtin:de:technicalFault'), apology);
    const t = setup({ cache });
    t.tts.failNext({ kind: 'status', status: 503 });
    t.session.start();
    await settle();
    expect(t.faults).toContain('tts_unavailable');
    expect(t.sink.marks.some((m) => m.includes('technicalFault'))).toBe(true);
    expect(t.sink.frames).toBe(10); // only the apology: nothing the broken voice could not say
    expect(t.telephony.commands).toEqual([]); // the transfer waits until the apology was heard
    t.hearAll();
    await settle();
    expect(t.telephony.commands.map((c) => c.kind)).toEqual(['transfer']);
    t.session.onHandoffResult('answered');
    expect(t.delivered[0]).toMatchObject({ outcome: 'handed-off', flags: ['fault:tts'] });
  });

  it('a recognizer that fails twice: reopened once (a retry), then the caller is told and handed to a human', async () => {
    const t = setup();
    t.stt.failNextSession({ code: 'stt_unavailable', retryable: true });
    t.stt.failNextSession({ code: 'stt_unavailable', retryable: true });
    t.session.start();
    await settle();
    t.hearAll();
    await settle();
    const before = t.tts.requests.length;
    await t.speak(500); // the first recognizer fails, a second one is opened
    await t.speak(500); // ... and fails too: no third
    await t.speak(500);
    expect(t.faults.filter((f) => f.startsWith('stt_fault'))).toHaveLength(2);
    expect(t.stt.sessions).toHaveLength(2);
    expect(t.retries).toEqual(['stt']);
    expect(t.tts.requests.slice(before).map((r) => r.text)).toEqual([
      'Entschuldigung, wegen einer technischen Störung kann ich Sie gerade nicht verstehen. Ich verbinde Sie mit unserem Team.',
    ]);
    t.hearAll();
    await settle();
    expect(t.telephony.commands.map((c) => c.kind)).toEqual(['transfer']);
    expect(t.session.isOver).toBe(false);
  });

  it('serves static prompts from the cache: the next call starts its greeting without TTS, inside start()', async () => {
    const cache = new MemoryPromptCache();
    const first = setup({ cache });
    first.session.start();
    await settle();
    expect(cache.size).toBe(2);
    const second = setup({ cache });
    second.session.start();
    expect(second.sink.frames).toBeGreaterThan(50); // synchronously, before any await
    await settle();
    expect(second.tts.requests).toHaveLength(0);
  });

  describe('a transfer without a stream (parked)', () => {
    /** Consent refused → announcement heard → transfer requested. */
    async function transferring(t: ReturnType<typeof setup>) {
      t.session.start();
      await settle();
      t.hearAll();
      await settle();
      t.stt.say('nein');
      await t.speak(400);
      t.hearAll();
      await settle();
      expect(t.session.awaitingHandoff).toEqual({ ringSeconds: 20 });
    }

    it('no answer: the conversation continues on a new stream with the fallback', async () => {
      const t = setup();
      await transferring(t);
      t.session.detach(); // the phone network closed our stream
      expect(t.session.isOver).toBe(false);
      const next = new TestSink();
      t.session.attach(next);
      t.session.onHandoffResult('no-answer');
      await settle();
      expect(t.tts.requests.at(-1)?.text).toBe('Auf Wiederhören.');
      expect(next.frames).toBeGreaterThan(0);
      expect(next.marks).toHaveLength(1);
      expect(t.sink.closed).toBe(false); // the old stream was never touched again
      for (const m of next.marks.splice(0)) t.session.onMark(m);
      await settle();
      expect(t.delivered[0]).toMatchObject({
        outcome: 'completed',
        handoff: { target: 'empfang', outcome: 'no-answer' },
      });
      expect(next.closed).toBe(true);
    });

    it('answered while parked: handed off, record delivered, session over, end listeners told', async () => {
      const t = setup();
      await transferring(t);
      t.session.detach();
      let ended = 0;
      t.session.onEnd(() => ended++);
      t.session.onHandoffResult('answered');
      expect(t.session.isOver).toBe(true);
      expect(ended).toBe(1);
      expect(t.delivered).toHaveLength(1);
      expect(t.delivered[0]).toMatchObject({ outcome: 'handed-off', handoff: { outcome: 'answered' } });
      expect(t.telephony.commands.map((c) => c.kind)).toEqual(['transfer']); // no hangup of the staff call
    });

    it('timers that fire while parked change nothing; a hangup while parked delivers the record', async () => {
      const t = setup();
      await transferring(t);
      t.session.detach();
      t.advance(600_000); // the max-call-length timer fires while nobody listens
      await settle();
      expect(t.delivered).toHaveLength(0);
      expect(t.telephony.commands.map((c) => c.kind)).toEqual(['transfer']);
      t.session.onHangup();
      expect(t.delivered[0]).toMatchObject({ outcome: 'hung-up' });
    });

    it('the stream closed but the transfer request failed: the caller is gone, the record is delivered', async () => {
      const t = setup();
      t.telephony.failNext(500);
      t.session.start();
      await settle();
      t.hearAll();
      await settle();
      t.stt.say('nein');
      await t.speak(400);
      expect(t.session.awaitingHandoff).toBeUndefined(); // not yet: the announcement is still playing
      t.session.onMark(t.sink.marks.at(-1)!);
      t.session.detach(); // closes while the REST request is on its way
      await settle();
      expect(t.delivered[0]).toMatchObject({ outcome: 'hung-up' });
      expect(t.session.isOver).toBe(true);
    });
  });
});
