// Dates and times as the inbox and the receipts show them: short, in the UI's language.
export const when = (ms: number | string, lang: string) =>
  new Date(ms).toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'short', timeStyle: 'short' });
