// Issue 28, item 8, on the phone path: a caller who does not give consent — says no, asks for a
// human before answering (key 0), answers unclearly every time, or stays silent — is put through
// to the practice, and the stored note (the practice flow keeps notes 7 days and records caller
// numbers) carries no caller number and no detail; nor is the number indexed for data-subject
// lookups. Real server, real SDKs, vendor fakes; asserted as the practice sees the note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwilioCaller } from '../harness/twilio-caller';
import { startPhoneServer, type PhoneServer } from './phone-server';
import { phoneSteps } from './phone-steps';

const PRAXIS = '+4930555100021';
/** The practice flow with short silence limits, so a silent caller reaches the transfer quickly. */
const PRAXIS_STILL = '+4930555100022';

let env: PhoneServer;

beforeAll(async () => {
  env = await startPhoneServer();
  await env.bind('arztpraxis', PRAXIS);
  const doc = env.exampleDoc('arztpraxis');
  doc.settings.limits = { ...doc.settings.limits, silenceSeconds: 2, maxSilences: 1 };
  await env.publish(doc, 'praxis-kurze-stille', PRAXIS_STILL);
}, 30_000);

afterAll(async () => {
  await env?.close();
});

const { untilHeard, say, call, recordLines, nextRecord, noteOf, handoffOf, staffAnswers } = phoneSteps(
  () => env,
);

const TRANSFER = 'weiterleitung_ohne_einwilligung/announce';

interface NoConsentCase {
  name: string;
  to: string;
  from: string;
  /** What the caller does once the consent question was heard; ends when the transfer is announced. */
  act(c: TwilioCaller): Promise<void>;
  consent: 'refused' | 'unclear' | 'not-asked';
}

const CASES: NoConsentCase[] = [
  {
    name: 'refused: "Nein, danke."',
    to: PRAXIS,
    from: '+4917611110001',
    act: (c) => say(c, 'Nein, danke.', TRANSFER),
    consent: 'refused',
  },
  {
    name: 'not asked: key 0 before answering',
    to: PRAXIS,
    from: '+4917611110002',
    act: async (c) => {
      const since = c.echoedMarks.length;
      c.dtmf('0');
      await untilHeard(c, TRANSFER, since);
    },
    consent: 'not-asked',
  },
  {
    name: 'unclear: two answers that are neither yes nor no',
    to: PRAXIS,
    from: '+4917611110003',
    act: async (c) => {
      await say(c, 'Wie bitte?', 'begruessung/reprompt');
      await say(c, 'Das weiß ich noch nicht so genau.', TRANSFER);
    },
    consent: 'unclear',
  },
  {
    name: 'silence: nothing said, asked again, nothing said',
    to: PRAXIS_STILL,
    from: '+4917611110004',
    act: (c) => untilHeard(c, TRANSFER, c.echoedMarks.length, 20_000),
    consent: 'not-asked',
  },
];

describe('a caller without consent leaves no number and no details in the stored note', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, t) => {
      const before = recordLines().length;
      const c = await call(t.to, t.from);
      await untilHeard(c, 'begruessung/question');
      await t.act(c);
      // Put through to the practice; the whisper says nothing was taken down.
      const { whisper } = await handoffOf(c);
      expect(whisper).toContain('keine Angaben');
      await staffAnswers(c);

      const note = await noteOf(await nextRecord(before));
      expect(note.stored).toBe(true);
      expect(note.record).toMatchObject({ consent: t.consent, outcome: 'handed-off', fields: {} });
      expect(note.record).not.toHaveProperty('callerNumber');
      expect(note.record).not.toHaveProperty('callback');
      expect(JSON.stringify(note)).not.toContain(t.from.slice(1));
      // Nor can the number find the note: no pseudonymous index entry was written for it.
      expect(await env.records.subjects.find(env.tenantId, t.from)).toEqual([]);
    },
    40_000,
  );

  it('with consent, the same flow keeps the caller number (the setting still works)', async () => {
    const from = '+4917611110005';
    const before = recordLines().length;
    const c = await call(PRAXIS, from);
    await untilHeard(c, 'begruessung/question');
    await say(c, 'Ja, gerne.', 'personalien/name.prompt');
    await c.hangup();
    const note = await noteOf(await nextRecord(before));
    expect(note.record).toMatchObject({ consent: 'given', callerNumber: from });
    expect((await env.records.subjects.find(env.tenantId, from)).map((m) => m.txId)).toEqual([
      note.record.txId,
    ]);
  }, 40_000);
});
