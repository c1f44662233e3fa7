// The headline sentences of a version comparison („Seit Version 5 sind die Auflegungen am
// Schritt ‚Anliegen' von 18 % auf 7 % gefallen."), chosen from the data and written in German
// and English. Pure. A sentence is only ever made from rates the comparison computed from
// shown days (never from a "< 5" day) and from steps that enough callers reached; when a
// version has nothing to show, the headline says so instead.
import type { Lang } from '../../nodes/types';
import type { CompareMetric, VersionComparison } from './compare';

export type HeadlineMetric = Exclude<CompareMetric, 'reached'>;

export type Headline =
  | { kind: 'change'; node: string; metric: HeadlineMetric; from: number; to: number; since: number }
  /** This version has no shown day in the period (no calls, or only days under 5 calls). */
  | { kind: 'not-enough'; version: number }
  /** Both versions have calls, but no step was reached by enough callers in both. */
  | { kind: 'too-few-steps' }
  | { kind: 'no-change'; older: number; newer: number };

const METRICS: HeadlineMetric[] = ['hungUp', 'human', 'reprompts'];
/** Smallest change worth a sentence: 3 percentage points, or 0.2 repeats per call. */
const MIN_CHANGE: Record<HeadlineMetric, number> = { hungUp: 0.03, human: 0.03, reprompts: 0.2 };
/** Ranks repeats against shares: a quarter repeat more or less per call weighs like 5 percentage points. */
const WEIGHT: Record<HeadlineMetric, number> = { hungUp: 1, human: 1, reprompts: 0.2 };

/** The sentences for a comparison of version `a` with version `b` (in the comparison's order);
 *  "since" is always the newer of the two, whichever way round they were picked. */
export function headlines(cmp: VersionComparison, versions: { a: number; b: number }, max = 3): Headline[] {
  const missing: Headline[] = [];
  if (cmp.callsA === 0) missing.push({ kind: 'not-enough', version: versions.a });
  if (cmp.callsB === 0 && versions.b !== versions.a)
    missing.push({ kind: 'not-enough', version: versions.b });
  if (missing.length) return missing;
  const forward = versions.a <= versions.b;
  const since = Math.max(versions.a, versions.b);
  const changes: (Headline & { kind: 'change' })[] = [];
  let comparable = false;
  for (const step of cmp.steps) {
    for (const metric of METRICS) {
      const [older, newer] = forward ? [step.a[metric], step.b[metric]] : [step.b[metric], step.a[metric]];
      if (older === null || newer === null) continue;
      comparable = true;
      if (
        Math.abs(newer - older) >= MIN_CHANGE[metric] - 1e-9 &&
        shown(metric, older) !== shown(metric, newer)
      ) {
        changes.push({ kind: 'change', node: step.node, metric, from: older, to: newer, since });
      }
    }
  }
  if (!comparable) return [{ kind: 'too-few-steps' }];
  if (!changes.length) return [{ kind: 'no-change', older: Math.min(versions.a, versions.b), newer: since }];
  const weight = (h: { metric: HeadlineMetric; from: number; to: number }) =>
    Math.abs(h.to - h.from) * WEIGHT[h.metric];
  return changes.sort((x, y) => weight(y) - weight(x)).slice(0, max);
}

/** How a value reads in a sentence: whole percent for shares, one decimal for repeats. */
function shown(metric: HeadlineMetric, v: number, lang: Lang = 'en'): string {
  if (metric !== 'reprompts') return `${Math.round(v * 100)} %`;
  const s = (Math.round(v * 10) / 10).toFixed(1);
  return lang === 'de' ? s.replace('.', ',') : s;
}

const TEXT = {
  de: {
    hungUp: (v: number, step: string, from: string, to: string, dir: string) =>
      `Seit Version ${v} sind die Auflegungen am Schritt ‚${step}‘ von ${from} auf ${to} ${dir}.`,
    human: (v: number, step: string, from: string, to: string, dir: string) =>
      `Seit Version ${v} ist der Anteil der Anrufenden, die am Schritt ‚${step}‘ nach einem Menschen fragen, von ${from} auf ${to} ${dir}.`,
    reprompts: (v: number, step: string, from: string, to: string, dir: string) =>
      `Seit Version ${v} sind die Wiederholungen am Schritt ‚${step}‘ von ${from} auf ${to} pro Anruf ${dir}.`,
    up: 'gestiegen',
    down: 'gefallen',
    notEnough: (v: number) =>
      `Version ${v} hat im gewählten Zeitraum noch nicht genug Anrufe für einen Vergleich (Tage mit weniger als 5 Anrufen zählen nicht).`,
    tooFew:
      'Noch kein Schritt wurde in beiden Versionen von mindestens 5 Anrufenden erreicht – für einen Vergleich ist es zu früh.',
    noChange: (a: number, b: number) =>
      `Zwischen Version ${a} und Version ${b} hat sich an keinem Schritt etwas deutlich verändert.`,
  },
  en: {
    hungUp: (v: number, step: string, from: string, to: string, dir: string) =>
      `Since version ${v}, hang-ups at the step ‘${step}’ ${dir} from ${from} to ${to}.`,
    human: (v: number, step: string, from: string, to: string, dir: string) =>
      `Since version ${v}, the share of callers asking for a human at the step ‘${step}’ ${dir} from ${from} to ${to}.`,
    reprompts: (v: number, step: string, from: string, to: string, dir: string) =>
      `Since version ${v}, repeats at the step ‘${step}’ ${dir} from ${from} to ${to} per call.`,
    up: 'rose',
    down: 'fell',
    notEnough: (v: number) =>
      `Version ${v} does not have enough calls in this period for a comparison yet (days with fewer than 5 calls do not count).`,
    tooFew: 'No step was reached by at least 5 callers in both versions yet – too early to compare.',
    noChange: (a: number, b: number) =>
      `Between version ${a} and version ${b}, nothing changed notably at any step.`,
  },
} as const;

/** The sentence a practice manager reads; `stepName` turns a node id into its title. */
export function headlineText(h: Headline, lang: Lang, stepName: (node: string) => string): string {
  const t = TEXT[lang];
  switch (h.kind) {
    case 'change':
      return t[h.metric](
        h.since,
        stepName(h.node),
        shown(h.metric, h.from, lang),
        shown(h.metric, h.to, lang),
        h.to > h.from ? t.up : t.down,
      );
    case 'not-enough':
      return t.notEnough(h.version);
    case 'too-few-steps':
      return t.tooFew;
    case 'no-change':
      return t.noChange(h.older, h.newer);
  }
}

/** A value for the comparison table: "18 %", "0,8", or null when there is no rate. */
export function formatRate(metric: CompareMetric, v: number | null, lang: Lang): string | null {
  return v === null ? null : shown(metric === 'reached' ? 'hungUp' : metric, v, lang);
}

/** A change for the table: "−11 Pp." / "−11 pp", "+0,3"; "±0 …" when it rounds to nothing. */
export function formatChange(metric: CompareMetric, d: number | null, lang: Lang): string | null {
  if (d === null) return null;
  const rate = metric !== 'reprompts';
  const n = rate ? Math.round(d * 100) : Math.round(d * 10) / 10;
  const body = rate ? String(Math.abs(n)) : Math.abs(n).toFixed(1);
  const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
  const num = `${sign}${lang === 'de' ? body.replace('.', ',') : body}`;
  return rate ? `${num} ${lang === 'de' ? 'Pp.' : 'pp'}` : num;
}
