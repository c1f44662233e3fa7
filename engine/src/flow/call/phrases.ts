// Words the interpreter itself speaks (not written in the flow): short, polite "Sie", German
// first. `{x}` placeholders are filled by the caller of `phrase()`.
import type { Lang } from '../nlu';

const PHRASES = {
  notUnderstood: { de: 'Entschuldigung, das habe ich nicht verstanden.', en: "Sorry, I didn't catch that." },
  stillThere: { de: 'Sind Sie noch da?', en: 'Are you still there?' },
  readback: { de: 'Ich habe {x} verstanden. Ist das richtig?', en: 'I understood {x}. Is that right?' },
  yesOrNo: { de: 'Bitte antworten Sie mit Ja oder Nein.', en: 'Please answer yes or no.' },
  // Understood, but not acceptable for the detail (understand.ts): said before asking again.
  notInPast: {
    de: 'Ich habe {x} verstanden – das liegt in der Zukunft.',
    en: 'I understood {x} – that is in the future.',
  },
  notInFuture: {
    de: 'Ich habe {x} verstanden – das liegt in der Vergangenheit.',
    en: 'I understood {x} – that is in the past.',
  },
  paidNumber: {
    de: 'Das ist eine kostenpflichtige Sondernummer, dorthin können wir nicht zurückrufen.',
    en: "That is a premium-rate or shared-cost number; we can't call you back there.",
  },
  // The callback step securing a number (nodes/callback.ts).
  callbackCallerId: {
    de: 'Sollen wir Sie unter der Nummer {x} zurückrufen?',
    en: 'Shall we call you back on {x}?',
  },
  callbackNumber: {
    de: 'Unter welcher Telefonnummer können wir Sie zurückrufen?',
    en: 'Which phone number can we call you back on?',
  },
  callbackNoNumber: {
    de: 'Ohne Telefonnummer kann ich leider keinen Rückruf notieren.',
    en: "Without a phone number I'm afraid I can't take down a callback.",
  },
  callbackWindow: {
    de: 'Wir rufen zwischen {earliest} und {latest} Uhr zurück. Welche Zeit passt Ihnen in diesem Rahmen?',
    en: 'We can call you back between {earliest} and {latest}. Which time in that window suits you?',
  },
  nobodyAvailable: {
    de: 'Leider ist gerade niemand erreichbar. Ich nehme Ihr Anliegen gern weiter auf.',
    en: "I'm sorry, nobody is available right now. I'll carry on taking down your details.",
  },
  maxCallLength: {
    de: 'Wir sind leider am Ende der möglichen Gesprächszeit. Ihre Angaben sind notiert. Auf Wiederhören.',
    en: "We've reached the maximum length of this call. Your details have been noted. Goodbye.",
  },
  silenceEnd: {
    de: 'Ich höre Sie leider nicht. Bitte rufen Sie noch einmal an. Auf Wiederhören.',
    en: "I'm afraid I can't hear you. Please call again. Goodbye.",
  },
  failedEnd: {
    de: 'Entschuldigung, es ist ein technischer Fehler aufgetreten. Bitte rufen Sie später noch einmal an. Auf Wiederhören.',
    en: 'Sorry, a technical problem occurred. Please call again later. Goodbye.',
  },
  // Provider faults (faults.ts). Cached ahead of time: they must play when the voice is down.
  technicalFault: {
    de: 'Entschuldigung, wir haben gerade eine technische Störung. Ich verbinde Sie mit unserem Team.',
    en: "Sorry, we're having a technical problem right now. I'm putting you through to our team.",
  },
  technicalFaultEnd: {
    de: 'Entschuldigung, wir haben gerade eine technische Störung. Bitte rufen Sie später noch einmal an. Auf Wiederhören.',
    en: "Sorry, we're having a technical problem right now. Please call again later. Goodbye.",
  },
  hearingFault: {
    de: 'Entschuldigung, wegen einer technischen Störung kann ich Sie gerade nicht verstehen. Ich verbinde Sie mit unserem Team.',
    en: "Sorry, because of a technical problem I can't understand you right now. I'm putting you through to our team.",
  },
  hearingFaultEnd: {
    de: 'Entschuldigung, wegen einer technischen Störung kann ich Sie gerade nicht verstehen. Bitte rufen Sie später noch einmal an. Auf Wiederhören.',
    en: "Sorry, because of a technical problem I can't understand you right now. Please call again later. Goodbye.",
  },
  faultNobodyAvailable: {
    de: 'Leider ist gerade niemand erreichbar. Bitte rufen Sie später noch einmal an. Auf Wiederhören.',
    en: "I'm sorry, nobody is available right now. Please call again later. Goodbye.",
  },
  // A caller's question nothing answered (../answers): after consent it is noted for the team.
  questionUnknown: {
    de: 'Das kann ich Ihnen leider nicht sicher beantworten. Ich notiere Ihre Frage für das Team.',
    en: "I'm afraid I can't answer that for certain. I'll note your question for the team.",
  },
  questionUnknownBeforeConsent: {
    de: 'Das kann ich Ihnen leider nicht sicher beantworten.',
    en: "I'm afraid I can't answer that for certain.",
  },
  // Played by the runtime, not a step: a provider is slow and the caller would hear silence.
  filler: { de: 'Einen Moment, bitte.', en: 'One moment, please.' },
  unknownValue: { de: 'unbekannt', en: 'unknown' },
  whisper: { de: 'Anruf über den KI-Assistenten.', en: 'Call from the AI assistant.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type PhraseName = keyof typeof PHRASES;

/** Phrases the interpreter speaks without variables: the ones worth caching ahead of a call. */
export const STATIC_PHRASES: readonly PhraseName[] = (Object.keys(PHRASES) as PhraseName[]).filter(
  (name) => name !== 'unknownValue' && name !== 'whisper' && !PHRASES[name].de.includes('{'),
);

export function phrase(name: PhraseName, lang: Lang, vars: Record<string, string> = {}): string {
  const text: string = PHRASES[name][lang];
  return text.includes('{') ? text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m) : text;
}
