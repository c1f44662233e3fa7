// `callflow admin …`: the operator's organisations and phone numbers over the same API as the
// designer, with an operator token (`callflow admin login --email …` creates one).
import type { CliCommand, CliIO } from '../command';
import { langOf, parseArgs, usageError } from './flow-file';
import { tokenFromPassword } from './password-session';
import { needToken, serverApi, showAnswer as run } from './server-api';

const usage = [
  'callflow admin login --email <e-mail> [--name <token name>]',
  'callflow admin organisations [list]',
  'callflow admin organisations create --name <name> --owner-email <e-mail>',
  'callflow admin organisations invite <id> --owner-email <e-mail>',
  'callflow admin organisations suspend|resume <id>',
  'callflow admin organisations delete <id> --yes',
  'callflow admin numbers [list]',
  'callflow admin numbers assign <+49…> --organisation <id>',
  'callflow admin numbers release <+49…>',
  'callflow admin audit',
  '(env: CALLFLOW_URL, CALLFLOW_TOKEN, CALLFLOW_PASSWORD)',
].join('\n       ');

interface Organisation {
  id: string;
  name: string;
  status: string;
  flows: number;
  members: number;
  numbers: string[];
}
interface AssignedNumber {
  number: string;
  organisationId: string;
  organisationName: string;
  flowName: string | null;
  version: number | null;
}
interface Invitation {
  /** null: sent by e-mail. */
  url: string | null;
  expiresAt: number;
}

type Flags = Map<string, string | true>;
type Lang = 'de' | 'en';

const t = (lang: Lang, de: string, en: string) => (lang === 'de' ? de : en);
const flag = (flags: Flags, name: string) => {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
};

const invitationLines = (lang: Lang, inv: Invitation) =>
  inv.url === null
    ? `${t(lang, 'Einladung per E-Mail verschickt (gültig bis', 'Invitation sent by e-mail (valid until')} ${new Date(inv.expiresAt).toISOString()})\n`
    : `${t(lang, 'Einladungslink für die Inhaberin / den Inhaber (nur einmal gültig, bis', 'Invitation link for the owner (one-time, valid until')} ${new Date(inv.expiresAt).toISOString()}):\n${inv.url}\n`;

async function organisations(io: CliIO, lang: Lang, [sub = 'list', id]: string[], flags: Flags) {
  const api = serverApi(io);
  const path = `/api/admin/organisations/${encodeURIComponent(id ?? '')}`;
  switch (sub) {
    case 'list':
      return run(
        io,
        lang,
        api.call<{ organisations: Organisation[] }>('GET', '/api/admin/organisations'),
        (b) =>
          b.organisations
            .map(
              (o) =>
                `${o.id}  ${o.status.padEnd(9)}  ${o.name}  (${o.members} ${t(lang, 'Personen', 'people')}, ${o.flows} ${t(lang, 'Abläufe', 'flows')}${o.numbers.length ? `, ${o.numbers.join(' ')}` : ''})\n`,
            )
            .join(''),
      );
    case 'create': {
      const name = flag(flags, 'name');
      const ownerEmail = flag(flags, 'owner-email');
      if (!name || !ownerEmail) return usageError(io, usage, 'create needs --name and --owner-email');
      return run(
        io,
        lang,
        api.call<{ organisation: Organisation; invitation: Invitation }>('POST', '/api/admin/organisations', {
          name,
          ownerEmail,
        }),
        (b) =>
          `${t(lang, 'Organisation angelegt', 'organisation created')}: ${b.organisation.id}  ${b.organisation.name}\n${invitationLines(lang, b.invitation)}`,
      );
    }
    case 'invite': {
      const ownerEmail = flag(flags, 'owner-email');
      if (!id || !ownerEmail) return usageError(io, usage, 'invite needs <id> and --owner-email');
      return run(
        io,
        lang,
        api.call<{ invitation: Invitation }>('POST', `${path}/invitations`, { ownerEmail }),
        (b) => invitationLines(lang, b.invitation),
      );
    }
    case 'suspend':
    case 'resume':
      if (!id) return usageError(io, usage, `${sub} needs <id>`);
      return run(
        io,
        lang,
        api.call<Organisation>('POST', `${path}/${sub}`),
        (o) => `${o.id}  ${o.status}  ${o.name}\n`,
      );
    case 'delete':
      if (!id) return usageError(io, usage, 'delete needs <id>');
      if (flags.get('yes') !== true)
        return usageError(
          io,
          usage,
          t(
            lang,
            'Löschen entfernt Abläufe, Personen, Tokens und Rufnummern und vernichtet alle Gesprächsnotizen — mit --yes bestätigen',
            'delete removes flows, people, tokens and numbers and shreds every call note — confirm with --yes',
          ),
        );
      return run(
        io,
        lang,
        api.call<{ shreddedNotes: number }>('DELETE', path),
        (b) =>
          `${t(lang, 'gelöscht; vernichtete Gesprächsnotizen', 'deleted; call notes shredded')}: ${b.shreddedNotes}\n`,
      );
    default:
      return usageError(io, usage, `unknown: organisations ${sub}`);
  }
}

async function numbers(io: CliIO, lang: Lang, [sub = 'list', number]: string[], flags: Flags) {
  const api = serverApi(io);
  switch (sub) {
    case 'list':
      return run(io, lang, api.call<{ numbers: AssignedNumber[] }>('GET', '/api/admin/numbers'), (b) =>
        b.numbers
          .map(
            (n) =>
              `${n.number}  ${n.organisationName} (${n.organisationId})  ${n.flowName ? `→ ${n.flowName}${n.version ? ` v${n.version}` : ''}` : t(lang, '(nicht verbunden)', '(not bound)')}\n`,
          )
          .join(''),
      );
    case 'assign': {
      const organisationId = flag(flags, 'organisation');
      if (!number || !organisationId)
        return usageError(io, usage, 'assign needs <number> and --organisation');
      return run(
        io,
        lang,
        api.call<AssignedNumber>('POST', '/api/admin/numbers', { number, organisationId }),
        (n) => `${n.number} → ${n.organisationName}\n`,
      );
    }
    case 'release':
      if (!number) return usageError(io, usage, 'release needs <number>');
      return run(
        io,
        lang,
        api.call('DELETE', `/api/admin/numbers/${encodeURIComponent(number)}`),
        () => `${number} ${t(lang, 'freigegeben', 'released')}\n`,
      );
    default:
      return usageError(io, usage, `unknown: numbers ${sub}`);
  }
}

async function audit(io: CliIO, lang: Lang) {
  const api = serverApi(io);
  type Event = {
    at: number;
    action: string;
    targetId: string | null;
    actorType: string;
    actorId: string | null;
  };
  return run(io, lang, api.call<{ events: Event[] }>('GET', '/api/admin/audit'), (b) =>
    b.events
      .map(
        (e) =>
          `${new Date(e.at).toISOString()}  ${e.action.padEnd(20)}  ${e.targetId ?? ''}  ${e.actorType}:${e.actorId ?? '-'}\n`,
      )
      .join(''),
  );
}

export const command: CliCommand = {
  name: 'admin',
  summary: 'Operator: organisations (create → invitation link, suspend, delete) and their phone numbers.',
  usage,
  async run(args, io) {
    const parsed = parseArgs(
      args,
      ['lang', 'email', 'name', 'owner-email', 'organisation', 'yes'],
      ['lang', 'email', 'name', 'owner-email', 'organisation'],
    );
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const lang = langOf(parsed.flags, io.env);
    const [area, ...rest] = parsed.files;
    if (area === 'login') {
      const email = flag(parsed.flags, 'email');
      if (!email) return usageError(io, usage, 'login needs --email');
      const name = flag(parsed.flags, 'name') ?? 'callflow-admin';
      return tokenFromPassword(io, email, lang, (api, session) =>
        api.call('POST', '/api/admin/tokens', { name }, session),
      );
    }
    if (!needToken(io)) return 2;
    if (area === 'organisations') return organisations(io, lang, rest, parsed.flags);
    if (area === 'numbers') return numbers(io, lang, rest, parsed.flags);
    if (area === 'audit') return audit(io, lang);
    return usageError(
      io,
      usage,
      area ? `unknown: admin ${area}` : 'what? (organisations, numbers, audit, login)',
    );
  },
};
