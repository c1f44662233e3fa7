// "Einstellungen des Ablaufs": language, retention, zero persistence, call-note contents,
// special categories, services and delivery, opening hours.
import { useTranslation } from 'react-i18next';
import {
  DATA_CATEGORIES,
  type Flow,
  type Retention,
  type Settings,
} from '../../../engine/src/flow/format/schema';
import { VOLATILE_INBOX } from '../../../engine/src/flow/privacy/volatile-inbox';
import { useLang } from '../i18n';
import { Checkbox, NumberInput, Select, TextInput } from '../inspector/controls';
import { useSession } from '../session';
import { useEditor } from '../store/editor';
import { BusinessHoursEditor } from './BusinessHours';
import { VoicePicker } from './VoicePicker';

/**
 * The retention and transcript choice a flow had before „Ohne Speicherung“ was ticked, per flow,
 * so unticking restores it. Kept in this page's memory only, never in the flow: a flow without
 * storage has no retention of its own to remember.
 */
const choiceBeforeNoStorage = new Map<string, { retention: Retention; transcript: boolean }>();

export function SettingsPanel() {
  const { t } = useTranslation();
  const lang = useLang((x) => x.lang);
  const flow = useEditor((s) => s.base);
  // Unknown (offline) counts as off: the warning rather shows once too often.
  const zeroRetention = useSession((x) => x.me?.vendors?.elevenLabsZeroRetention === true);
  const s = flow.settings;
  const update = (patch: (f: Flow) => Flow, key?: string) => useEditor.getState().updateFlow(patch, key);
  const setSettings = (p: Partial<Settings>, key?: string) =>
    update((f) => ({ ...f, settings: { ...f.settings, ...p } }), key);
  const setRetention = (mode: string) => {
    const retention: Retention = mode === 'ttl' ? { mode: 'ttl', days: 7 } : ({ mode } as Retention);
    setSettings({ retention });
  };
  return (
    <section className="settings" aria-label={t('settings.title')}>
      <h2>{t('settings.title')}</h2>
      <TextInput
        label={t('editor.name')}
        value={flow.name}
        onChange={(v) => update((f) => ({ ...f, name: v }), 'name')}
      />
      <Select
        label={t('settings.language')}
        value={flow.language}
        options={[
          { value: 'de-DE', label: 'Deutsch (de-DE)' },
          { value: 'en-GB', label: 'English (en-GB)' },
          { value: 'en-US', label: 'English (en-US)' },
        ]}
        onChange={(v) => update((f) => ({ ...f, language: v }))}
      />
      <fieldset>
        <legend>{t('settings.retention')}</legend>
        <Checkbox
          label={t('settings.zero')}
          help={t('settings.zeroHelp')}
          checked={s.zeroPersistence}
          onChange={(v) => {
            // Zero persistence only goes with "delete right after delivery" and no transcript.
            if (v) {
              choiceBeforeNoStorage.set(flow.id, { retention: s.retention, transcript: s.record.transcript });
              setSettings({
                zeroPersistence: true,
                retention: { mode: 'immediate' },
                record: { ...s.record, transcript: false },
              });
              return;
            }
            const before = choiceBeforeNoStorage.get(flow.id);
            choiceBeforeNoStorage.delete(flow.id);
            setSettings(
              before
                ? {
                    zeroPersistence: false,
                    retention: before.retention,
                    record: { ...s.record, transcript: before.transcript },
                  }
                : { zeroPersistence: false },
            );
          }}
        />
        {s.zeroPersistence && s.delivery.inbox && (
          <p role="note" data-testid="volatile-inbox">
            {VOLATILE_INBOX[lang]}
          </p>
        )}
        {s.zeroPersistence && !zeroRetention && (
          <p className="warning" role="note" data-testid="zero-retention-warning">
            {t('settings.zeroVoiceVendor')}
          </p>
        )}
        <Select
          label={t('settings.retention')}
          value={s.retention.mode}
          options={(['immediate', 'ttl', 'archive'] as const).map((m) => ({
            value: m,
            label: t(`settings.${m}`),
          }))}
          onChange={setRetention}
        />
        {s.retention.mode === 'ttl' && (
          <NumberInput
            label={t('settings.days')}
            min={1}
            max={30}
            value={s.retention.days}
            onChange={(v) => setSettings({ retention: { mode: 'ttl', days: v ?? 1 } }, 'days')}
          />
        )}
      </fieldset>
      <fieldset>
        <legend>{t('settings.record')}</legend>
        <Checkbox
          label={t('settings.transcript')}
          checked={s.record.transcript}
          onChange={(v) => setSettings({ record: { ...s.record, transcript: v } })}
        />
        <Checkbox
          label={t('settings.callerNumber')}
          checked={s.record.callerNumber}
          onChange={(v) => setSettings({ record: { ...s.record, callerNumber: v } })}
        />
      </fieldset>
      <fieldset>
        <legend>{t('settings.categories')}</legend>
        {DATA_CATEGORIES.map((c) => (
          <Checkbox
            key={c}
            label={t(`categories.${c}`)}
            checked={s.dataCategories.includes(c)}
            onChange={(v) =>
              setSettings({
                dataCategories: v ? [...s.dataCategories, c] : s.dataCategories.filter((x) => x !== c),
              })
            }
          />
        ))}
        <Checkbox
          label={t('settings.secrecy')}
          checked={s.professionalSecrecy === true}
          onChange={(v) => setSettings({ professionalSecrecy: v || undefined })}
        />
      </fieldset>
      <fieldset>
        <legend>{t('settings.providers')}</legend>
        <Select
          label={t('settings.understanding')}
          value={s.providers.understanding}
          options={[
            { value: 'openai', label: 'OpenAI' },
            { value: 'none', label: t('settings.understandingNone') },
          ]}
          onChange={(v) =>
            setSettings({ providers: { ...s.providers, understanding: v as 'openai' | 'none' } })
          }
        />
        <VoicePicker
          value={s.providers.voiceId}
          onChange={(v) => setSettings({ providers: dropEmpty({ ...s.providers, voiceId: v }) }, 'voice')}
        />
      </fieldset>
      <fieldset>
        <legend>{t('settings.delivery')}</legend>
        <Checkbox
          label={t('settings.inbox')}
          checked={s.delivery.inbox}
          onChange={(v) => setSettings({ delivery: { ...s.delivery, inbox: v } })}
        />
        <TextInput
          label={t('settings.webhook')}
          value={s.delivery.webhookUrl}
          placeholder="https://…"
          onChange={(v) =>
            setSettings({ delivery: dropEmpty({ ...s.delivery, webhookUrl: v || undefined }) }, 'webhook')
          }
        />
      </fieldset>
      <BusinessHoursEditor />
    </section>
  );
}

function dropEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
