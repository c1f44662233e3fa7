// Flows whose every detail is confidential: under professional secrecy (§ 203 StGB: even that
// someone called a doctor or a lawyer is a secret) or asking for special categories of data (Art. 9
// GDPR, e.g. health). There the language model reads no detail unless someone decided it may —
// new details start with `llm: false` (the designer), and the checker warns for each one it may read.
// The schema's default for `llm` stays `true`, so existing flows load and run unchanged.
import type { IntakeField, Settings } from '../format/schema';

export function isConfidentialFlow(
  settings: Pick<Settings, 'professionalSecrecy' | 'dataCategories'>,
): boolean {
  return settings.professionalSecrecy === true || settings.dataCategories.length > 0;
}

/** The properties a new detail starts with in a flow with these settings. */
export function newFieldDefaults(
  settings: Pick<Settings, 'professionalSecrecy' | 'dataCategories'>,
): Pick<IntakeField, 'llm'> {
  return isConfidentialFlow(settings) ? { llm: false } : {};
}
