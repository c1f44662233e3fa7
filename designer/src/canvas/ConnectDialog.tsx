// „Verbinden mit …": connecting an exit of a step by keyboard. With the step selected, V (or the
// inspector's button) opens it on the step's first open exit with the list of steps focused:
// a letter jumps to a step by its title, Enter connects — three key presses. The same dialog
// removes the exit's connection, the keyboard way to delete one.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { edgeId } from '../graph/convert';
import { definitionOf } from '../nodes/registry';
import { pick, type Lang } from '../nodes/types';
import { useEditor } from '../store/editor';
import { stepName } from './names';

/** The step whose exit is being connected; null while closed. */
export const useConnectDialog = create<{ stepId: string | null }>()(() => ({ stepId: null }));

export function openConnectDialog(stepId: string): void {
  useConnectDialog.setState({ stepId });
}

const nameOf = (id: string, lang: Lang): string =>
  stepName(
    useEditor.getState().nodes.find((n) => n.id === id),
    lang,
  );

/** The steps a connection can lead to, by title (what a letter jumps to). */
function targetsFor(stepId: string, lang: Lang, selfWord: string) {
  return useEditor
    .getState()
    .nodes.map((n) => {
      const title = stepName(n, lang);
      const kind = pick(definitionOf(n.data.node).label, lang);
      return { id: n.id, label: `${title} – ${kind}${n.id === stepId ? ` ${selfWord}` : ''}`, title };
    })
    .sort((a, b) => a.title.localeCompare(b.title, lang));
}

export function ConnectDialog() {
  const stepId = useConnectDialog((s) => s.stepId);
  return stepId ? <ConnectForm key={stepId} stepId={stepId} /> : null;
}

function ConnectForm({ stepId }: { stepId: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  const node = useEditor((s) => s.nodes.find((n) => n.id === stepId)?.data.node);
  const edges = useEditor((s) => s.edges);
  const outputs = node ? definitionOf(node).outputs(node) : [];
  const targetOfExit = (exit: string) =>
    edges.find((e) => e.source === stepId && e.sourceHandle === exit)?.target;
  const [exit, setExit] = useState(
    () => outputs.find((h) => !targetOfExit(h.id))?.id ?? outputs[0]?.id ?? '',
  );
  const [target, setTarget] = useState(() => targetOfExit(exit) ?? '');
  const targets = targetsFor(stepId, lang, t('access.self'));
  const list = useRef<HTMLSelectElement>(null);
  const opener = useRef<Element | null>(document.activeElement);
  useEffect(() => list.current?.focus(), []);

  const close = () => {
    useConnectDialog.setState({ stepId: null });
    // Back to the card (or whatever opened the dialog), so the keyboard user goes on from there.
    const card = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(stepId)}"]`);
    (card ?? (opener.current as HTMLElement | null))?.focus();
  };
  const connect = () => {
    if (!target || !exit) return;
    useEditor.getState().connect({ source: stepId, sourceHandle: exit, target, targetHandle: null });
    close();
  };
  const disconnect = () => {
    useEditor.getState().disconnect([edgeId(stepId, exit)]);
    close();
  };
  // Letters jump to the first step whose title starts with what was typed (within a second),
  // counted from the top of the list — the browser's own search starts after the current option.
  const typed = useRef({ text: '', at: 0 });
  const jump = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey || e.key === ' ') return;
    const last = typed.current;
    const text = (e.timeStamp - last.at < 1000 ? last.text : '') + e.key.toLocaleLowerCase(lang);
    typed.current = { text, at: e.timeStamp };
    const hit = targets.find((x) => x.title.toLocaleLowerCase(lang).startsWith(text));
    if (hit) setTarget(hit.id);
    e.preventDefault();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && e.target === list.current) {
      e.preventDefault();
      connect();
    }
  };
  if (!node || outputs.length === 0) return null;
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="connect-title"
        onKeyDown={onKeyDown}
        data-testid="connect-dialog"
      >
        <h2 id="connect-title">{t('access.connectTitle', { step: nameOf(stepId, lang) })}</h2>
        <label htmlFor="connect-exit">{t('access.exit')}</label>
        <select
          id="connect-exit"
          value={exit}
          onChange={(e) => {
            setExit(e.target.value);
            setTarget(targetOfExit(e.target.value) ?? '');
          }}
        >
          {outputs.map((h) => {
            const to = targetOfExit(h.id);
            return (
              <option key={h.id} value={h.id}>
                {pick(h.label, lang)} → {to ? nameOf(to, lang) : t('editor.notConnected')}
              </option>
            );
          })}
        </select>
        <label htmlFor="connect-target">{t('access.target')}</label>
        <select
          id="connect-target"
          ref={list}
          size={Math.min(8, targets.length)}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          onKeyDown={jump}
          aria-describedby="connect-hint"
        >
          {targets.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
        </select>
        <p className="help" id="connect-hint">
          {t('access.connectHint')}
        </p>
        <div className="dialog-actions">
          <button type="button" className="primary" disabled={!target} onClick={connect}>
            {t('access.connectNow')}
          </button>
          {targetOfExit(exit) && (
            <button type="button" onClick={disconnect}>
              {t('access.disconnect')}
            </button>
          )}
          <button type="button" onClick={close}>
            {t('access.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
