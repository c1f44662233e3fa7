import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../format/schema';
import { renderProcessingRecordMarkdown } from './markdown';
import { buildProcessingRecord } from './record';

const example = (name: string): Flow =>
  JSON.parse(readFileSync(new URL(`../../../../flows/${name}.flow.json`, import.meta.url), 'utf8')) as Flow;
const arzt = example('arztpraxis');
const kanzlei = example('kanzlei');
const support = example('support-desk');
const stage = (flow: Flow, id: string) => buildProcessingRecord(flow).stages.find((s) => s.id === id)!;

describe('processing record', () => {
  it('lists the details in the order the caller is asked, with type and sensitivity', () => {
    const r = buildProcessingRecord(arzt);
    expect(r.fields.map((f) => f.key)).toEqual([
      'name',
      'geburtsdatum',
      'rueckrufnummer',
      'anliegen',
      'medikament',
      'rueckrufzeit',
    ]);
    expect(r.fields.find((f) => f.key === 'anliegen')).toMatchObject({
      label: 'Anliegen',
      sensitive: true,
      toLlm: false,
      role: 'concern',
    });
    expect(r.fields.find((f) => f.key === 'rueckrufzeit')).toMatchObject({
      type: 'datetime',
      required: false,
    });
  });

  it('never lists a detail kept from the language model under OpenAI', () => {
    const openai = stage(support, 'understanding');
    expect(openai.processor).toMatch(/OpenAI/);
    expect(openai.fields).toEqual(['name', 'email', 'phone', 'customerNumber', 'issue']);
    const kept = structuredClone(support);
    for (const node of Object.values(kept.nodes))
      if (node.kind === 'intake') node.fields.forEach((f) => f.key === 'issue' && (f.llm = false));
    expect(stage(kept, 'understanding').fields).not.toContain('issue');
    expect(openai.retention.en).toContain('store: false');
    expect(openai.retention.en).toContain('not used for training');
  });

  it('the confidential templates (§ 203, health and legal data) let the language model read no detail', () => {
    expect(stage(arzt, 'understanding').fields).toEqual([]);
    expect(stage(kanzlei, 'understanding').fields).toEqual([]);
  });

  it('lists no field under OpenAI when understanding is switched off', () => {
    const off = structuredClone(support);
    off.settings.providers.understanding = 'none';
    const openai = stage(off, 'understanding');
    expect(openai.processor).toBeNull();
    expect(openai.fields).toEqual([]);
    expect(buildProcessingRecord(off).fields.every((f) => !f.toLlm)).toBe(true);
  });

  it('gives speech recognition every spoken detail but speech synthesis only readbacks and filled-in values', () => {
    expect(stage(arzt, 'speech').fields).toHaveLength(6);
    // rueckrufnummer and geburtsdatum are read back; name is filled into the whisper to staff.
    expect(stage(arzt, 'voice').fields.sort()).toEqual(['geburtsdatum', 'name', 'rueckrufnummer']);
    // A callback step secures its number by reading it back (the caller ID included).
    expect(
      stage(arzt, 'voice')
        .sees.map((s) => s.en)
        .join(' '),
    ).toContain("caller's own number");
  });

  it('counts the default whisper to staff (name and concern) as spoken when a transfer has none', () => {
    const flow = structuredClone(support);
    const transfer = flow.nodes.transfer;
    if (transfer.kind !== 'handoff') throw new Error('example changed');
    delete transfer.whisper;
    expect(stage(flow, 'voice').fields.sort()).toEqual(['customerNumber', 'email', 'issue', 'name', 'phone']);
    expect(stage(support, 'voice').fields).not.toContain('issue');
  });

  it("tells what Twilio keeps: the caller's number and call metadata, audio only streamed", () => {
    const twilio = stage(arzt, 'telephony');
    expect(twilio.sees.map((s) => s.en).join(' ')).toMatch(/caller's number.*call metadata.*never recorded/s);
    expect(twilio.retention.de).toContain('Aufzeichnung und Transkription sind bei Twilio nie eingeschaltet');
  });

  it('says a zero-persistence flow stores nothing and mentions no storage-at-rest measures', () => {
    const r = buildProcessingRecord(kanzlei);
    expect(r.zeroPersistence).toBe(true);
    expect(r.retention.short.en).toBe('no storage (memory only)');
    expect(r.retention.details.en).toContain('No database row and no file is ever written');
    expect(stage(kanzlei, 'hosting').retention.en).toBe('In memory only; dropped after delivery.');
    const md = renderProcessingRecordMarkdown(r, 'en');
    expect(md).not.toMatch(/stored encrypted|crypto-shredding|deleted automatically/i);
  });

  it('says plainly what ElevenLabs keeps of a zero-persistence flow, by the deployment setting (unknown = off)', () => {
    const voiceOf = (f: Flow, vendors?: { elevenLabsZeroRetention?: boolean }) =>
      buildProcessingRecord(f, vendors ? { vendors } : {}).stages.find((s) => s.id === 'voice')!.retention;
    const off = voiceOf(kanzlei);
    expect(off.en).toContain('Zero retention is not turned on');
    expect(off.en).toContain('ElevenLabs keeps the texts');
    expect(off.de).toContain('nach seinen eigenen Bedingungen');
    expect(off.en).not.toContain('enable_logging=false');
    expect(voiceOf(kanzlei, { elevenLabsZeroRetention: false })).toEqual(off);
    const on = voiceOf(kanzlei, { elevenLabsZeroRetention: true });
    expect(on.en).toContain('enable_logging=false');
    expect(on.de).toContain('ElevenLabs speichert diese Texte nicht');
    // A flow that stores its notes anyway: the vendor's terms apply, whatever the deployment.
    expect(voiceOf(arzt, { elevenLabsZeroRetention: true }).en).toBe(
      'ElevenLabs keeps text under its own retention terms.',
    );
  });

  it('describes ttl and archive retention with their limits and the security measures', () => {
    const arztRecord = buildProcessingRecord(arzt);
    expect(arztRecord.retention.details.de).toContain('nach 7 Tagen automatisch gelöscht');
    expect(buildProcessingRecord(support).retention.details.en).toContain('30 days at most');
    const measures = arztRecord.measures.map((m) => m.en).join('\n');
    for (const needle of ['AES-256-GCM', 'Crypto-shredding', 'Deletion receipts', 'TLS', 'allow-list'])
      expect(measures).toContain(needle);
  });

  it('reflects what the call note contains', () => {
    const notes = (f: Flow) =>
      buildProcessingRecord(f)
        .callNote.map((x) => x.en)
        .join(' ');
    expect(notes(arzt)).toContain("caller's number");
    expect(notes(kanzlei)).not.toContain("caller's number");
    expect(notes(arzt)).not.toContain('transcript');
    const withTranscript = structuredClone(support);
    withTranscript.settings.record.transcript = true;
    expect(notes(withTranscript)).toContain('transcript');
  });

  it('names data categories, professional secrecy and the webhook host', () => {
    const r = buildProcessingRecord(kanzlei);
    expect(r.dataCategories).toEqual([
      {
        code: 'legal',
        words: {
          de: 'Rechtsangelegenheiten (vertrauliche Mandatsdaten)',
          en: 'legal matters (confidential client data)',
        },
      },
    ]);
    expect(r.professionalSecrecy).toBe(true);
    expect(r.delivery).toMatchObject({ inbox: false, webhookHost: 'kanzlei-beispiel.de' });
    expect(buildProcessingRecord(support).professionalSecrecy).toBe(false);
  });

  it('says what the inbox of a no-storage flow is: memory of one server, gone when done, after 24 h or on restart', () => {
    const volatile = structuredClone(arzt);
    volatile.settings.zeroPersistence = true;
    volatile.settings.retention = { mode: 'immediate' };
    volatile.settings.delivery = { inbox: true };
    const { delivery } = buildProcessingRecord(volatile);
    expect(delivery.inbox).toBe(true);
    expect(delivery.details.map((d) => d.de)).toEqual([
      expect.stringMatching(
        /flüchtigen Posteingang: nur im Arbeitsspeicher .* nach 24 Stunden oder bei einem Neustart/,
      ),
    ]);
    expect(delivery.details[0].en).toMatch(/volatile inbox: held only in the memory of the server/);
    // A flow that stores notes keeps the plain inbox sentence.
    expect(buildProcessingRecord(arzt).delivery.details.map((d) => d.en)).toEqual([
      'Callflow inbox, visible only to authorised roles of the organisation.',
    ]);
  });
});

describe('processing record as Markdown', () => {
  it('is German with the glossary words, and English', () => {
    const de = renderProcessingRecordMarkdown(buildProcessingRecord(arzt, { contentHash: 'abc123' }), 'de');
    expect(de).toMatch(/^# Verarbeitungsübersicht: Hausarztpraxis Dr\. Beispiel\n/);
    expect(de).toContain('Inhalts-Hash `abc123`');
    expect(de).toContain('Besondere Kategorien (Art. 9 DSGVO): Gesundheitsdaten');
    expect(de).toContain('| Anliegen | `anliegen` | Freitext | ja | ja | nein |');
    expect(de).toContain('### Sprachverständnis — OpenAI (API)');
    expect(de).toContain('Rechenzentrum in Deutschland');
    const en = renderProcessingRecordMarkdown(buildProcessingRecord(support), 'en');
    expect(en).toMatch(/^# Processing record: Example Software support desk\n/);
    expect(en).toContain('| Customer number | `customerNumber` | free text | no | no | yes |');
    expect(en).toContain('Special categories (Art. 9 GDPR): none');
  });

  it('keeps a table intact when a label contains a pipe', () => {
    const odd = structuredClone(support);
    const contact = odd.nodes.contact;
    if (contact.kind !== 'intake') throw new Error('example changed');
    contact.fields[0].label = 'Name | Firma';
    const md = renderProcessingRecordMarkdown(buildProcessingRecord(odd), 'en');
    expect(md).toContain('| Name \\| Firma | `name` |');
  });
});

describe("answers to callers' questions in the record", () => {
  it('lists the facts and says why the model does not answer under professional secrecy', () => {
    const r = buildProcessingRecord(arzt);
    expect(r.answers.facts.map((f) => f.id)).toEqual(['parken', 'rezepte', 'versichertenkarte']);
    expect(r.answers.model.allowed).toBe(false);
    expect(r.answers.model.reason.de).toContain('Schweigepflicht');
    expect(stage(arzt, 'answers').processor).toBeNull();
    expect(r.callNote.some((line) => line.de.includes('nicht beantwortet werden konnten'))).toBe(true);
  });

  it('names OpenAI as the sub-processor for answer generation where the model may answer', () => {
    const r = buildProcessingRecord(support);
    expect(r.answers.model.allowed).toBe(true);
    const answers = stage(support, 'answers');
    expect(answers.processor).toBe('OpenAI (API)');
    expect(answers.retention.en).toContain('store: false');
    expect(answers.sees[0]?.en).toContain('never earlier turns');
    expect(renderProcessingRecordMarkdown(r, 'en')).toContain('### Answer generation — OpenAI (API)');
  });
});
