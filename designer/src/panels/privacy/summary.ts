// What a flow processes, derived purely from the flow: the collected details, special
// categories, retention, and which sub-processor sees which detail. Drives the always-visible
// privacy sheet and its Markdown export. (When the engine's processing record lands, the
// Markdown export uses it; this summary stays the live, compact view.)
import type { Flow } from '../../../../engine/src/flow/format/schema';
import type { Lang } from '../../nodes/types';

export interface CollectedDetail {
  key: string;
  label: string;
  nodeId: string;
  sensitive: boolean;
  /** May the understanding provider (LLM) see the answer? */
  llm: boolean;
}

export interface ProcessorUse {
  name: string;
  purpose: { de: string; en: string };
  sees: { de: string; en: string }[];
}

export interface PrivacySummary {
  details: CollectedDetail[];
  categories: string[];
  zeroPersistence: boolean;
  retention: { de: string; en: string };
  callerNumber: boolean;
  transcript: boolean;
  processors: ProcessorUse[];
}

function retentionText(flow: Flow): { de: string; en: string } {
  const { retention, zeroPersistence } = flow.settings;
  if (zeroPersistence)
    return { de: 'Ohne Speicherung (nur Arbeitsspeicher): nichts wird gespeichert, die Gesprächsnotiz wird nur zugestellt.', en: 'No storage (memory only): nothing is stored, the call note is only delivered.' };
  if (retention.mode === 'immediate') return { de: 'sofort nach Zustellung löschen', en: 'delete right after delivery' };
  if (retention.mode === 'ttl')
    return { de: `befristet aufbewahren: ${retention.days} ${retention.days === 1 ? 'Tag' : 'Tage'}`, en: `keep for a limited time: ${retention.days} ${retention.days === 1 ? 'day' : 'days'}` };
  return { de: 'manuell archivieren (höchstens 30 Tage)', en: 'archive manually (30 days at most)' };
}

export function summarize(flow: Flow): PrivacySummary {
  const details: CollectedDetail[] = [];
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    if (node.kind === 'intake')
      for (const f of node.fields)
        details.push({ key: f.key, label: f.label, nodeId, sensitive: f.sensitive === true, llm: f.llm !== false });
    if (node.kind === 'callback' && node.timePrompt)
      details.push({ key: 'callbackTime', label: 'Rückrufzeit', nodeId, sensitive: false, llm: true });
  }
  const confirmed = new Set(
    Object.values(flow.nodes).flatMap((n) => (n.kind === 'intake' ? n.fields.filter((f) => f.confirm).map((f) => f.key) : [])),
  );
  const llmSees = flow.settings.providers.understanding === 'openai' ? details.filter((d) => d.llm) : [];
  const names = (list: CollectedDetail[]) => list.map((d) => ({ de: d.label, en: d.label }));
  const processors: ProcessorUse[] = [
    {
      name: 'Twilio',
      purpose: { de: 'Telefonie', en: 'telephony' },
      sees: [{ de: 'Verbindungsdaten (Nummern, Zeiten)', en: 'call metadata (numbers, times)' }, { de: 'Sprache (Audio, live)', en: 'speech (audio, live)' }],
    },
    {
      name: 'Google Cloud Speech',
      purpose: { de: 'Spracherkennung', en: 'speech to text' },
      sees: [{ de: 'Sprache (Audio, nur während des Zuhörens) – alle Antworten', en: 'speech (audio, only while listening) – all answers' }],
    },
    ...(llmSees.length
      ? [{ name: 'OpenAI', purpose: { de: 'Sprachverständnis', en: 'understanding' }, sees: names(llmSees) }]
      : []),
    {
      name: 'ElevenLabs',
      purpose: { de: 'Sprachausgabe', en: 'speech synthesis' },
      // Read-backs of confirmed details are spoken too, so they reach the voice service.
      sees: [{ de: 'Ansagen (Text)', en: 'prompts (text)' }, ...names(details.filter((d) => confirmed.has(d.key)))],
    },
  ];
  return {
    details,
    categories: [...flow.settings.dataCategories],
    zeroPersistence: flow.settings.zeroPersistence,
    retention: retentionText(flow),
    callerNumber: flow.settings.record.callerNumber,
    transcript: flow.settings.record.transcript,
    processors,
  };
}

export function toMarkdown(flow: Flow, s: PrivacySummary, lang: Lang, categoryName: (c: string) => string): string {
  const de = lang === 'de';
  const lines = [
    `# ${de ? 'Verarbeitungsübersicht' : 'Processing record'}: ${flow.name}`,
    '',
    `## ${de ? 'Erfasste Angaben' : 'Collected details'}`,
    ...(s.details.length
      ? s.details.map((d) => `- ${d.label} (\`${d.key}\`)${d.sensitive ? (de ? ' – besondere Kategorie' : ' – special category') : ''}`)
      : [de ? '- keine' : '- none']),
    ...(s.callerNumber ? [`- ${de ? 'Rufnummer der Anrufenden' : "Caller's number"}`] : []),
    ...(s.transcript ? [`- ${de ? 'Gesprächsverlauf' : 'Transcript'}`] : []),
    '',
    `## ${de ? 'Besondere Kategorien' : 'Special categories'}`,
    s.categories.length ? s.categories.map((c) => `- ${categoryName(c)}`).join('\n') : de ? '- keine' : '- none',
    '',
    `## ${de ? 'Aufbewahrung' : 'Retention'}`,
    s.retention[lang],
    '',
    `## ${de ? 'Unterauftragsverarbeiter' : 'Sub-processors'}`,
    ...s.processors.map((p) => `- **${p.name}** (${p.purpose[lang]}): ${p.sees.map((x) => x[lang]).join(', ')}`),
    '',
    de ? 'Es wird niemals Audio gespeichert. Nichts wird länger als 30 Tage aufbewahrt.' : 'Audio is never stored. Nothing is kept longer than 30 days.',
    '',
  ];
  return lines.join('\n');
}
