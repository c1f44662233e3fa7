import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../format/schema';
import { loadFlow } from '../loader/load';
import { fixedIdsOf, idFromName } from './derive';
import { relabelField, relabelOption, relabelTrigger, retitleStep } from './names';

const practice = JSON.parse(
  readFileSync(new URL('../../../../flows/arztpraxis.flow.json', import.meta.url), 'utf8'),
) as Flow;
const NEVER_PUBLISHED = fixedIdsOf();
const errorsOf = (flow: Flow) => loadFlow(flow).diagnostics.filter((d) => d.severity === 'error');
const none = () => false;

describe('ids from names', () => {
  it.each([
    ['step', 'Begrüßung & Einwilligung', 'begruessung-einwilligung'],
    ['step', 'Größe ändern', 'groesse-aendern'],
    ['field', 'Gewünschte Rückrufzeit', 'gewuenschte_rueckrufzeit'],
    ['field', 'Straße', 'strasse'],
    ['trigger', 'Möglicher Notfall', 'moeglicher-notfall'],
    ['option', 'Überweisung', 'ueberweisung'],
    ['step', '1. Frage', 'schritt-1-frage'],
    ['field', '2 Kinder', 'angabe_2_kinder'],
  ] as const)('%s „%s“ → %s', (kind, name, id) => {
    expect(idFromName(kind, name, none)).toBe(id);
  });

  it('counts up when the id is taken: -2, -3 (details _2, since keys have no "-")', () => {
    const steps = new Set(['termin', 'termin-2']);
    expect(idFromName('step', 'Termin', (x) => steps.has(x))).toBe('termin-3');
    expect(idFromName('field', 'Name', (x) => x === 'name')).toBe('name_2');
  });

  it('gives no id for a name without letters or digits (the old one stays)', () => {
    expect(idFromName('step', '…?', none)).toBeNull();
    expect(retitleStep(practice, 'rezept', '', NEVER_PUBLISHED).id).toBe('rezept');
  });
});

describe('before the first publish an id follows its name, with every reference', () => {
  it('a step: edges, start, human escape and triggers follow; the flow stays valid', () => {
    const { flow, id } = retitleStep(
      practice,
      'weiterleitung',
      'Durchstellen zur Rezeption',
      NEVER_PUBLISHED,
    );
    expect(id).toBe('durchstellen-zur-rezeption');
    expect(flow.nodes.weiterleitung).toBeUndefined();
    expect(flow.nodes[id].title).toBe('Durchstellen zur Rezeption');
    expect(flow.humanEscape.target).toBe(id);
    expect(flow.layout?.nodes[id]).toEqual(practice.layout?.nodes.weiterleitung);
    expect(JSON.stringify(flow.nodes)).not.toContain('"weiterleitung"');
    expect(errorsOf(flow)).toEqual([]);

    const start = retitleStep(practice, 'begruessung', 'Hallo', NEVER_PUBLISHED);
    expect(start.flow.start).toBe('hallo');
    const goto = retitleStep(practice, 'notfall_hinweis', 'Notfall', NEVER_PUBLISHED);
    expect(goto.flow.triggers[0].goto).toBe('notfall');
    expect(errorsOf(goto.flow)).toEqual([]);
  });

  it('a step named like another gets the next free id', () => {
    expect(retitleStep(practice, 'rueckruf', 'Rezept', NEVER_PUBLISHED).id).toBe('rezept-2');
  });

  it('a detail: the branch reading it and the {placeholders} speaking it follow', () => {
    const anliegen = relabelField(practice, 'anliegen', 0, 'Grund des Anrufs', NEVER_PUBLISHED);
    const step = anliegen.nodes.anliegen;
    expect(step.kind === 'intake' && step.fields[0]).toMatchObject({
      key: 'grund_des_anrufs',
      label: 'Grund des Anrufs',
    });
    expect(anliegen.nodes.art_des_anliegens).toMatchObject({ field: 'grund_des_anrufs' });
    expect(errorsOf(anliegen)).toEqual([]);

    const name = relabelField(practice, 'personalien', 0, 'Vor- und Zuname', NEVER_PUBLISHED);
    const texts = JSON.stringify(name.nodes);
    expect(texts).toContain('{vor_und_zuname}');
    expect(texts).not.toContain('{name}');
    expect(errorsOf(name)).toEqual([]);
  });

  it('a detail named like another detail of the flow gets its own key', () => {
    const flow = relabelField(practice, 'rezept', 0, 'Name', NEVER_PUBLISHED);
    const step = flow.nodes.rezept;
    expect(step.kind === 'intake' && step.fields[0].key).toBe('name_2');
  });

  it('a branch option and a trigger follow their labels; an option is never called "default"', () => {
    const option = relabelOption(practice, 'art_des_anliegens', 1, 'Terminwunsch', NEVER_PUBLISHED);
    const branch = option.nodes.art_des_anliegens;
    expect(branch.kind === 'branch' && branch.options.map((o) => o.id)).toEqual(['rezept', 'terminwunsch']);
    const before = practice.nodes.art_des_anliegens;
    expect(branch.kind === 'branch' && branch.options[1].next).toBe(
      before.kind === 'branch' && before.options[1].next,
    );
    const otherwise = relabelOption(practice, 'art_des_anliegens', 1, 'Default', NEVER_PUBLISHED);
    const b2 = otherwise.nodes.art_des_anliegens;
    expect(b2.kind === 'branch' && b2.options[1].id).toBe('default-2');
    expect(relabelTrigger(practice, 0, 'Akuter Notfall', NEVER_PUBLISHED).triggers[0].id).toBe(
      'akuter-notfall',
    );
  });
});

describe('after the first publish ids stay fixed forever', () => {
  const published = fixedIdsOf(practice);

  it('renaming changes the title or label only', () => {
    const step = retitleStep(practice, 'weiterleitung', 'Durchstellen', published);
    expect(step.id).toBe('weiterleitung');
    expect(step.flow.nodes.weiterleitung.title).toBe('Durchstellen');
    const field = relabelField(practice, 'anliegen', 0, 'Grund', published).nodes.anliegen;
    expect(field.kind === 'intake' && field.fields[0]).toMatchObject({ key: 'anliegen', label: 'Grund' });
    const option = relabelOption(practice, 'art_des_anliegens', 0, 'Medikament', published).nodes
      .art_des_anliegens;
    expect(option.kind === 'branch' && option.options[0].id).toBe('rezept');
    expect(relabelTrigger(practice, 0, 'Akut', published).triggers[0].id).toBe('notfall');
  });

  it('a step added after the publish follows its title until it is published, never onto a published id', () => {
    const added: Flow = {
      ...practice,
      nodes: { ...practice.nodes, schritt: { kind: 'say', text: 'Einen Moment bitte.', next: 'abschluss' } },
    };
    const withoutRezept = { ...added, nodes: { ...added.nodes } };
    delete withoutRezept.nodes.rezept;
    expect(retitleStep(withoutRezept, 'schritt', 'Rezept', published).id).toBe('rezept-2');
    expect(retitleStep(added, 'schritt', 'Hinweis', published).id).toBe('hinweis');
  });

  it('an id an earlier version had stays taken after a later version dropped it', () => {
    const v2: Flow = { ...practice, nodes: { ...practice.nodes } };
    delete v2.nodes.rezept;
    const draft: Flow = {
      ...v2,
      nodes: { ...v2.nodes, schritt: { kind: 'say', text: 'Einen Moment bitte.', next: 'abschluss' } },
    };
    // Only the latest version would hand the dropped id out again, to a different step.
    expect(retitleStep(draft, 'schritt', 'Rezept', fixedIdsOf(v2)).id).toBe('rezept');
    expect(retitleStep(draft, 'schritt', 'Rezept', fixedIdsOf(practice, v2)).id).toBe('rezept-2');
  });

  it('while it is unknown what was published (the draft stands in for it), nothing moves', () => {
    expect(retitleStep(practice, 'rezept', 'Medikamente', fixedIdsOf(practice)).id).toBe('rezept');
  });
});
