// The checker's messages name steps, details, branch paths and triggers by their ids in quotes
// („weiche“, “angabe1”): right for integrators on the command line, but in the designer a person
// reads names. Each quoted id of the open flow becomes the name people gave it; an untitled step
// is called by its kind („Weiche“).
import type { Diagnostic } from '../../../engine/src/flow/diagnostics';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { stepNames } from '../nodes/stepNames';
import type { Lang } from '../nodes/types';

/** id → name for everything in the flow a message may quote; steps win when a key is also a step. */
export function namesOf(flow: Flow, lang: Lang): Map<string, string> {
  const names = new Map<string, string>();
  for (const t of flow.triggers) names.set(t.id, t.label);
  for (const node of Object.values(flow.nodes)) {
    if (node.kind === 'intake') for (const f of node.fields) names.set(f.key, f.label);
    if (node.kind === 'branch') for (const o of node.options) names.set(o.id, o.label);
  }
  const steps = stepNames(
    Object.entries(flow.nodes).map(([id, node]) => ({ id, node })),
    lang,
  );
  for (const [id, name] of steps) names.set(id, name);
  return names;
}

const QUOTED = /([„“"])([a-z][a-zA-Z0-9_-]*)([“”"])/g;

/** The message with every quoted id replaced by its name; other quoted words stay as they are. */
export function withNames(message: string, names: ReadonlyMap<string, string>): string {
  return message.replace(QUOTED, (whole, open: string, id: string, close: string) => {
    const name = names.get(id);
    return name === undefined ? whole : `${open}${name}${close}`;
  });
}

/** Every message in both languages by names (the live check does this once per check, in its worker). */
export function withNamesIn(flow: Flow, diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length === 0) return diagnostics;
  const de = namesOf(flow, 'de');
  const en = namesOf(flow, 'en');
  return diagnostics.map((d) => ({
    ...d,
    message: { de: withNames(d.message.de, de), en: withNames(d.message.en, en) },
  }));
}
