// Table-driven tests of the semantic rules: each case changes the small valid fixture and says
// which codes must (and must not) be reported. The broken-flow corpus covers one case per code;
// these cover the decisions at the edges (what is allowed, what is not).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadFlow } from '../load';

type Doc = Record<string, any>;
const text = readFileSync(
  new URL('../../../../../test/corpus/valid/mini.flow.json', import.meta.url),
  'utf8',
);

interface Case {
  name: string;
  change: (f: Doc) => void;
  reports?: string[];
  not?: string[];
  at?: string;
  handoffTargets?: string[];
}

function check(c: Case): void {
  const flow: Doc = JSON.parse(text);
  c.change(flow);
  const result = loadFlow(flow, c.handoffTargets ? { handoffTargets: c.handoffTargets } : {});
  const codes = result.diagnostics.map((d) => d.code);
  // The change must keep the structure valid, or the rules would not run and "not" would prove nothing.
  expect(codes.filter((code) => /^(schema|format)\./.test(code))).toEqual([]);
  for (const code of c.reports ?? []) expect(codes, `expected ${code}`).toContain(code);
  for (const code of c.not ?? []) expect(codes, `did not expect ${code}`).not.toContain(code);
  if (c.at) expect(result.diagnostics.map((d) => d.path)).toContain(c.at);
}

/** The "human, please" transfer falls back to the callback request when nobody answers. */
function escapeFallsBackToCallback(f: Doc): void {
  f.humanEscape.target = 'team';
  f.nodes.team = {
    kind: 'handoff',
    target: 'empfang',
    announce: 'Einen Moment.',
    next: { fallback: 'rueckruf' },
  };
}

const table = (title: string, cases: Case[]): void => {
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
  });
};

table('targets', [
  {
    name: 'a start that names no step',
    change: (f) => (f.start = 'anfang'),
    reports: ['graph.missing-target'],
    at: '/start',
  },
  {
    name: 'a trigger jumping nowhere',
    change: (f) => (f.triggers[0].goto = 'weg'),
    reports: ['graph.missing-target'],
    at: '/triggers/0/goto',
  },
  {
    name: 'an escape to "constructor" is a missing step, not an inherited one',
    change: (f) => (f.humanEscape.target = 'constructor'),
    reports: ['graph.missing-target'],
    not: ['escape.target-not-handoff'],
  },
]);

table('reachability', [
  {
    name: 'a step reached only by a trigger counts as reachable',
    change: () => {},
    not: ['graph.unreachable'],
  },
  {
    name: 'an unreachable step is only a warning: the flow still compiles',
    change: (f) => (f.nodes.alt = { kind: 'end', text: 'Alt.' }),
    reports: ['graph.unreachable'],
    not: ['graph.no-end'],
  },
  {
    name: 'two announcements pointing at each other never end',
    change: (f) => {
      f.nodes.notruf.next = 'notruf2';
      f.nodes.notruf2 = { kind: 'say', text: 'Noch einmal.', next: 'notruf' };
    },
    reports: ['graph.no-end'],
    at: '/nodes/notruf2',
  },
  {
    name: 'a loop with a way out is fine',
    change: (f) => {
      f.nodes.weiche.default = 'nochmal';
      f.nodes.nochmal = { kind: 'say', text: 'Das habe ich nicht verstanden.', next: 'weiche' };
    },
    not: ['graph.no-end'],
  },
]);

table('consent', [
  {
    name: 'an opening-hours check before the consent step is allowed',
    change: (f) => {
      f.start = 'tageszeit';
      f.nodes.tageszeit = { kind: 'hours', next: { open: 'begruessung', closed: 'begruessung' } };
    },
    not: ['consent.not-first'],
  },
  {
    name: 'an announcement on the closed path before consent is not',
    change: (f) => {
      f.start = 'tageszeit';
      f.nodes.tageszeit = { kind: 'hours', next: { open: 'begruessung', closed: 'geschlossen' } };
    },
    reports: ['consent.not-first'],
    at: '/nodes/tageszeit/next/closed',
  },
  {
    name: 'refusal → announcement → transfer is fine',
    change: (f) => {
      f.nodes.begruessung.next.no = 'hinweis';
      f.nodes.hinweis = { kind: 'say', text: 'Kein Problem.', next: 'rezeption' };
    },
    not: ['consent.refusal-not-to-human'],
  },
  {
    name: 'refusal → opening hours → goodbye even when open is not',
    change: (f) => (f.nodes.sprechzeit.next.open = 'geschlossen'),
    reports: ['consent.refusal-not-to-human'],
  },
  {
    name: 'refusal → transfer whose fallback asks for a callback collects without consent',
    change: (f) => (f.nodes.rezeption.next.fallback = 'rueckruf'),
    reports: ['consent.missing-before-collect'],
    at: '/nodes/rueckruf',
  },
  {
    name: 'the escape’s transfer may fall back to a callback (before consent the escape takes the "no" exit)',
    change: escapeFallsBackToCallback,
    not: ['consent.missing-before-collect'],
  },
  {
    name: 'a branch that only tests a detail asks nothing, a branch with a question does',
    change: (f) => {
      f.nodes.begruessung.next.unclear = 'frage';
      f.nodes.frage = {
        kind: 'branch',
        prompt: 'Termin?',
        options: [{ id: 'ja', label: 'Ja', keywords: ['ja'], next: 'rezeption' }],
        default: 'rezeption',
      };
    },
    reports: ['consent.missing-before-collect'],
    at: '/nodes/frage',
  },
]);

table('transfers', [
  {
    name: 'the escape to a goodbye',
    change: (f) => (f.humanEscape.target = 'abschied'),
    reports: ['escape.target-not-handoff'],
  },
  {
    name: 'a target on the allow-list',
    change: () => {},
    handoffTargets: ['empfang', 'labor'],
    not: ['handoff.target-not-allowed'],
  },
  {
    name: 'a target not on the allow-list',
    change: () => {},
    handoffTargets: ['labor'],
    reports: ['handoff.target-not-allowed'],
  },
  {
    name: 'a fallback that announces and tries the same transfer again',
    change: (f) => {
      f.nodes.rezeption.next.fallback = 'nochmal';
      f.nodes.nochmal = { kind: 'say', text: 'Ich versuche es noch einmal.', next: 'rezeption' };
    },
    reports: ['handoff.fallback-loop'],
  },
  {
    name: 'a fallback that asks something before trying again is no endless loop',
    change: (f) => {
      f.nodes.rezeption.next.fallback = 'warten';
      f.nodes.warten = {
        kind: 'branch',
        prompt: 'Möchten Sie es noch einmal versuchen?',
        options: [{ id: 'ja', label: 'Ja', keywords: ['ja'], next: 'rezeption' }],
        default: 'geschlossen',
      };
    },
    not: ['handoff.fallback-loop'],
  },
  {
    // It decides on the detail collected earlier, the same way every time: the caller is not asked.
    name: 'a fallback through a branch on a collected detail back into the transfer is a loop',
    change: (f) => {
      f.nodes.rezeption.next.fallback = 'warten';
      f.nodes.warten = {
        kind: 'branch',
        options: [{ id: 'ja', label: 'Ja', keywords: ['ja'], next: 'rezeption' }],
        field: 'anliegen',
        default: 'geschlossen',
      };
    },
    reports: ['handoff.fallback-loop'],
  },
  {
    name: 'a branch option called like the exit "default"',
    change: (f) => (f.nodes.weiche.options[0].id = 'default'),
    reports: ['branch.duplicate-option'],
    at: '/nodes/weiche/options/0/id',
  },
]);

table('privacy settings', [
  {
    name: 'zero persistence with immediate deletion, no transcript, webhook only',
    change: (f) => {
      f.settings.zeroPersistence = true;
      f.settings.retention = { mode: 'immediate' };
      f.settings.delivery.inbox = false;
    },
    not: ['privacy.zero-persistence-retention', 'privacy.zero-persistence-transcript'],
  },
  {
    name: 'zero persistence with archive',
    change: (f) => {
      f.settings.zeroPersistence = true;
      f.settings.retention = { mode: 'archive' };
    },
    reports: ['privacy.zero-persistence-retention'],
  },
  {
    name: 'a sensitive detail with llm off is not sent to the LLM',
    change: () => {},
    not: ['privacy.sensitive-to-llm'],
  },
  {
    name: 'without an LLM provider nothing is sent to one',
    change: (f) => {
      f.settings.providers.understanding = 'none';
      delete f.nodes.angaben.fields[3].llm;
    },
    not: ['privacy.sensitive-to-llm'],
  },
]);

table('confidential flows (professional secrecy, special categories)', [
  {
    name: 'with health data, a detail the LLM may read is a warning',
    change: (f) => delete f.nodes.angaben.fields[0].llm,
    reports: ['privacy.confidential-to-llm'],
    at: '/nodes/angaben/fields/0',
  },
  {
    name: 'under professional secrecy alone, too',
    change: (f) => {
      delete f.nodes.angaben.fields[1].llm;
      f.nodes.angaben.fields[3].sensitive = false;
      f.settings.dataCategories = [];
      f.settings.professionalSecrecy = true;
    },
    reports: ['privacy.confidential-to-llm'],
    at: '/nodes/angaben/fields/1',
  },
  {
    name: 'neither secrecy nor special categories: the same detail is fine',
    change: (f) => {
      delete f.nodes.angaben.fields[1].llm;
      f.nodes.angaben.fields[3].sensitive = false;
      f.settings.dataCategories = [];
    },
    not: ['privacy.confidential-to-llm'],
  },
  {
    name: 'without an LLM provider nothing is read',
    change: (f) => {
      delete f.nodes.angaben.fields[0].llm;
      f.settings.providers.understanding = 'none';
    },
    not: ['privacy.confidential-to-llm'],
  },
  {
    name: 'a sensitive detail gets its own warning, not a second one',
    change: (f) => delete f.nodes.angaben.fields[3].llm,
    reports: ['privacy.sensitive-to-llm'],
    not: ['privacy.confidential-to-llm'],
  },
]);

table('callback numbers', [
  {
    name: 'a callback reached only after its number was asked',
    change: () => {},
    not: ['callback.number-not-asked'],
  },
  {
    name: 'a keyword trigger can jump to the callback before the number is asked',
    change: (f) => (f.triggers[0].goto = 'rueckruf'),
    reports: ['callback.number-not-asked'],
    at: '/nodes/rueckruf',
  },
  {
    name: 'the escape’s transfer falling back to a callback (the law-office case)',
    change: escapeFallsBackToCallback,
    reports: ['callback.number-not-asked'],
  },
  {
    name: 'with its own question for the number, the step secures one in the flow’s words',
    change: (f) => {
      f.triggers[0].goto = 'rueckruf';
      f.nodes.rueckruf.numberPrompt = 'Unter welcher Nummer erreichen wir Sie?';
    },
    not: ['callback.number-not-asked'],
  },
]);

table('fields and placeholders', [
  {
    name: 'the same key in two branches with the same type is fine',
    change: (f) => {
      f.nodes.weiche.options.push({
        id: 'rezept',
        label: 'Rezept',
        keywords: ['rezept'],
        next: 'rezeptfrage',
      });
      f.nodes.weiche.default = 'terminfrage';
      f.nodes.rezeptfrage = {
        kind: 'intake',
        fields: [{ key: 'medikament', label: 'Medikament', type: 'text', prompt: 'Welches?' }],
        next: 'abschied',
      };
      f.nodes.terminfrage = {
        kind: 'intake',
        fields: [{ key: 'medikament', label: 'Medikament', type: 'text', prompt: 'Welches?' }],
        next: 'abschied',
      };
    },
    not: ['field.conflicting-definition', 'field.asked-twice', 'field.duplicate-key'],
  },
  {
    name: 'a placeholder of a later detail in the same step',
    change: (f) => (f.nodes.angaben.fields[0].prompt = 'Wie ist Ihr Name? Ihre Nummer {telefon} haben wir.'),
    reports: ['template.not-asked-yet'],
    at: '/nodes/angaben/fields/0/prompt',
  },
  {
    name: 'a placeholder in the escape transfer’s whisper (entered at any moment)',
    change: (f) => (f.nodes.rezeption.whisper = 'Anruf von {name}.'),
    not: ['template.not-asked-yet', 'template.unknown-field'],
  },
  {
    name: 'escaped braces of other words are not placeholders',
    change: (f) => (f.nodes.abschied.text = 'Danke {name}. {1} ist kein Platzhalter.'),
    not: ['template.unknown-field'],
  },
]);

table('triggers, delivery and hours', [
  {
    name: 'a trigger keyword that differs only in case from the escape',
    change: (f) => f.triggers[0].keywords.push('mensch'),
    reports: ['trigger.duplicate-keyword'],
  },
  {
    name: 'inbox only, no webhook',
    change: (f) => delete f.settings.delivery.webhookUrl,
    not: ['delivery.no-target'],
  },
  {
    name: 'a webhook over plain http',
    change: (f) => (f.settings.delivery.webhookUrl = 'http://x.example/h'),
    reports: ['delivery.webhook-not-https'],
  },
  {
    name: 'a time zone with a typo',
    change: (f) => (f.settings.businessHours.timeZone = 'Europe/Berln'),
    reports: ['hours.invalid-time-zone'],
  },
]);

describe('all at once', () => {
  it('reports independent problems together', () => {
    const flow: Doc = JSON.parse(text);
    flow.humanEscape.target = 'abschied';
    flow.settings.dataCategories = [];
    flow.nodes.abschied.text = 'Danke, {vorname}.';
    const codes = loadFlow(flow).diagnostics.map((d) => d.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'escape.target-not-handoff',
        'privacy.sensitive-without-category',
        'template.unknown-field',
      ]),
    );
  });
});

describe('zero persistence without an integrator', () => {
  it('delivers to the volatile inbox alone: no error, no warning about where notes go', () => {
    const flow: Doc = JSON.parse(text);
    flow.settings.zeroPersistence = true;
    flow.settings.retention = { mode: 'immediate' };
    flow.settings.record = { ...flow.settings.record, transcript: false };
    flow.settings.delivery = { inbox: true };
    const result = loadFlow(flow);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.map((d) => d.code).filter((c) => /^(privacy|delivery)\./.test(c))).toEqual([]);
  });
});
