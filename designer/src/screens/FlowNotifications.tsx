// A member's e-mail choice for one flow's new call notes: none, all, or urgent only. The mail
// carries nothing from the call; for a zero-persistence flow the choice says what it still
// reveals (that a call came, and when) before anyone switches it on.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi, type NotificationChoice } from '../api';

export function FlowNotifications({ flowId }: { flowId: string }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<NotificationChoice | null>(null);
  useEffect(() => {
    void accountApi.notifications(flowId).then(setChoice, () => setChoice(null));
  }, [flowId]);
  if (!choice) return null;
  const id = `notify-${flowId}`;
  return (
    <span className="flow-notifications">
      <label htmlFor={id}>{t('notify.label')}</label>{' '}
      <select
        id={id}
        value={choice.level ?? 'off'}
        onChange={async (e) =>
          setChoice(
            await accountApi.setNotifications(
              flowId,
              e.target.value === 'off' ? null : (e.target.value as 'all' | 'urgent'),
            ),
          )
        }
      >
        <option value="off">{t('notify.off')}</option>
        <option value="all">{t('notify.all')}</option>
        <option value="urgent">{t('notify.urgent')}</option>
      </select>
      {choice.zeroPersistence && <small className="muted"> {t('notify.zeroPersistence')}</small>}
      {!choice.mailConfigured && <small className="muted"> {t('notify.noMail')}</small>}
    </span>
  );
}
