// The privacy promises of a flow's settings (privacy.md): zero persistence means nothing is
// stored anywhere (its inbox is volatile: privacy/volatile-inbox.ts); special-category details (Art. 9 GDPR) must be declared and handled carefully.
import { error, warning, type Diagnostic } from '../../diagnostics';
import { pointer } from '../../diagnostics';
import { isConfidentialFlow } from '../../privacy/confidential';
import { propertyWords } from '../property-words';
import type { FieldSite, Rule } from './context';

/** The designer's words for `llm`, quoted (what the practice manager sees). */
const llmWords = propertyWords('llm');
const LLM_SWITCH = { de: `„${llmWords.de}“`, en: `“${llmWords.en}”` };

export const zeroPersistence: Rule = ({ flow }) => {
  const s = flow.settings;
  if (!s.zeroPersistence) return [];
  const out: Diagnostic[] = [];
  if (s.retention.mode !== 'immediate') {
    out.push(
      error(
        'privacy.zero-persistence-retention',
        '/settings/retention',
        `„Ohne Speicherung“ ist eingeschaltet, die Aufbewahrung steht aber auf „${s.retention.mode === 'ttl' ? 'befristet aufbewahren' : 'manuell archivieren'}“. Ohne Speicherung geht nur „sofort nach Zustellung löschen“.`,
        `“No storage” is on, but retention is set to “${s.retention.mode === 'ttl' ? 'keep for a limited time' : 'archive manually'}”. Without storage only “delete right after delivery” is possible.`,
      ),
    );
  }
  if (s.record.transcript) {
    out.push(
      error(
        'privacy.zero-persistence-transcript',
        '/settings/record/transcript',
        '„Ohne Speicherung“ ist eingeschaltet: Dann darf die Gesprächsnotiz keinen Gesprächsverlauf (Wortlaut) enthalten.',
        '“No storage” is on: the call note must then not contain the turn-by-turn transcript.',
      ),
    );
  }
  return out;
};

const sitePath = (s: FieldSite, ...rest: string[]): string =>
  pointer('nodes', s.nodeId, 'fields', s.index, ...rest);

export const sensitiveFields: Rule = ({ flow, fields }) => {
  const out: Diagnostic[] = [];
  const sensitive = [...fields.values()].flat().filter((s) => s.field.sensitive === true);
  if (sensitive.length > 0 && flow.settings.dataCategories.length === 0) {
    out.push(
      error(
        'privacy.sensitive-without-category',
        '/settings/dataCategories',
        `Der Ablauf fragt besondere Kategorien von Daten ab (${sensitive.map((s) => `„${s.field.key}“`).join(', ')}), nennt aber keine Datenkategorie (z. B. Gesundheitsdaten). Bitte tragen Sie sie in den Einstellungen ein.`,
        `The flow asks for special-category data (${sensitive.map((s) => `“${s.field.key}”`).join(', ')}) but declares no data category (e.g. health). Please add it in the flow settings.`,
      ),
    );
  }
  for (const s of sensitive) {
    if (flow.settings.providers.understanding === 'openai' && s.field.llm !== false) {
      out.push(
        warning(
          'privacy.sensitive-to-llm',
          sitePath(s),
          `Die Antwort auf „${s.field.key}“ (besondere Kategorie) wird an das Sprachmodell von OpenAI (Unterauftragsverarbeiter) geschickt. Wenn das nicht nötig ist, schalten Sie ${LLM_SWITCH.de} für diese Angabe aus.`,
          `The answer to “${s.field.key}” (special category) is sent to OpenAI's language model (a sub-processor). If that is not needed, turn off ${LLM_SWITCH.en} for this detail.`,
        ),
      );
    }
    if (s.field.confirm === true) {
      out.push(
        warning(
          'privacy.sensitive-readback',
          sitePath(s, 'confirm'),
          `Die Angabe „${s.field.key}“ (besondere Kategorie) wird zur Bestätigung vorgelesen – z. B. Gesundheitsdaten laut am Telefon, und der Text geht an die Sprachausgabe. Besser nicht vorlesen.`,
          `Detail “${s.field.key}” (special category) is read back for confirmation — e.g. health data aloud on the phone, and the text goes to speech synthesis. Better not to read it back.`,
        ),
      );
    }
  }
  return out;
};

/**
 * Under professional secrecy or with special-category data every detail is confidential, not only
 * those marked sensitive (which sensitiveFields covers): one warning per other detail the
 * language model may read.
 */
export const confidentialFields: Rule = ({ flow, fields }) => {
  const s = flow.settings;
  if (s.providers.understanding !== 'openai' || !isConfidentialFlow(s)) return [];
  const why = s.professionalSecrecy
    ? {
        de: 'unterliegt der Schweigepflicht (§ 203 StGB)',
        en: 'is bound by professional secrecy (§ 203 StGB)',
      }
    : {
        de: 'fragt besondere Kategorien von Daten ab (z. B. Gesundheitsdaten)',
        en: 'asks for special categories of data (e.g. health data)',
      };
  return [...fields.values()]
    .flat()
    .filter((site) => site.field.llm !== false && site.field.sensitive !== true)
    .map((site) =>
      warning(
        'privacy.confidential-to-llm',
        sitePath(site),
        `Der Ablauf ${why.de}: Auch die Angabe „${site.field.key}“ ist vertraulich, und ihre Antwort kann an das Sprachmodell von OpenAI (Unterauftragsverarbeiter) gehen. Schalten Sie ${LLM_SWITCH.de} für diese Angabe aus, wenn das nicht nötig ist.`,
        `The flow ${why.en}: detail “${site.field.key}” is confidential too, and its answer may go to OpenAI's language model (a sub-processor). Turn off ${LLM_SWITCH.en} for this detail unless it is needed.`,
      ),
    );
};
