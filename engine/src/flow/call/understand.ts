// Turning what the caller said (or what the LLM extracted) into a field value, by field type,
// with the deterministic parsers of ../nlu. Every value that enters the record passes through
// validate(), whichever way it was understood.
import type { IntakeField } from '../format/schema';
import {
  inPeriod,
  isPaidServiceNumber,
  matchChoice,
  parseDateTime,
  parseEmail,
  parseName,
  parseNumber,
  parsePhone,
  readbackPhone,
  understandYesNo,
  type ParsedPhone,
  type Period,
  type PhoneCountry,
  type When,
} from '../nlu';
import { phoneRuns } from '../nlu/phoneTokens';
import type { Ctx } from './context';

/** Why a value that was understood is not taken: the caller hears it, then the question again. */
export type Refusal = 'notInPast' | 'notInFuture' | 'paidNumber';

export interface Understood {
  value: string | number | boolean;
  /** How the value is read back to the caller for confirmation. */
  readback: string;
  /** The caller referred to the number they are calling from. */
  callerId?: boolean;
  /** Understood, but not acceptable for this detail. */
  refused?: Refusal;
}

const COUNTRIES: Record<string, PhoneCountry> = { DE: 'DE', GB: 'GB', AT: 'AT', CH: 'CH', US: 'US' };

function defaultCountry(ctx: Ctx): PhoneCountry {
  return COUNTRIES[ctx.flow.flow.language.slice(3)] ?? 'DE';
}

const THIS_NUMBER = {
  de: /\b(diese|dieser|derselben|dieselbe|gleiche|gleichen|selbe|selben)\s+nummer\b|von der ich (gerade )?anrufe|mit der ich (gerade )?anrufe/i,
  en: /\b(this|the same|same)\s+number\b|calling from/i,
};

/** A detail the business calls back: role callbackNumber, or the number field of a callback step. */
function isCallbackNumber(ctx: Ctx, field: IntakeField): boolean {
  if (field.role === 'callbackNumber') return true;
  return Object.values(ctx.flow.flow.nodes).some((n) => n.kind === 'callback' && n.numberField === field.key);
}

function phoneUnderstood(ctx: Ctx, p: ParsedPhone, forCallback: boolean, callerId: boolean): Understood {
  const u: Understood = { value: p.e164, readback: readbackPhone(p.national, ctx.lang) };
  if (callerId) u.callerId = true;
  if (forCallback && isPaidServiceNumber(p)) u.refused = 'paidNumber';
  return u;
}

/** The number the caller is calling from (read back in groups), when the telephony knows it. */
export function callerIdNumber(ctx: Ctx, forCallback: boolean): Understood | null {
  const p = ctx.s.callerNumber
    ? parsePhone(ctx.s.callerNumber, ctx.lang, { defaultCountry: defaultCountry(ctx) })
    : null;
  return p ? phoneUnderstood(ctx, p, forCallback, true) : null;
}

/** A phone number from the caller's words ("diese Nummer" = the caller ID); a callback number is never a paid service line. */
export function understandPhone(ctx: Ctx, text: string, forCallback: boolean): Understood | null {
  const own = THIS_NUMBER[ctx.lang].test(text) ? callerIdNumber(ctx, forCallback) : null;
  if (own) return own;
  const p = parsePhone(text, ctx.lang, { defaultCountry: defaultCountry(ctx) });
  return p ? phoneUnderstood(ctx, p, forCallback, false) : null;
}

/** Where a date detail must lie; a callback time is in the future even when the flow does not say so. */
function periodOf(field: IntakeField): Period | undefined {
  return field.validation?.when ?? (field.role === 'callbackTime' ? 'future' : undefined);
}

/** The refusal for a time outside the field's period, if any. */
export function outOfPeriod(ctx: Ctx, when: When, period: Period | undefined): Refusal | undefined {
  if (period === undefined) return undefined;
  const timeZone = ctx.flow.flow.settings.businessHours.timeZone;
  if (inPeriod(when, period, { now: new Date(ctx.at).toISOString(), timeZone })) return undefined;
  return period === 'past' ? 'notInPast' : 'notInFuture';
}

function when(ctx: Ctx, field: IntakeField, text: string): Understood | null {
  const expect = field.type as 'date' | 'time' | 'datetime';
  const timeZone = ctx.flow.flow.settings.businessHours.timeZone;
  const r = parseDateTime(text, ctx.lang, { now: new Date(ctx.at).toISOString(), timeZone }, expect);
  if (!r) return null;
  const value =
    expect === 'date' ? r.start.slice(0, 10) : expect === 'time' ? r.start.slice(11, 16) : r.start;
  const u: Understood = { value, readback: speakWhen(ctx, value, expect) };
  // A bare time of day has no date to be early or late.
  const refused = expect === 'time' ? undefined : outOfPeriod(ctx, r, periodOf(field));
  if (refused) u.refused = refused;
  return u;
}

/** "3. März 1980", "10:30 Uhr", "Dienstag, 3. März um 10:30" — as the caller would say it. */
export function speakWhen(ctx: Ctx, value: string, expect: 'date' | 'time' | 'datetime'): string {
  const locale = ctx.flow.flow.language;
  if (expect === 'time') return ctx.lang === 'de' ? `${value} Uhr` : value;
  if (expect === 'date') {
    const d = new Date(`${value}T12:00:00Z`);
    return new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(d);
  }
  const timeZone = ctx.flow.flow.settings.businessHours.timeZone;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(value));
}

function spokenEmail(email: string, ctx: Ctx): string {
  const dot = ctx.lang === 'de' ? ' Punkt ' : ' dot ';
  return email.replace('@', ' at ').replace(/\./g, dot);
}

/** A free-text answer; with a pattern, also the digits the caller spoke ("eins zwei drei …"). */
function text(ctx: Ctx, field: IntakeField, raw: string): Understood | null {
  const t = raw.trim();
  if (t === '') return null;
  const pattern = field.validation?.pattern;
  if (!pattern) return { value: t, readback: t };
  const candidates = [t, t.replace(/[.!?]+$/, ''), ...phoneRuns(t, ctx.lang).map((run) => run.join(''))];
  const re = new RegExp(pattern);
  const hit = candidates.find((c) => re.test(c));
  return hit === undefined ? null : { value: hit, readback: hit };
}

function yesNo(ctx: Ctx, raw: string): Understood | null {
  const yn = understandYesNo(raw, ctx.lang);
  if (yn === 'unclear') return null;
  const yes = yn === 'yes';
  return { value: yes, readback: ctx.lang === 'de' ? (yes ? 'Ja' : 'Nein') : yes ? 'yes' : 'no' };
}

/** "nein, die Nummer ist …": the words after a leading no, read as a corrected value ('' when there are none). */
export function correctionOf(text: string): string {
  return text
    .replace(/^\s*(nein|nee|ne|no|nope|falsch|wrong|stimmt nicht|not quite)\b[\s,.!:;-]*/i, '')
    .trim();
}

/** Deterministic understanding of the caller's words for one field, or null. */
export function understandField(ctx: Ctx, field: IntakeField, raw: string): Understood | null {
  let u: Understood | null;
  switch (field.type) {
    case 'text':
      u = text(ctx, field, raw);
      break;
    case 'name': {
      const n = parseName(raw, ctx.lang);
      u = n ? { value: n, readback: n } : null;
      break;
    }
    case 'phone':
      u = understandPhone(ctx, raw, isCallbackNumber(ctx, field));
      break;
    case 'email': {
      const e = parseEmail(raw, ctx.lang);
      u = e ? { value: e, readback: spokenEmail(e, ctx) } : null;
      break;
    }
    case 'date':
    case 'time':
    case 'datetime':
      u = when(ctx, field, raw);
      break;
    case 'number': {
      const n = parseNumber(raw, ctx.lang);
      u = n === null ? null : { value: n, readback: String(n) };
      break;
    }
    case 'choice':
      u = choiceOf(field, matchChoice(raw, field.choices ?? [], ctx.lang));
      break;
    case 'yesno':
      u = yesNo(ctx, raw);
      break;
    default:
      u = null;
  }
  return u && validate(field, u) ? u : null;
}

function choiceOf(field: IntakeField, value: string | null): Understood | null {
  const c = value === null ? undefined : field.choices?.find((x) => x.value === value);
  return c ? { value: c.value, readback: c.label } : null;
}

/** A value from the LLM, checked like a spoken one: the model can only fill the field's type. */
export function understandExtracted(ctx: Ctx, field: IntakeField, raw: unknown): Understood | null {
  if (raw === null || raw === undefined) return null;
  if (field.type === 'yesno') return typeof raw === 'boolean' ? yesNo(ctx, raw ? 'ja' : 'nein') : null;
  if (field.type === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
    const u = Number.isFinite(n) ? { value: n, readback: String(n) } : null;
    return u && validate(field, u) ? u : null;
  }
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > 2000) return null;
  if (field.type === 'choice') {
    const u = choiceOf(field, raw);
    return u && validate(field, u) ? u : null;
  }
  if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(raw))
    return checked(field, inPeriodOf(ctx, field, { value: raw, readback: speakWhen(ctx, raw, 'date') }));
  if (field.type === 'time' && /^\d{2}:\d{2}$/.test(raw))
    return checked(field, { value: raw, readback: speakWhen(ctx, raw, 'time') });
  if (field.type === 'datetime' && !Number.isNaN(Date.parse(raw)) && /^\d{4}-\d{2}-\d{2}T/.test(raw)) {
    return checked(field, inPeriodOf(ctx, field, { value: raw, readback: speakWhen(ctx, raw, 'datetime') }));
  }
  if (field.type === 'date' || field.type === 'time' || field.type === 'datetime') return null;
  // text, name, phone, email: the same parser as for speech, fed with the model's answer.
  return understandField(ctx, field, raw);
}

/** A date from the language model, checked against the field's period like a spoken one. */
function inPeriodOf(ctx: Ctx, field: IntakeField, u: Understood): Understood {
  const refused = outOfPeriod(ctx, { start: String(u.value) }, periodOf(field));
  return refused ? { ...u, refused } : u;
}

function checked(field: IntakeField, u: Understood): Understood | null {
  return validate(field, u) ? u : null;
}

function validate(field: IntakeField, u: Understood): boolean {
  const v = field.validation;
  if (!v) return true;
  if (typeof u.value === 'number') {
    if (v.min !== undefined && u.value < v.min) return false;
    if (v.max !== undefined && u.value > v.max) return false;
  }
  if (typeof u.value === 'string') {
    if (v.maxLength !== undefined && u.value.length > v.maxLength) {
      if (field.type !== 'text') return false;
      // A long free-text answer is still the caller's concern: keep the first part.
      u.value = u.value.slice(0, v.maxLength);
    }
    if (v.pattern !== undefined && !new RegExp(v.pattern).test(u.value)) return false;
  }
  return true;
}
