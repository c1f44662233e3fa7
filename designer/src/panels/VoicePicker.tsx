// The flow's voice: chosen from the voices the deployment's ElevenLabs account offers, heard
// first with „Probehören" (the flow's greeting, synthesized by the server into its prompt
// cache). The raw voice id stays editable for integrators. Without a voice provider the raw
// field is all there is, and the panel says why.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, type VoiceList, type VoiceOption } from '../api';
import { TextInput } from '../inspector/controls';
import { useSession } from '../session';
import { useEditor } from '../store/editor';
import { playMulaw, type Playing } from './chat/voice/play-mulaw';

type Listing = { state: 'loading' } | { state: 'ok'; list: VoiceList } | { state: 'failed'; code: string };

export function VoicePicker(props: {
  value: string | undefined;
  onChange: (voiceId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const flowId = useEditor((s) => s.flowId);
  const online = useSession((s) => Boolean(s.me?.tenant));
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [preview, setPreview] = useState<'idle' | 'loading' | 'playing' | string>('idle');
  const playing = useRef<Playing | null>(null);

  useEffect(() => {
    if (!online) return;
    let live = true;
    api.voices().then(
      (list) => live && setListing({ state: 'ok', list }),
      (e: unknown) =>
        live && setListing({ state: 'failed', code: e instanceof ApiFailure ? e.code : 'http' }),
    );
    return () => {
      live = false;
      playing.current?.stop();
    };
  }, [online]);

  if (!online) return <RawVoiceId value={props.value} onChange={props.onChange} />;
  const voices = listing.state === 'ok' ? listing.list.voices : [];
  const defaultId = listing.state === 'ok' ? listing.list.defaultVoiceId : undefined;
  const known = props.value === undefined || voices.some((v) => v.id === props.value);
  const heardVoice = props.value ?? defaultId;

  const listen = async () => {
    if (!flowId || !heardVoice) return;
    playing.current?.stop();
    setPreview('loading');
    try {
      const audio = await api.voicePreview(flowId, heardVoice);
      const p = playMulaw(audio);
      playing.current = p;
      setPreview('playing');
      await p.done;
      setPreview('idle');
    } catch (e) {
      setPreview(e instanceof ApiFailure ? e.code : 'http');
    }
  };

  return (
    <div className="voice-picker" data-testid="voice-picker">
      <label>
        <span>{t('voice.label')}</span>
        <select
          data-testid="voice-select"
          value={props.value ?? ''}
          disabled={listing.state !== 'ok'}
          onChange={(e) => props.onChange(e.target.value || undefined)}
        >
          <option value="">
            {t('voice.default', { name: nameOf(voices, defaultId) ?? defaultId ?? '' })}
          </option>
          {voices.map((v) => (
            <option key={v.id} value={v.id}>
              {describe(v)}
            </option>
          ))}
          {!known && <option value={props.value}>{t('voice.unlisted', { id: props.value })}</option>}
        </select>
      </label>
      <button
        type="button"
        data-testid="voice-preview"
        disabled={!flowId || !heardVoice || preview === 'loading'}
        onClick={() => void listen()}
      >
        {preview === 'playing' ? t('voice.playing') : t('voice.preview')}
      </button>
      {listing.state === 'loading' && <p className="hint">{t('voice.loading')}</p>}
      {listing.state === 'failed' && (
        <p className="warning" role="note" data-testid="voice-unavailable">
          {listing.code === 'voice_not_configured' ? t('voice.notConfigured') : t('voice.listFailed')}
        </p>
      )}
      {preview !== 'idle' && preview !== 'loading' && preview !== 'playing' && (
        <p className="warning" role="note">
          {t('voice.previewFailed')}
        </p>
      )}
      {!flowId && <p className="hint">{t('voice.saveFirst')}</p>}
      <details>
        <summary>{t('voice.raw')}</summary>
        <RawVoiceId value={props.value} onChange={props.onChange} />
      </details>
    </div>
  );
}

function RawVoiceId(props: { value: string | undefined; onChange: (voiceId: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('settings.voiceId')}
      value={props.value}
      onChange={(v) => props.onChange(v || undefined)}
    />
  );
}

function nameOf(voices: readonly VoiceOption[], id: string | undefined): string | undefined {
  return voices.find((v) => v.id === id)?.name;
}

/** „Greta (female, de)": the vendor's labels say what the name does not. */
function describe(v: VoiceOption): string {
  const labels = ['gender', 'accent', 'language', 'age'].map((k) => v.labels[k]).filter(Boolean);
  return labels.length > 0 ? `${v.name} (${labels.join(', ')})` : v.name;
}
