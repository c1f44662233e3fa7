// What a call note's reader needs from the flow that took the call: the labels of the details
// ("Geburtsdatum" instead of "geburtsdatum") and whether "Erledigt" deletes the note at once.
import { api } from '../../api';

export interface FlowFacts {
  labels: Record<string, string>;
  immediate: boolean;
}

interface Doc {
  nodes?: Record<string, { fields?: { key?: string; label?: unknown }[] }>;
  settings?: { retention?: { mode?: string } };
}

function labelText(label: unknown, lang: string): string | null {
  if (typeof label === 'string') return label;
  if (label && typeof label === 'object') {
    const l = label as Record<string, unknown>;
    const v = l[lang] ?? l.de ?? Object.values(l)[0];
    return typeof v === 'string' ? v : null;
  }
  return null;
}

/** Pure: facts from a flow document (unknown shape tolerated; missing parts give defaults). */
export function factsOf(document: unknown, lang: string): FlowFacts {
  const doc = (document ?? {}) as Doc;
  const labels: Record<string, string> = {};
  for (const n of Object.values(doc.nodes ?? {})) {
    for (const f of n.fields ?? []) {
      const text = f.key ? labelText(f.label, lang) : null;
      if (f.key && text) labels[f.key] = text;
    }
  }
  return { labels, immediate: doc.settings?.retention?.mode === 'immediate' };
}

const cache = new Map<string, Promise<unknown>>();

/** The published version that took the call (or the draft for draft test calls); null if unreadable. */
export async function loadFlowFacts(
  flowId: string,
  version: number | null,
  lang: string,
): Promise<FlowFacts | null> {
  const key = `${flowId}@${version ?? 'draft'}`;
  let doc = cache.get(key);
  if (!doc) {
    doc = version
      ? api.getVersion(flowId, version).then((v) => v.flow)
      : api.getDraft(flowId).then((d) => d.document);
    // Drafts change; only published versions are worth remembering.
    if (version) cache.set(key, doc);
  }
  try {
    return factsOf(await doc, lang);
  } catch {
    cache.delete(key);
    return null;
  }
}
