// Small labelled form controls shared by the inspector and the settings panels. Every control
// has a visible <label>, so screen readers and the browser tests find it by name.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Field({
  label,
  children,
  help,
}: {
  label: string;
  children: (id: string) => ReactNode;
  help?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {help && <p className="help">{help}</p>}
    </div>
  );
}

export function TextInput(props: {
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  return (
    <Field label={props.label}>
      {(id) => (
        <input
          id={id}
          type="text"
          value={props.value ?? ''}
          placeholder={props.placeholder}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function NumberInput(props: {
  label: string;
  value: number | undefined;
  min: number;
  max: number;
  onChange: (v: number | undefined) => void;
}) {
  return (
    <Field label={props.label}>
      {(id) => (
        <input
          id={id}
          type="number"
          min={props.min}
          max={props.max}
          value={props.value ?? ''}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      )}
    </Field>
  );
}

export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  help?: string;
}) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.help && <p className="help">{props.help}</p>}
    </div>
  );
}

export function Select(props: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  return (
    <Field label={props.label}>
      {(id) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Speaks a prompt with the browser's own speech synthesis, in the flow's language. */
export function speak(text: string, language: string): boolean {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return false;
  window.speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = language;
  window.speechSynthesis.speak(u);
  return true;
}

export function PromptInput(props: {
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  language: string;
}) {
  const { t } = useTranslation();
  const canSpeak = typeof window !== 'undefined' && 'speechSynthesis' in window;
  return (
    <Field label={props.label}>
      {(id) => (
        <div className="prompt">
          <textarea
            id={id}
            rows={3}
            value={props.value ?? ''}
            onChange={(e) => props.onChange(e.target.value)}
          />
          <button
            type="button"
            className="listen"
            disabled={!canSpeak || !props.value}
            title={canSpeak ? undefined : t('inspector.noSpeech')}
            aria-label={`${t('inspector.listen')}: ${props.label}`}
            onClick={() => props.value && speak(props.value, props.language)}
          >
            ▶ {t('inspector.listen')}
          </button>
        </div>
      )}
    </Field>
  );
}

export const splitKeywords = (s: string): string[] =>
  s
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);

export function KeywordsInput(props: { label: string; value: string[]; onChange: (v: string[]) => void }) {
  // Keeps the raw text while typing, so "a, " does not jump back to "a".
  return (
    <Field label={props.label}>
      {(id) => (
        <input
          id={id}
          type="text"
          defaultValue={props.value.join(', ')}
          onChange={(e) => props.onChange(splitKeywords(e.target.value))}
        />
      )}
    </Field>
  );
}

/** Ids are contracts for integrators (note field keys, analytics, tests): kept out of sight in a
 * closed details area, so a person reads names only. */
export function ForIntegrators({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="for-integrators">
      <summary>{t('inspector.forIntegrators')}</summary>
      {children}
    </details>
  );
}

/** „9:00“ or „09:00“ → „09:00“; null unless it is a time of day on the 24-hour clock. */
export function timeOfDay(text: string): string | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : null;
}

/**
 * A time of day on the 24-hour clock in every browser. `<input type="time">` follows the
 * browser's locale: in an en-US browser „14:00“ became „02:00 PM“, cut off to „02:00“. Values
 * reach `onChange` only when complete and valid; a half-typed time is put back on leaving.
 */
export function TimeInput({
  value,
  onChange,
  ...rest
}: {
  value: string;
  onChange(v: string): void;
  'aria-label'?: string;
  id?: string;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      {...rest}
      type="text"
      className="time-input"
      inputMode="numeric"
      placeholder="HH:MM"
      maxLength={5}
      value={draft}
      aria-invalid={timeOfDay(draft) === null}
      onChange={(e) => {
        setDraft(e.target.value);
        const time = timeOfDay(e.target.value);
        if (time && time !== value) onChange(time);
      }}
      onBlur={() => setDraft(value)}
    />
  );
}
