// Retention and data categories in words. Shared by the processing record and the semantic diff,
// so a PR comment and the GDPR documentation describe a setting with the same words.
import type { LocalizedText } from '../diagnostics';
import type { DataCategory } from '../format/schema';

const t = (de: string, en: string): LocalizedText => ({ de, en });

/** Short form for sentences: "befristet, 7 Tage" / "ttl 7 days". Tolerates malformed input. */
export function retentionShort(retention: unknown): LocalizedText {
  const r = (typeof retention === 'object' && retention !== null ? retention : {}) as {
    mode?: unknown;
    days?: unknown;
  };
  const days = typeof r.days === 'number' ? String(r.days) : (JSON.stringify(r.days) ?? '?');
  switch (r.mode) {
    case 'immediate':
      return t('sofort nach Zustellung löschen', 'immediate');
    case 'ttl':
      return t(
        `befristet, ${days} ${r.days === 1 ? 'Tag' : 'Tage'}`,
        `ttl ${days} ${r.days === 1 ? 'day' : 'days'}`,
      );
    case 'archive':
      return t('manuell archivieren (höchstens 30 Tage)', 'archive (30 days at most)');
    default:
      return t(`unbekannt (${JSON.stringify(r.mode)})`, `unknown (${JSON.stringify(r.mode)})`);
  }
}

/** Long form for the processing record: what happens to the call note, in whole sentences. */
export function retentionLong(retention: unknown, zeroPersistence: boolean): LocalizedText {
  if (zeroPersistence) {
    return t(
      'Ohne Speicherung: Das Gespräch wird nur im Arbeitsspeicher verarbeitet. Die Gesprächsnotiz wird von dort zugestellt und danach verworfen. Es entsteht kein Datenbankeintrag und keine Datei.',
      'No storage: the call is processed in memory only. The call note is delivered from memory and then dropped. No database row and no file is ever written.',
    );
  }
  const r = (typeof retention === 'object' && retention !== null ? retention : {}) as {
    mode?: unknown;
    days?: unknown;
  };
  switch (r.mode) {
    case 'immediate':
      return t(
        'Die Gesprächsnotiz wird verschlüsselt gespeichert, bis sie zugestellt ist, und danach sofort gelöscht (Crypto-Shredding mit Löschnachweis).',
        'The call note is stored encrypted until it has been delivered and is deleted right after (crypto-shredding with a deletion receipt).',
      );
    case 'ttl':
      return t(
        `Die Gesprächsnotiz wird verschlüsselt gespeichert und nach ${String(r.days)} ${r.days === 1 ? 'Tag' : 'Tagen'} automatisch gelöscht (Crypto-Shredding mit Löschnachweis).`,
        `The call note is stored encrypted and deleted automatically after ${String(r.days)} ${r.days === 1 ? 'day' : 'days'} (crypto-shredding with a deletion receipt).`,
      );
    case 'archive':
      return t(
        'Die Gesprächsnotiz wird verschlüsselt gespeichert, bis sie jemand in der Organisation löscht – höchstens 30 Tage, dann wird sie automatisch gelöscht (Löschnachweis).',
        'The call note is stored encrypted until someone in the organisation deletes it – 30 days at most, then it is deleted automatically (deletion receipt).',
      );
    default:
      return retentionShort(retention);
  }
}

const CATEGORIES: Record<DataCategory, LocalizedText> = {
  health: t('Gesundheitsdaten', 'health data'),
  legal: t('Rechtsangelegenheiten (vertrauliche Mandatsdaten)', 'legal matters (confidential client data)'),
  criminal: t('Daten über Straftaten (Art. 10 DSGVO)', 'criminal offence data (Art. 10 GDPR)'),
  genetic: t('genetische Daten', 'genetic data'),
  biometric: t('biometrische Daten', 'biometric data'),
  'ethnic-origin': t('ethnische Herkunft', 'ethnic origin'),
  political: t('politische Meinungen', 'political opinions'),
  religion: t('religiöse oder weltanschauliche Überzeugungen', 'religious or philosophical beliefs'),
  'trade-union': t('Gewerkschaftszugehörigkeit', 'trade union membership'),
  'sex-life': t('Sexualleben oder sexuelle Orientierung', 'sex life or sexual orientation'),
};

export const categoryWords = (category: string): LocalizedText =>
  CATEGORIES[category as DataCategory] ?? t(category, category);
