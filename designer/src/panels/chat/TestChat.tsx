// "Probeanruf": talk to the flow as a caller — typing, keypad, silence — with the bot's answers,
// the current step highlighted on the canvas and the call note at the end.
import { useEffect, useRef, useState } from 'react';
import { ApiFailure } from '../../api';
import { useTranslation } from 'react-i18next';
import { loadFlow } from '../../../../engine/src/flow/index';
import { useSession } from '../../session';
import { useEditor } from '../../store/editor';
import { VoiceCallPanel } from './VoiceCallPanel';
import { CallNote } from './CallNote';
import { handoffEvent, localEngine, type ChatEngine, type ChatSession } from './driver';
import { NotPublished, serverEngine, type ServerSession } from './server';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function TestChat({ engine = localEngine }: { engine?: ChatEngine }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<ChatSession | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [text, setText] = useState('');
  // A test call can pretend to happen at another time, e.g. to try the "closed" path at noon.
  const [when, setWhen] = useState('');
  const [offset, setOffset] = useState(0);
  const now = () => Date.now() + offset;
  const logRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    useEditor.getState().setActive(session && !session.ended ? session.node : null);
    logRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [session]);
  useEffect(() => () => useEditor.getState().setActive(null), []);

  // "on the server" needs a saved flow and a session; offline work only has the browser.
  const flowId = useEditor((st) => st.flowId);
  const canServer = Boolean(useSession((st) => st.me) && flowId);
  const [mode, setMode] = useState<'local' | 'server'>('local');
  const [deliver, setDeliver] = useState(false);
  const [busy, setBusy] = useState(false);
  const onServer = mode === 'server' && canServer;

  const run = async (step: (e: ChatEngine) => ChatSession | Promise<ChatSession>, e: ChatEngine) => {
    setBusy(true);
    try {
      setSession(await step(e));
      setProblem(null);
    } catch (err) {
      if (err instanceof NotPublished) setProblem(t('chat.notPublished'));
      else
        setProblem(
          t('chat.serverFailed', { message: err instanceof ApiFailure ? err.message : String(err) }),
        );
    } finally {
      setBusy(false);
    }
  };
  const [active, setActive] = useState<ChatEngine>(engine);

  const begin = () => {
    const targets = useSession.getState().transferTargets?.map((x) => x.id);
    const result = loadFlow(useEditor.getState().flow(), targets ? { handoffTargets: targets } : {});
    if (!result.ok && !onServer) {
      setProblem(t('chat.invalid'));
      setSession(null);
      return;
    }
    setProblem(null);
    const start = when ? new Date(when).getTime() : Date.now();
    setOffset(start - Date.now());
    const e = onServer ? serverEngine({ flowId: flowId!, live: deliver, handoffTargets: targets }) : engine;
    setActive(e);
    setSession(null);
    // The server engine ignores the draft (it loads the published version itself).
    void run((x) => x.begin(result.ok ? result.compiled : null, start), e);
  };
  const send = (ev: Parameters<ChatEngine['send']>[1]) =>
    session && !busy && void run((x) => x.send(session, ev), active);
  const live = session && !session.ended;

  return (
    <section className="chat" aria-label={t('chat.title')} data-testid="test-chat">
      <h2>{t('chat.title')}</h2>
      <label htmlFor="chat-when">{t('chat.when')}</label>
      <input id="chat-when" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
      <p className="help">{t('chat.whenHelp')}</p>
      {canServer && (
        <fieldset className="chat-mode">
          <legend>{t('chat.mode')}</legend>
          <label>
            <input
              type="radio"
              name="chat-mode"
              checked={mode === 'local'}
              onChange={() => setMode('local')}
            />{' '}
            {t('chat.modeLocal')}
          </label>
          <label>
            <input
              type="radio"
              name="chat-mode"
              checked={mode === 'server'}
              onChange={() => setMode('server')}
            />{' '}
            {t('chat.modeServer')}
          </label>
          {mode === 'server' && (
            <>
              <label>
                <input
                  type="checkbox"
                  checked={deliver}
                  onChange={(e) => setDeliver(e.target.checked)}
                  aria-describedby="chat-live-help"
                />{' '}
                {t('chat.live')}
              </label>
              <p id="chat-live-help" className="help">
                {t('chat.liveHelp')}
              </p>
            </>
          )}
        </fieldset>
      )}
      <button type="button" onClick={begin} disabled={busy}>
        {session ? `↻ ${t('chat.restart')}` : `▶ ${t('chat.start')}`}
      </button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {busy && (
        <p className="muted" role="status">
          {t('chat.busy')}
        </p>
      )}
      {session && (
        <>
          <ol className="chat-log" ref={logRef} aria-live="polite">
            {session.lines.map((l, i) => (
              <li key={i} className={l.who}>
                <span className="who">
                  {l.who === 'bot' ? t('chat.bot') : l.who === 'caller' ? t('chat.caller') : ''}
                </span>{' '}
                {l.text}
              </li>
            ))}
            {session.ended && <li className="system">{t('chat.ended')}</li>}
          </ol>
          {session.transfer && !session.ended && (
            <div
              className="transfer"
              role="group"
              aria-label={t('chat.transfer', { target: session.transfer })}
            >
              <p>{t('chat.transfer', { target: session.transfer })}</p>
              <button type="button" onClick={() => send(handoffEvent('answered', now()))}>
                {t('chat.answered')}
              </button>
              <button type="button" onClick={() => send(handoffEvent('no-answer', now()))}>
                {t('chat.noAnswer')}
              </button>
            </div>
          )}
          {live && !session.transfer && (
            <>
              <form
                className="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!text.trim()) return;
                  send({ type: 'utterance', at: now(), text, final: true });
                  setText('');
                }}
              >
                <label className="sr-only" htmlFor="chat-input">
                  {t('chat.say')}
                </label>
                <input
                  id="chat-input"
                  value={text}
                  placeholder={t('chat.say')}
                  onChange={(e) => setText(e.target.value)}
                  autoComplete="off"
                />
                <button type="submit">{t('chat.send')}</button>
              </form>
              <div className="keypad" role="group" aria-label={t('chat.keypad')}>
                {KEYS.map((k) => (
                  <button
                    key={k}
                    type="button"
                    aria-label={`${t('chat.keypad')} ${k}`}
                    onClick={() => send({ type: 'dtmf', at: now(), digit: k })}
                  >
                    {k}
                  </button>
                ))}
              </div>
              <div className="row">
                <button type="button" onClick={() => send({ type: 'silence', at: now() })}>
                  … {t('chat.silence')}
                </button>
                <button type="button" onClick={() => send({ type: 'hangup', at: now() })}>
                  ✆ {t('chat.hangup')}
                </button>
              </div>
            </>
          )}
          {session.record && <CallNote record={session.record} />}
          {(session as ServerSession).delivered && (
            <p className="ok" role="status" data-testid="chat-delivered">
              {t('chat.delivered', { txId: (session as ServerSession).delivered!.txId })}
            </p>
          )}
        </>
      )}
      <VoiceCallPanel />
    </section>
  );
}
