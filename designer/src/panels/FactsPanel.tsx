// „Wissen": what the business tells callers who ask (facts: topic, spoken answer, keywords), the
// opening-hours answers derived from the settings, whether the language model may answer, and the
// live check's messages for each entry. The test call shows which entry answered a question.
import { useTranslation } from 'react-i18next';
import { hoursFacts } from '../../../engine/src/flow/answers/hours-facts';
import { modelAnswersPolicy } from '../../../engine/src/flow/answers/policy';
import type { Fact, Flow } from '../../../engine/src/flow/format/schema';
import { buildProcessingRecord } from '../../../engine/src/flow/privacy/record';
import { useCheck } from '../check/store';
import { Checkbox, KeywordsInput, PromptInput, TextInput } from '../inspector/controls';
import { useEditor } from '../store/editor';

const update = (patch: (f: Flow) => Flow, key?: string) => useEditor.getState().updateFlow(patch, key);

function setFact(index: number, p: Partial<Fact>, key?: string) {
  update(
    (f) => ({
      ...f,
      facts: (f.facts ?? []).map((x, i) => {
        if (i !== index) return x;
        const next = { ...x, ...p };
        if (next.keywords?.length === 0) delete next.keywords;
        return next;
      }),
    }),
    key && `fact${index}.${key}`,
  );
}

function FactForm({ fact, index, language }: { fact: Fact; index: number; language: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const messages = useCheck((s) => s.diagnostics).filter(
    (d) => d.path === `/facts/${index}` || d.path.startsWith(`/facts/${index}/`),
  );
  return (
    <fieldset className="fact" data-testid={`fact-${fact.id}`}>
      <legend>{fact.topic}</legend>
      <TextInput
        label={t('facts.topic')}
        value={fact.topic}
        onChange={(v) => setFact(index, { topic: v }, 'topic')}
      />
      <PromptInput
        label={t('facts.answer')}
        value={fact.answer}
        language={language}
        onChange={(v) => setFact(index, { answer: v }, 'answer')}
      />
      <KeywordsInput
        label={t('inspector.keywords')}
        value={fact.keywords ?? []}
        onChange={(v) => setFact(index, { keywords: v }, 'kw')}
      />
      {messages.map((d, i) => (
        <p key={i} className={d.severity === 'error' ? 'error' : 'warning'} role="status">
          {d.message[lang]}
        </p>
      ))}
      <button
        type="button"
        onClick={() => update((f) => ({ ...f, facts: (f.facts ?? []).filter((_, i) => i !== index) }))}
      >
        ✕ {t('facts.remove')}: {fact.topic}
      </button>
    </fieldset>
  );
}

export function FactsPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const base = useEditor((s) => s.base);
  const facts = base.facts ?? [];
  const policy = modelAnswersPolicy(base);
  const reason = buildProcessingRecord(base).answers.model.reason[lang];
  // The derived answers as a caller would hear them now (the call's clock decides on a call).
  const derived = hoursFacts(
    base.settings.businessHours,
    Date.now(),
    base.language.startsWith('en') ? 'en' : 'de',
  );
  const newId = () => {
    for (let i = facts.length + 1; ; i++)
      if (!facts.some((x) => x.id === `eintrag-${i}`)) return `eintrag-${i}`;
  };
  return (
    <section className="facts" aria-label={t('facts.title')}>
      <h2>{t('facts.title')}</h2>
      <p className="help">{t('facts.help')}</p>
      {facts.map((fact, i) => (
        <FactForm key={fact.id} fact={fact} index={i} language={base.language} />
      ))}
      <button
        type="button"
        onClick={() =>
          update((f) => ({
            ...f,
            facts: [
              ...(f.facts ?? []),
              { id: newId(), topic: t('facts.newTopic'), answer: t('facts.newAnswer') },
            ],
          }))
        }
      >
        + {t('facts.add')}
      </button>
      <h3>{t('facts.derived')}</h3>
      <ul className="derived-facts">
        {derived.map((f) => (
          <li key={f.id}>
            <strong>{f.topic}:</strong> {f.answer}
          </li>
        ))}
      </ul>
      <h3>{t('facts.model')}</h3>
      <Checkbox
        label={t('facts.modelAllowed')}
        checked={policy.allowed}
        help={reason}
        onChange={(v) => update((f) => ({ ...f, settings: { ...f.settings, answers: { model: v } } }))}
      />
    </section>
  );
}
