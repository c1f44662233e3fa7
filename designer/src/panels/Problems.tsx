// The problems list ("Fehler" / "Hinweise"): every diagnostic in plain words; clicking one
// selects its step and centres it on the canvas.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { namesOf } from '../check/named-messages';
import { useCheck } from '../check/store';
import { useEditor } from '../store/editor';

export function Problems() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const diagnostics = useCheck((s) => s.diagnostics);
  const checked = useCheck((s) => s.revision >= 0);
  const ms = useCheck((s) => s.ms);
  const latency = useCheck((s) => s.latencyMs);
  const mainMs = useCheck((s) => s.mainThreadMs);
  const revision = useCheck((s) => s.revision);
  // Messages come named from the check (check/run.ts); the step's name is added where a message
  // does not say it. flow() is memoised per draft revision, so this runs once per edit.
  const flow = useEditor((s) => s.flow());
  const names = useMemo(() => namesOf(flow, lang), [flow, lang]);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return (
    <section
      className="problems"
      aria-label={t('problems.title')}
      data-testid="problems"
      data-check-ms={ms.toFixed(2)}
      data-check-latency-ms={latency.toFixed(2)}
      data-main-thread-ms={mainMs.toFixed(2)}
      data-revision={revision}
    >
      <h2>
        {t('problems.title')}:{' '}
        <span className="count error">
          {t('problems.errors')} {errors.length}
        </span>{' '}
        <span className="count warning">
          {t('problems.warnings')} {warnings.length}
        </span>
      </h2>
      {!checked && <p className="muted">{t('problems.checking')}</p>}
      {checked && diagnostics.length === 0 && <p className="ok">✓ {t('problems.none')}</p>}
      <ul>
        {[...errors, ...warnings].map((d, i) => (
          <li key={`${d.code}-${d.path}-${i}`} className={d.severity} data-code={d.code}>
            <span aria-hidden>{d.severity === 'error' ? '✕' : '⚠'}</span>{' '}
            <span className="sr-only">
              {d.severity === 'error' ? t('problems.errors') : t('problems.warnings')}:{' '}
            </span>
            {d.nodeId ? (
              <button
                type="button"
                className="link"
                onClick={() => useEditor.getState().select(d.nodeId!, { centre: true })}
              >
                <StepProblem message={d.message[lang]} step={names.get(d.nodeId)} />
              </button>
            ) : (
              <span>{d.message[lang]}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A problem of a step: the message, and the step's name after it unless the message says it. */
function StepProblem({ message, step }: { message: string; step: string | undefined }) {
  return (
    <>
      {message}
      {step && !message.includes(step) && <span className="muted"> ({step})</span>}
    </>
  );
}
