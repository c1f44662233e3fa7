// i18next setup: German by default, English as the second language. Resources are bundled
// (no HTTP backend), so the strict CSP and offline use both work. One file of words per screen
// (German first, English typed after it); words for concepts follow docs/glossary.md exactly.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { create } from 'zustand';
import { shellDe, shellEn } from './shell';
import { flowsDe, flowsEn } from './flows';
import { editorDe, editorEn } from './editor';
import { settingsDe, settingsEn } from './settings';
import { analyticsDe, analyticsEn } from './analytics';
import { testCallDe, testCallEn } from './testCall';
import { inboxDe, inboxEn } from './inbox';
import { operatorDe, operatorEn } from './operator';
import { teamDe, teamEn } from './team';
import type { Lang } from '../nodes/types';

const STORAGE_KEY = 'callflow.lang';

const de = {
  ...shellDe,
  ...flowsDe,
  ...editorDe,
  ...settingsDe,
  ...analyticsDe,
  ...testCallDe,
  ...inboxDe,
  ...operatorDe,
  ...teamDe,
};
const en = {
  ...shellEn,
  ...flowsEn,
  ...editorEn,
  ...settingsEn,
  ...analyticsEn,
  ...testCallEn,
  ...inboxEn,
  ...operatorEn,
  ...teamEn,
};

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

void i18next.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
});

/** The UI language as a tiny store: canvas cards read it without an i18next hook per card. */
export const useLang = create<{ lang: Lang }>()(() => ({ lang: initialLang() }));
i18next.on('languageChanged', (lng) => useLang.setState({ lang: lng === 'en' ? 'en' : 'de' }));

export function setLang(lang: Lang): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice just is not remembered
  }
}

export const currentLang = (): Lang => (i18next.language === 'en' ? 'en' : 'de');
export { i18next };
