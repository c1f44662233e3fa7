// The designer shows the processing record of a draft while it is edited, so the record is built
// from any document: this fills every part the record reads with a harmless value when it is
// missing or of the wrong type. A valid flow passes through unchanged in meaning.
import type { Flow } from '../format/schema';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Json => (isObj(v) ? v : {});
const objs = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function field(f: Json): Json {
  const key = str(f.key, '?');
  return {
    ...f,
    key,
    label: str(f.label, key),
    type: str(f.type, 'text'),
    role: typeof f.role === 'string' ? f.role : undefined,
  };
}

function node(n: Json): Json {
  const copy: Json = { ...n, kind: str(n.kind) };
  if (copy.kind === 'intake') copy.fields = objs(n.fields).map(field);
  if (copy.kind === 'branch') copy.options = objs(n.options);
  if (['consent', 'hours', 'handoff'].includes(copy.kind as string)) copy.next = obj(n.next);
  return copy;
}

function settings(s: Json): Json {
  const record = obj(s.record);
  const delivery = obj(s.delivery);
  return {
    ...s,
    retention: obj(s.retention),
    zeroPersistence: s.zeroPersistence === true,
    record: { transcript: record.transcript === true, callerNumber: record.callerNumber === true },
    dataCategories: strs(s.dataCategories),
    professionalSecrecy: s.professionalSecrecy === true,
    providers: obj(s.providers),
    answers: { model: typeof obj(s.answers).model === 'boolean' ? obj(s.answers).model : undefined },
    delivery: {
      inbox: delivery.inbox === true,
      webhookUrl: typeof delivery.webhookUrl === 'string' ? delivery.webhookUrl : undefined,
    },
  };
}

export function asFlow(input: unknown): Flow {
  const f = obj(input);
  const nodes = Object.fromEntries(
    Object.entries(obj(f.nodes))
      .filter(([, n]) => isObj(n))
      .map(([id, n]) => [id, node(n as Json)]),
  );
  return {
    ...f,
    id: str(f.id),
    name: str(f.name),
    language: str(f.language),
    start: str(f.start),
    settings: settings(obj(f.settings)),
    triggers: objs(f.triggers).map((t) => ({
      ...t,
      id: str(t.id),
      label: str(t.label, str(t.id)),
      keywords: strs(t.keywords),
    })),
    humanEscape: { ...obj(f.humanEscape), target: str(obj(f.humanEscape).target) },
    facts: objs(f.facts).map((x) => ({
      ...x,
      id: str(x.id),
      topic: str(x.topic, str(x.id)),
      keywords: strs(x.keywords),
    })),
    nodes,
    // Flow-shaped where the record reads it; anything else passes through as it came.
  } as Flow;
}
