// The words of every e-mail Callflow sends, German first and English below. A note notification
// carries no caller content at all — not a name, a number, a concern or a time of the call: only
// that a note arrived (and whether it is urgent), the organisation, and a link to the inbox that
// holds no login token (the reader logs in as always).
import type { Mail } from './mailer';

const berlin = (at: number) =>
  new Date(at).toLocaleString('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });

const ROLE_WORDS: Record<string, string> = {
  owner: 'Inhaber/in (owner)',
  editor: 'Bearbeitung (editor)',
  agent: 'Empfang (agent)',
  auditor: 'Prüfung (auditor)',
  viewer: 'Ansicht (viewer)',
};

export function invitationMail(input: {
  to: string;
  organisation: string;
  role: string;
  url: string;
  expiresAt: number;
}): Mail {
  const role = ROLE_WORDS[input.role] ?? input.role;
  return {
    to: input.to,
    subject: `Einladung zu Callflow – ${input.organisation}`,
    text: [
      `Sie wurden zu „${input.organisation}“ bei Callflow eingeladen, Rolle: ${role}.`,
      `Öffnen Sie diesen Link, um Ihr Konto anzulegen (gültig bis ${berlin(input.expiresAt)}, nur einmal):`,
      '',
      input.url,
      '',
      'Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.',
      '',
      '—',
      `You have been invited to "${input.organisation}" on Callflow (role ${input.role}).`,
      'Open the link above to set up your account (valid for 72 hours, once).',
    ].join('\n'),
  };
}

export function passwordResetMail(input: { to: string; url: string; expiresAt: number }): Mail {
  return {
    to: input.to,
    subject: 'Callflow: Passwort zurücksetzen',
    text: [
      'Jemand hat für dieses Konto ein neues Passwort angefordert.',
      `Mit diesem Link setzen Sie es (gültig bis ${berlin(input.expiresAt)}, nur einmal):`,
      '',
      input.url,
      '',
      'Waren Sie das nicht, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
      '',
      '—',
      'Someone asked for a new password for this account. The link above sets it (valid for one',
      'hour, once). If it was not you, ignore this e-mail: your password stays as it is.',
    ].join('\n'),
  };
}

/** „Neue Gesprächsnotiz (dringend) – <organisation>“ and the inbox link; nothing from the call. */
export function noteNotificationMail(input: {
  to: string;
  organisation: string;
  urgent: boolean;
  inboxUrl: string;
}): Mail {
  const what = input.urgent ? 'Neue Gesprächsnotiz (dringend)' : 'Neue Gesprächsnotiz';
  return {
    to: input.to,
    subject: `${what} – ${input.organisation}`,
    text: [
      `${what} für „${input.organisation}“. Sie finden sie im Posteingang:`,
      '',
      input.inboxUrl,
      '',
      'Diese E-Mail enthält bewusst keine Angaben aus dem Anruf. Benachrichtigungen stellen Sie im',
      'Designer beim jeweiligen Ablauf ab.',
      '',
      '—',
      `${input.urgent ? 'A new urgent call note' : 'A new call note'} arrived for "${input.organisation}";`,
      'read it in the inbox (link above). This e-mail deliberately holds nothing from the call.',
    ].join('\n'),
  };
}
