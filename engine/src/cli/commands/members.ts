// `callflow members …`: an owner's team over the same API as the designer's „Team“ screen, with
// an organisation token that carries `members:manage` (`callflow members login --email …` creates
// one; with two-factor login set CALLFLOW_CODE to the authenticator's current code).
import type { CliCommand, CliIO } from '../command';
import { langOf, parseArgs, usageError, type Lang } from './flow-file';
import { tokenFromPassword } from './password-session';
import { needToken, serverApi, showAnswer } from './server-api';

const ROLES = ['owner', 'editor', 'agent', 'auditor', 'viewer'];

const usage = [
  'callflow members login --email <e-mail> [--name <token name>]',
  'callflow members [list]',
  'callflow members invite --email <e-mail> --role owner|editor|agent|auditor|viewer',
  'callflow members role <user id> <role>',
  'callflow members remove <user id> --yes',
  'callflow members reset <user id>',
  'callflow members require-2fa on|off',
  '(env: CALLFLOW_URL, CALLFLOW_TOKEN, CALLFLOW_PASSWORD, CALLFLOW_CODE)',
].join('\n       ');

interface Member {
  userId: string;
  email: string;
  name: string | null;
  role: string;
  twoFactor: boolean;
}
interface Link {
  url: string | null;
  expiresAt: number;
}

const t = (lang: Lang, de: string, en: string) => (lang === 'de' ? de : en);
const until = (at: number) => new Date(at).toISOString();

function linkLines(lang: Lang, what: { de: string; en: string }, link: Link): string {
  if (link.url === null)
    return `${t(lang, `${what.de} per E-Mail verschickt`, `${what.en} sent by e-mail`)} (${t(lang, 'gültig bis', 'valid until')} ${until(link.expiresAt)})\n`;
  return `${t(lang, `${what.de} (nur einmal gültig, bis`, `${what.en} (one-time, valid until`)} ${until(link.expiresAt)}):\n${link.url}\n`;
}

const memberLine = (lang: Lang, m: Member) =>
  `${m.userId}  ${m.role.padEnd(7)}  ${m.email}${m.name ? ` (${m.name})` : ''}${m.twoFactor ? '' : t(lang, '  — ohne zweiten Faktor', '  — no second factor')}\n`;

async function members(
  io: CliIO,
  lang: Lang,
  [sub = 'list', ...rest]: string[],
  flags: Map<string, string | true>,
) {
  const api = serverApi(io);
  const member = (id: string | undefined) => `/api/members/${encodeURIComponent(id ?? '')}`;
  switch (sub) {
    case 'list':
      return showAnswer(io, lang, api.call<{ members: Member[] }>('GET', '/api/members'), (b) =>
        b.members.map((m) => memberLine(lang, m)).join(''),
      );
    case 'invite': {
      const email = flags.get('email');
      const role = flags.get('role');
      if (typeof email !== 'string' || typeof role !== 'string' || !ROLES.includes(role))
        return usageError(io, usage, 'invite needs --email and --role');
      return showAnswer(
        io,
        lang,
        api.call<{ invitation: Link }>('POST', '/api/members/invitations', { email, role }),
        (b) => linkLines(lang, { de: 'Einladungslink', en: 'Invitation link' }, b.invitation),
      );
    }
    case 'role': {
      const [userId, role] = rest;
      if (!userId || !role || !ROLES.includes(role))
        return usageError(io, usage, 'role needs <user id> <role>');
      return showAnswer(io, lang, api.call<Member>('PUT', member(userId), { role }), (m) =>
        memberLine(lang, m),
      );
    }
    case 'remove':
      if (!rest[0]) return usageError(io, usage, 'remove needs <user id>');
      if (flags.get('yes') !== true)
        return usageError(
          io,
          usage,
          t(
            lang,
            'Entfernen beendet sofort alle Sitzungen der Person — mit --yes bestätigen',
            'removing ends the person’s sessions at once — confirm with --yes',
          ),
        );
      return showAnswer(io, lang, api.call('DELETE', member(rest[0])), () =>
        t(lang, 'entfernt\n', 'removed\n'),
      );
    case 'reset':
      if (!rest[0]) return usageError(io, usage, 'reset needs <user id>');
      return showAnswer(io, lang, api.call<Link>('POST', `${member(rest[0])}/password-reset`), (link) =>
        linkLines(lang, { de: 'Link zum Zurücksetzen des Passworts', en: 'Password-reset link' }, link),
      );
    case 'require-2fa': {
      const on = rest[0];
      if (on !== 'on' && on !== 'off') return usageError(io, usage, 'require-2fa needs on or off');
      return showAnswer(
        io,
        lang,
        api.call<{ twoFactorRequired: boolean }>('PUT', '/api/organisation/two-factor', {
          required: on === 'on',
        }),
        (b) =>
          b.twoFactorRequired
            ? t(
                lang,
                'Zwei-Faktor-Anmeldung ist jetzt für alle vorgeschrieben\n',
                'two-factor login is now required for everyone\n',
              )
            : t(lang, 'Zwei-Faktor-Anmeldung ist freiwillig\n', 'two-factor login is optional\n'),
      );
    }
    default:
      return usageError(io, usage, `unknown: members ${sub}`);
  }
}

export const command: CliCommand = {
  name: 'members',
  summary:
    'Owner: the team — invite with a role, change roles, remove, reset links, require two-factor login.',
  usage,
  async run(args, io) {
    const parsed = parseArgs(
      args,
      ['lang', 'email', 'role', 'name', 'yes'],
      ['lang', 'email', 'role', 'name'],
    );
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const lang = langOf(parsed.flags, io.env);
    if (parsed.files[0] === 'login') {
      const email = parsed.flags.get('email');
      if (typeof email !== 'string') return usageError(io, usage, 'login needs --email');
      const name = String(parsed.flags.get('name') ?? 'callflow-members');
      return tokenFromPassword(io, email, lang, (api, session) =>
        api.call('POST', '/api/tokens', { name, scopes: ['members:manage'] }, session),
      );
    }
    if (!needToken(io)) return 2;
    return members(io, lang, parsed.files, parsed.flags);
  },
};
