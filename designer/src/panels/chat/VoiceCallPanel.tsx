// „Probeanruf mit Mikrofon": the flow spoken and heard through the server's real voice pipeline
// (the phone path's session, speech recognition, voice, barge-in), for the draft or a published
// version. Honest when it cannot work: without speech/voice credentials on the server, outside a
// secure context (the browser gives no microphone there), or before the flow is saved, it says
// why and what to do; the text test call above stays available either way.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, type VoiceTestAvailability } from '../../api';
import { useSession } from '../../session';
import { useEditor } from '../../store/editor';
import type { JitterReport } from './voice/call-audio-dsp';
import { VoiceCall, type ServerMessage } from './voice/voice-call';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

type Line = { kind: 'heard'; text: string } | { kind: 'key'; digit: string };
type Phase = 'idle' | 'connecting' | 'live' | 'ended';

/** Why the button cannot work here, if it cannot (a glossary key under voiceCall.*). */
function obstacle(
  availability: VoiceTestAvailability | null | 'offline',
  flowId: string | null,
): string | null {
  if (availability === 'offline' || !flowId) return 'whyNotSaved';
  if (availability && !availability.available) return 'whyNoProviders';
  if (!window.isSecureContext) return 'whyInsecure';
  if (typeof AudioWorkletNode === 'undefined' || !navigator.mediaDevices) return 'whyUnsupported';
  return null;
}

export function VoiceCallPanel() {
  const { t } = useTranslation();
  const flowId = useEditor((s) => s.flowId);
  const online = useSession((s) => Boolean(s.me?.tenant));
  const [availability, setAvailability] = useState<VoiceTestAvailability | null | 'offline'>(null);
  const [version, setVersion] = useState<'draft' | number>('draft');
  const [versions, setVersions] = useState<number[]>([]);
  const [deliver, setDeliver] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [lines, setLines] = useState<Line[]>([]);
  const [transfer, setTransfer] = useState<string | null>(null);
  const [jitter, setJitter] = useState<JitterReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const [maxSeconds, setMaxSeconds] = useState(0);
  const call = useRef<VoiceCall | null>(null);

  useEffect(() => {
    if (!online) return setAvailability('offline');
    void api.voiceTest().then(setAvailability, () => setAvailability('offline'));
  }, [online]);
  useEffect(() => {
    if (!online || !flowId) return;
    void api.listVersions(flowId).then(
      (v) => setVersions(v.map((x) => x.number)),
      () => setVersions([]),
    );
  }, [online, flowId]);
  useEffect(
    () => () => {
      void call.current?.stop();
      useEditor.getState().setActive(null);
    },
    [],
  );

  const why = obstacle(availability, flowId);

  const onMessage = (m: ServerMessage) => {
    if (m.type === 'started') {
      setPhase('live');
      setMaxSeconds(m.maxSeconds);
    } else if (m.type === 'step') useEditor.getState().setActive(m.node);
    else if (m.type === 'heard' && m.text !== undefined)
      setLines((l) => [...l, { kind: 'heard', text: m.text! }]);
    else if (m.type === 'heard' && m.digit !== undefined)
      setLines((l) => [...l, { kind: 'key', digit: m.digit! }]);
    else if (m.type === 'transfer') setTransfer(m.target);
    else if (m.type === 'ended') setEnding(m.reason);
  };

  const start = async () => {
    if (!flowId) return;
    setProblem(null);
    setEnding(null);
    setLines([]);
    setTransfer(null);
    setJitter(null);
    setPhase('connecting');
    try {
      const ticket = await api.testCallTicket(flowId, { version, deliver });
      const c = new VoiceCall({
        onMessage,
        onJitter: setJitter,
        onClosed: (reason, refused) => {
          if (refused) setProblem(t('voiceCall.refused', { reason }));
          setPhase('ended');
          setTransfer(null);
          useEditor.getState().setActive(null);
        },
      });
      call.current = c;
      await c.start(ticket);
    } catch (e) {
      setPhase('ended');
      setProblem(
        e instanceof ApiFailure && e.code === 'test_call_limit'
          ? t('voiceCall.limit', {
              count: availability && availability !== 'offline' ? availability.perOrganisation : 2,
            })
          : e instanceof ApiFailure
            ? t('voiceCall.failed', { message: e.message })
            : e instanceof DOMException && e.name === 'NotAllowedError'
              ? t('voiceCall.micDenied')
              : t('voiceCall.failed', { message: String(e) }),
      );
      void call.current?.stop();
    }
  };

  const live = phase === 'live';
  return (
    <section className="voice-call" aria-label={t('voiceCall.title')} data-testid="voice-call">
      <h3>{t('voiceCall.title')}</h3>
      {why ? (
        <>
          {/* Shown, but disabled: the person testing learns the feature exists and what it needs. */}
          <button type="button" data-testid="voice-call-start" disabled aria-describedby="voice-call-why">
            🎙 {t('voiceCall.start')}
          </button>
          <p className="hint" role="note" id="voice-call-why" data-testid="voice-call-why">
            {t(`voiceCall.${why}`)}
          </p>
        </>
      ) : (
        <>
          {!live && (
            <>
              <label>
                {t('voiceCall.version')}{' '}
                <select
                  value={String(version)}
                  onChange={(e) => setVersion(e.target.value === 'draft' ? 'draft' : Number(e.target.value))}
                >
                  <option value="draft">{t('voiceCall.draft')}</option>
                  {versions.map((v) => (
                    <option key={v} value={v}>
                      {t('voiceCall.versionN', { n: v })}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <input type="checkbox" checked={deliver} onChange={(e) => setDeliver(e.target.checked)} />{' '}
                {t('voiceCall.deliver')}
              </label>
              <button
                type="button"
                data-testid="voice-call-start"
                disabled={phase === 'connecting'}
                onClick={() => void start()}
              >
                🎙 {t('voiceCall.start')}
              </button>
            </>
          )}
          {live && (
            <div className="voice-call-live">
              <p data-testid="voice-call-status">{t('voiceCall.live')}</p>
              <p className="help">
                {maxSeconds >= 120
                  ? t('voiceCall.endsAfterMinutes', { count: Math.round(maxSeconds / 60) })
                  : t('voiceCall.endsAfterSeconds', { count: maxSeconds })}
              </p>
              <div className="keypad" role="group" aria-label={t('chat.keypad')}>
                {KEYS.map((k) => (
                  <button key={k} type="button" onClick={() => call.current?.dtmf(k)}>
                    {k}
                  </button>
                ))}
              </div>
              {transfer && (
                <div className="transfer" role="group" data-testid="voice-call-transfer">
                  <p>{t('chat.transfer', { target: transfer })}</p>
                  <button
                    type="button"
                    onClick={() => (call.current?.transfer('answered'), setTransfer(null))}
                  >
                    {t('chat.answered')}
                  </button>
                  <button
                    type="button"
                    onClick={() => (call.current?.transfer('no-answer'), setTransfer(null))}
                  >
                    {t('chat.noAnswer')}
                  </button>
                </div>
              )}
              <button type="button" data-testid="voice-call-hangup" onClick={() => call.current?.hangup()}>
                {t('chat.hangup')}
              </button>
            </div>
          )}
          {jitter && (
            <p className="help" data-testid="voice-call-jitter">
              {t('voiceCall.jitter', {
                depth: Math.round(jitter.depthMs),
                max: Math.round(jitter.maxDepthMs),
                limit: jitter.limitMs,
                dropped: Math.round(jitter.droppedMs),
              })}
            </p>
          )}
          {lines.length > 0 && (
            <ol
              className="voice-call-heard"
              aria-label={t('voiceCall.understood')}
              data-testid="voice-call-heard"
            >
              {lines.map((l, i) => (
                <li key={i}>{l.kind === 'heard' ? `„${l.text}“` : t('voiceCall.key', { digit: l.digit })}</li>
              ))}
            </ol>
          )}
          {ending && phase === 'ended' && (
            <p data-testid="voice-call-ended">
              {t(`voiceCall.ended.${ending}`, { defaultValue: t('chat.ended') })}
            </p>
          )}
        </>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
