import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../format/schema';
import { diffFlows } from './diff';
import { renderDiffText } from './render';

// Table-driven: each row edits a copy of the doctor's office example and names the change a
// reviewer must see in the pull request, in German and English.
const base = JSON.parse(
  readFileSync(new URL('../../../../flows/arztpraxis.flow.json', import.meta.url), 'utf8'),
) as Flow;
const edit = (change: (f: any) => void): Flow => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

const cases: {
  name: string;
  change: (f: any) => void;
  kind: string;
  nodeId?: string;
  path: string;
  en: string;
  de: string;
}[] = [
  {
    name: 'a field added to an intake node',
    change: (f) =>
      f.nodes.anliegen.fields.push({
        key: 'versicherung',
        label: 'Versicherung',
        type: 'text',
        prompt: 'Wie sind Sie versichert?',
      }),
    kind: 'field-added',
    nodeId: 'anliegen',
    path: '/nodes/anliegen/fields/1',
    en: 'step "Anliegen" gained the detail "Versicherung"',
    de: 'Schritt „Anliegen“ hat die neue Angabe „Versicherung“',
  },
  {
    name: 'a field removed',
    change: (f) => f.nodes.personalien.fields.splice(1, 1),
    kind: 'field-removed',
    nodeId: 'personalien',
    path: '/nodes/personalien/fields/1',
    en: 'step "Angaben zur Person" lost the detail "Geburtsdatum"',
    de: 'Schritt „Angaben zur Person“: Angabe „Geburtsdatum“ entfernt',
  },
  {
    name: 'a field marked sensitive no more',
    change: (f) => (f.nodes.anliegen.fields[0].sensitive = false),
    kind: 'field-changed',
    nodeId: 'anliegen',
    path: '/nodes/anliegen/fields/0/sensitive',
    en: 'step "Anliegen", detail "Anliegen": sensitive (Art. 9) turned off',
    de: 'Schritt „Anliegen“, Angabe „Anliegen“: besondere Kategorie (Art. 9) ausgeschaltet',
  },
  {
    name: 'a validation added to a field, property by property',
    change: (f) => (f.nodes.personalien.fields[0].validation = { maxLength: 80 }),
    kind: 'field-changed',
    nodeId: 'personalien',
    path: '/nodes/personalien/fields/0/validation/maxLength',
    en: 'step "Angaben zur Person", detail "Name": maximum length set to 80',
    de: 'Schritt „Angaben zur Person“, Angabe „Name“: Höchstlänge auf 80 gesetzt',
  },
  {
    name: 'retention from ttl to immediate',
    change: (f) => (f.settings.retention = { mode: 'immediate' }),
    kind: 'setting-changed',
    path: '/settings/retention',
    en: 'retention changed from ttl 7 days to immediate',
    de: 'Aufbewahrung von „befristet, 7 Tage“ auf „sofort nach Zustellung löschen“ geändert',
  },
  {
    name: 'the disclosure text',
    change: (f) =>
      (f.nodes.begruessung.disclosure =
        'Guten Tag, hier ist der digitale Assistent der Praxis. Das Gespräch wird nicht aufgezeichnet.'),
    kind: 'node-changed',
    nodeId: 'begruessung',
    path: '/nodes/begruessung/disclosure',
    en: 'step "Begrüßung & Einwilligung": disclosure text changed',
    de: 'Schritt „Begrüßung & Einwilligung“: KI-Hinweis geändert',
  },
  {
    name: 'a consent edge re-pointed',
    change: (f) => (f.nodes.begruessung.next.no = 'weiterleitung'),
    kind: 'edge-changed',
    nodeId: 'begruessung',
    path: '/nodes/begruessung/next/no',
    en: 'step "Begrüßung & Einwilligung", exit "no": now goes to "Weiterleitung an das Praxisteam" (was "Ohne Einwilligung zum Praxisteam")',
    de: 'Schritt „Begrüßung & Einwilligung“, Ausgang „nein“: führt jetzt zu „Weiterleitung an das Praxisteam“ (vorher „Ohne Einwilligung zum Praxisteam“)',
  },
  {
    name: 'a branch option re-pointed',
    change: (f) => (f.nodes.art_des_anliegens.options[0].next = 'rueckruf'),
    kind: 'edge-changed',
    nodeId: 'art_des_anliegens',
    path: '/nodes/art_des_anliegens/options/0/next',
    en: 'step "Art des Anliegens", exit "Rezept": now goes to "Rückrufwunsch" (was "Rezeptwunsch")',
    de: 'Schritt „Art des Anliegens“, Ausgang „Rezept“: führt jetzt zu „Rückrufwunsch“ (vorher „Rezeptwunsch“)',
  },
  {
    name: 'a scalar node setting',
    change: (f) => (f.nodes.rueckruf.priority = 'urgent'),
    kind: 'node-changed',
    nodeId: 'rueckruf',
    path: '/nodes/rueckruf/priority',
    en: 'step "Rückrufwunsch": priority changed from "normal" to "urgent"',
    de: 'Schritt „Rückrufwunsch“: Priorität von „normal“ auf „urgent“ geändert',
  },
  {
    name: 'a node added',
    change: (f) => (f.nodes.hinweis = { kind: 'say', text: 'Hallo.', next: 'abschluss' }),
    kind: 'node-added',
    nodeId: 'hinweis',
    path: '/nodes/hinweis',
    en: 'step "hinweis" (announcement) added',
    de: 'Schritt „hinweis“ (Ansage) hinzugefügt',
  },
  {
    name: 'a node removed',
    change: (f) => delete f.nodes.rezept_hinweis,
    kind: 'node-removed',
    nodeId: 'rezept_hinweis',
    path: '/nodes/rezept_hinweis',
    en: 'step "Hinweis zum Rezept" (announcement) removed',
    de: 'Schritt „Hinweis zum Rezept“ (Ansage) entfernt',
  },
  {
    name: 'a node changing its kind',
    change: (f) => (f.nodes.rezept_hinweis = { kind: 'end', text: 'Tschüss.' }),
    kind: 'node-changed',
    nodeId: 'rezept_hinweis',
    path: '/nodes/rezept_hinweis/kind',
    en: 'step "rezept_hinweis": kind changed from announcement to goodbye',
    de: 'Schritt „rezept_hinweis“: Art von Ansage zu Verabschiedung geändert',
  },
  {
    name: 'trigger keywords',
    change: (f) => f.triggers[0].keywords.push('Blutung'),
    kind: 'trigger-changed',
    path: '/triggers/0/keywords',
    en: 'keyword trigger "Möglicher Notfall": keywords: added "Blutung"',
    de: 'Stichwort-Auslöser „Möglicher Notfall“: Stichwörter – „Blutung“ hinzugefügt',
  },
  {
    name: 'a trigger removed',
    change: (f) => f.triggers.splice(0, 1),
    kind: 'trigger-removed',
    path: '/triggers/0',
    en: 'keyword trigger "Möglicher Notfall" removed',
    de: 'Stichwort-Auslöser „Möglicher Notfall“ entfernt',
  },
  {
    name: 'the human escape key',
    change: (f) => (f.humanEscape.dtmf = '9'),
    kind: 'escape-changed',
    path: '/humanEscape/dtmf',
    en: '"human, please": key changed from "0" to "9"',
    de: '„Mensch, bitte“: Taste von „0“ auf „9“ geändert',
  },
  {
    name: 'zero persistence switched on',
    change: (f) => (f.settings.zeroPersistence = true),
    kind: 'setting-changed',
    path: '/settings/zeroPersistence',
    en: 'zero persistence turned on',
    de: 'Ohne Speicherung eingeschaltet',
  },
  {
    name: 'a data category added',
    change: (f) => f.settings.dataCategories.push('genetic'),
    kind: 'setting-changed',
    path: '/settings/dataCategories',
    en: 'data category genetic data added',
    de: 'Datenkategorie genetische Daten hinzugefügt',
  },
  {
    name: 'opening hours of one day',
    change: (f) => delete f.settings.businessHours.weekly.wed,
    kind: 'setting-changed',
    path: '/settings/businessHours/weekly/wed',
    en: 'opening hours on Wednesday changed from 08:00–12:00 to closed',
    de: 'Sprechzeiten am Mittwoch von 08:00–12:00 auf geschlossen geändert',
  },
  {
    name: 'the start node',
    change: (f) => (f.start = 'sprechzeiten'),
    kind: 'edge-changed',
    path: '/start',
    en: 'the call now starts at "Sprechzeiten" (was "Begrüßung & Einwilligung")',
    de: 'Der Anruf beginnt jetzt mit „Sprechzeiten“ (vorher „Begrüßung & Einwilligung“)',
  },
  {
    name: 'the answer of a fact changed',
    change: (f) => (f.facts[0].answer = 'Parkplätze gibt es in der Tiefgarage am Markt.'),
    kind: 'fact-changed',
    path: '/facts/0/answer',
    en: 'answer about "Parken" changed',
    de: 'Antwort zu „Parken“ geändert',
  },
  {
    name: 'a fact added',
    change: (f) =>
      f.facts.push({ id: 'impfung', topic: 'Impfungen', answer: 'Impfungen gibt es dienstags.' }),
    kind: 'fact-added',
    path: '/facts/3',
    en: 'knowledge: "Impfungen" added',
    de: 'Wissen: „Impfungen“ hinzugefügt',
  },
  {
    name: 'a keyword added to a fact',
    change: (f) => f.facts[0].keywords.push('Auto'),
    kind: 'fact-changed',
    path: '/facts/0/keywords',
    en: 'knowledge "Parken": keywords: added "Auto"',
    de: 'Wissen „Parken“: Stichwörter – „Auto“ hinzugefügt',
  },
  {
    name: 'model answers switched off',
    change: (f) => (f.settings.answers = { model: false }),
    kind: 'setting-changed',
    path: '/settings/answers/model',
    en: 'setting answers by the language model set to off',
    de: 'Einstellung Antworten durch das Sprachmodell auf aus gesetzt',
  },
];

describe('diffFlows', () => {
  it.each(cases)('names $name', ({ change, kind, nodeId, path, en, de }) => {
    const changes = diffFlows(base, edit(change));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind, path, message: { en, de } });
    expect(changes[0].nodeId).toBe(nodeId);
  });

  it('ignores layout, $schema and key order', () => {
    const moved = edit((f) => {
      f.layout.nodes.begruessung = { x: -999, y: 42 };
      f.$schema = 'https://callflow.dev/schemas/flow.v1.schema.json';
    });
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    expect(diffFlows(base, moved)).toEqual([]);
    expect(diffFlows(base, reverseKeys(moved))).toEqual([]);
  });

  it('reports a field moved up as a reorder, not as removed and added', () => {
    const changes = diffFlows(
      base,
      edit((f) => f.nodes.personalien.fields.reverse()),
    );
    expect(changes.map((c) => c.kind)).toEqual(['fields-reordered']);
    expect(changes[0].after).toEqual(['rueckrufnummer', 'geburtsdatum', 'name']);
  });

  it('lists several changes in a stable order: settings before nodes', () => {
    const after = edit((f) => {
      f.nodes.anliegen.fields[0].llm = true;
      f.settings.retention = { mode: 'ttl', days: 14 };
    });
    expect(diffFlows(base, after).map((c) => c.message.en)).toEqual([
      'retention changed from ttl 7 days to ttl 14 days',
      'step "Anliegen", detail "Anliegen": sent to the language model turned on',
    ]);
  });

  it('never throws on malformed documents', () => {
    for (const junk of [
      null,
      42,
      'x',
      [],
      { nodes: 3 },
      { nodes: { a: null } },
      { triggers: [null, 1] },
      { settings: { retention: 5 } },
    ]) {
      expect(() => diffFlows(base, junk)).not.toThrow();
      expect(() => diffFlows(junk, base)).not.toThrow();
    }
    expect(diffFlows(base, { ...base, nodes: { ...base.nodes, abschluss: null } } as unknown)).not.toEqual(
      [],
    );
  });
});

describe('diffFlows: moves and renames', () => {
  it('reports a field moved to another node as one move', () => {
    const after = edit((f) => {
      const [birth] = f.nodes.personalien.fields.splice(1, 1);
      f.nodes.anliegen.fields.push({ ...birth, confirm: false });
    });
    expect(diffFlows(base, after).map((c) => [c.kind, c.message.en])).toEqual([
      ['field-moved', 'detail "Geburtsdatum" moved from step "Angaben zur Person" to "Anliegen"'],
      ['field-changed', 'step "Anliegen", detail "Geburtsdatum": confirm by readback turned off'],
    ]);
  });

  it('reports a renamed node once, without the edges that only follow its new id', () => {
    const after = edit((f) => {
      f.nodes.rezept_info = f.nodes.rezept_hinweis;
      delete f.nodes.rezept_hinweis;
      f.nodes.rezept.next = 'rezept_info';
    });
    expect(diffFlows(base, after).map((c) => c.message.de)).toEqual([
      'Schritt „Hinweis zum Rezept“: Kennung für Integratoren von „rezept_hinweis“ auf „rezept_info“ geändert',
    ]);
    // A real re-pointing next to a rename is still reported.
    const repointed = edit((f) => {
      f.nodes.rezept_info = f.nodes.rezept_hinweis;
      delete f.nodes.rezept_hinweis;
      f.nodes.rezept.next = 'abschluss';
    });
    expect(diffFlows(base, repointed).map((c) => c.kind)).toContain('edge-changed');
  });
});

describe('renderDiffText', () => {
  it('shows long texts before and after on their own lines', () => {
    const after = edit(
      (f) => (f.nodes.begruessung.disclosure = 'Guten Tag, hier spricht der digitale Assistent der Praxis.'),
    );
    const text = renderDiffText(diffFlows(base, after), 'en');
    expect(text).toContain('- step "Begrüßung & Einwilligung": disclosure text changed\n');
    expect(text).toContain('    before: "Guten Tag, Sie sind mit der Hausarztpraxis');
    expect(text).toContain('    after: "Guten Tag, hier spricht der digitale Assistent der Praxis."');
  });

  it('says so when nothing changed', () => {
    expect(renderDiffText([], 'de')).toBe('Keine inhaltlichen Änderungen.\n');
    expect(renderDiffText([], 'en')).toBe('No changes to the call flow.\n');
  });
});
