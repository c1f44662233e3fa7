// The processing record as Markdown, in German or English: for the organisation's records of
// processing activities (GDPR Art. 30) and for `callflow privacy`.
import type { ProcessingRecord, RecordField, Stage } from './types';

export type Lang = 'de' | 'en';

const WORDS = {
  de: {
    title: 'Verarbeitungsübersicht',
    flow: 'Anrufablauf',
    language: 'Sprache',
    hash: 'Inhalts-Hash',
    summary: 'Zusammenfassung',
    retention: 'Aufbewahrung',
    zero: 'Ohne Speicherung',
    categories: 'Besondere Kategorien (Art. 9 DSGVO)',
    secrecy: 'Berufsgeheimnis (§ 203 StGB)',
    yes: 'ja',
    no: 'nein',
    none: 'keine',
    fields: 'Erhobene Angaben',
    noFields: 'Dieser Ablauf erhebt keine Angaben.',
    fieldHead: '| Angabe | Schlüssel | Art | Pflicht | Besondere Kategorie | an Sprachmodell |',
    note: 'Inhalt der Gesprächsnotiz',
    never: 'Was nie gespeichert wird',
    triggers: 'Stichwort-Auslöser',
    noTriggers: 'Keine.',
    urgent: 'dringend',
    flag: 'Markierung',
    delivery: 'Zustellung',
    stages: 'Verarbeitung nach Stufen (Unterauftragsverarbeiter)',
    processor: 'Anbieter',
    notUsed: 'nicht genutzt',
    purpose: 'Zweck',
    sees: 'Sieht',
    seenFields: 'Angaben',
    keeps: 'Aufbewahrung beim Anbieter',
    safeguards: 'Schutz',
    measures: 'Technische und organisatorische Maßnahmen',
    answers: 'Antworten auf Fragen (Wissen)',
    noFacts: 'Keine eigenen Einträge; Fragen zu den Öffnungszeiten werden aus den Einstellungen beantwortet.',
    hoursFacts: 'Dazu die Öffnungszeiten und geschlossenen Tage aus den Einstellungen.',
    model: 'Antworten durch das Sprachmodell',
  },
  en: {
    title: 'Processing record',
    flow: 'Call flow',
    language: 'Language',
    hash: 'Content hash',
    summary: 'Summary',
    retention: 'Retention',
    zero: 'No storage',
    categories: 'Special categories (Art. 9 GDPR)',
    secrecy: 'Professional secrecy (§ 203 StGB)',
    yes: 'yes',
    no: 'no',
    none: 'none',
    fields: 'Collected details',
    noFields: 'This flow collects no details.',
    fieldHead: '| Detail | Key | Type | Required | Special category | To language model |',
    note: 'Contents of the call note',
    never: 'What is never stored',
    triggers: 'Keyword triggers',
    noTriggers: 'None.',
    urgent: 'urgent',
    flag: 'flag',
    delivery: 'Delivery',
    stages: 'Processing by stage (sub-processors)',
    processor: 'Processor',
    notUsed: 'not used',
    purpose: 'Purpose',
    sees: 'Sees',
    seenFields: 'Details',
    keeps: 'Kept by the processor',
    safeguards: 'Safeguards',
    measures: 'Technical and organisational measures',
    answers: "Answers to callers' questions (facts)",
    noFacts: 'No facts of its own; questions about opening hours are answered from the settings.',
    hoursFacts: 'Plus the opening hours and closed days from the settings.',
    model: 'Answers by the language model',
  },
} as const;

/** Table cells must not break the table. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function fieldRows(fields: RecordField[], lang: Lang): string[] {
  const w = WORDS[lang];
  if (fields.length === 0) return [w.noFields];
  const yn = (b: boolean) => (b ? w.yes : w.no);
  return [
    w.fieldHead,
    '|---|---|---|---|---|---|',
    ...fields.map(
      (f) =>
        `| ${cell(f.label)} | \`${f.key}\` | ${f.typeWords[lang]} | ${yn(f.required)} | ${yn(f.sensitive)} | ${yn(f.toLlm)} |`,
    ),
  ];
}

function stageSection(stage: Stage, labels: Map<string, string>, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines = [
    `### ${stage.name[lang][0].toUpperCase()}${stage.name[lang].slice(1)} — ${stage.processor ?? w.notUsed}`,
    '',
    stage.purpose[lang],
    '',
  ];
  for (const s of stage.sees) lines.push(`- ${w.sees}: ${s[lang]}`);
  const names = stage.fields.map((k) => `${labels.get(k) ?? k} (\`${k}\`)`);
  if (stage.processor) lines.push(`- ${w.seenFields}: ${names.length ? names.join(', ') : w.none}`);
  lines.push(`- ${w.keeps}: ${stage.retention[lang]}`);
  for (const s of stage.safeguards) lines.push(`- ${w.safeguards}: ${s[lang]}`);
  return [...lines, ''];
}

function summary(r: ProcessingRecord, lang: Lang): string[] {
  const w = WORDS[lang];
  const categories = r.dataCategories.map((c) => c.words[lang]).join(', ') || w.none;
  return [
    `## ${w.summary}`,
    '',
    `- ${w.retention}: ${r.retention.short[lang]}. ${r.retention.details[lang]}`,
    `- ${w.zero}: ${r.zeroPersistence ? w.yes : w.no}`,
    `- ${w.categories}: ${categories}`,
    `- ${w.secrecy}: ${r.professionalSecrecy ? w.yes : w.no}`,
    '',
  ];
}

function triggers(r: ProcessingRecord, lang: Lang): string[] {
  const w = WORDS[lang];
  if (r.triggers.length === 0) return [w.noTriggers, ''];
  return [
    ...r.triggers.map((tr) => {
      const extra = [tr.priority === 'urgent' ? w.urgent : '', tr.flag ? `${w.flag} \`${tr.flag}\`` : '']
        .filter(Boolean)
        .join(', ');
      return `- ${cell(tr.label)}${extra ? ` (${extra})` : ''}: ${tr.keywords.map((k) => `„${k}“`).join(', ')}`;
    }),
    '',
  ];
}

function answers(r: ProcessingRecord, lang: Lang): string[] {
  const w = WORDS[lang];
  const facts = r.answers.facts.map(
    (f) => `- ${cell(f.topic)}${f.keywords.length ? `: ${f.keywords.map((k) => `„${k}“`).join(', ')}` : ''}`,
  );
  return [
    ...(facts.length ? [...facts, `- ${w.hoursFacts}`] : [w.noFacts]),
    '',
    `${w.model}: ${r.answers.model.reason[lang]}`,
    '',
  ];
}

export function renderProcessingRecordMarkdown(r: ProcessingRecord, lang: Lang): string {
  const w = WORDS[lang];
  const labels = new Map(r.fields.map((f) => [f.key, f.label]));
  const head = `${w.flow} \`${r.flow.id}\` · ${w.language} ${r.flow.language}${r.flow.contentHash ? ` · ${w.hash} \`${r.flow.contentHash}\`` : ''}`;
  const lines = [
    `# ${w.title}: ${r.flow.name}`,
    '',
    head,
    '',
    ...summary(r, lang),
    `## ${w.fields}`,
    '',
    ...fieldRows(r.fields, lang),
    '',
    `## ${w.note}`,
    '',
    ...r.callNote.map((x) => `- ${x[lang]}`),
    '',
    `## ${w.never}`,
    '',
    ...r.neverStored.map((x) => `- ${x[lang]}`),
    '',
    `## ${w.triggers}`,
    '',
    ...triggers(r, lang),
    `## ${w.answers}`,
    '',
    ...answers(r, lang),
    `## ${w.delivery}`,
    '',
    ...r.delivery.details.map((x) => `- ${x[lang]}`),
    '',
    `## ${w.stages}`,
    '',
    ...r.stages.flatMap((s) => stageSection(s, labels, lang)),
    `## ${w.measures}`,
    '',
    ...r.measures.map((x) => `- ${x[lang]}`),
  ];
  return lines.join('\n') + '\n';
}
