// A one-time link shown once to whoever created it (invitation, password reset) with a copy
// button — or, when the server mailed it, only the note that it went by e-mail.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../api';

export function CopyLink(props: { link: Invitation; label: string; hint: string; emailed: string }) {
  const { link, label, hint, emailed } = props;
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const url = link.url;
  if (url === null)
    return (
      <p className="invitation-link" role="status">
        {emailed}
      </p>
    );
  return (
    <div className="invitation-link" role="status">
      <p>{hint}</p>
      <input readOnly value={url} aria-label={label} onFocus={(e) => e.target.select()} />
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard?.writeText(url).catch(() => undefined);
          setCopied(true);
        }}
      >
        {copied ? t('team.copied') : t('team.copy')}
      </button>
    </div>
  );
}
