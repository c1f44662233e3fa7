// `callflow login`: with CALLFLOW_TOKEN set, checks it and shows who it belongs to. With
// `--email`, logs in with the password (CALLFLOW_PASSWORD or the first line on stdin) and creates
// an API token for the CLI, printed once as an `export` line for the shell or CI secret store.
import type { CliCommand } from '../command';
import { langOf, parseArgs, usageError } from './flow-file';
import { tokenFromPassword } from './password-session';
import { reportApiError, serverApi } from './server-api';

const usage =
  'callflow login [--email <e-mail>] [--name <token name>]   (env: CALLFLOW_URL, CALLFLOW_TOKEN, CALLFLOW_PASSWORD)';
const CLI_SCOPES = ['flows:read', 'flows:write', 'flows:publish', 'numbers:read', 'numbers:write'];

interface Me {
  user: { email: string };
  tenant: { name: string } | null;
  role: string | null;
  operator: boolean;
  permissions: string[];
}

export const command: CliCommand = {
  name: 'login',
  summary: 'Check CALLFLOW_TOKEN against the server, or create a CLI token with e-mail + password.',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['email', 'name', 'lang'], ['email', 'name', 'lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const lang = langOf(parsed.flags, io.env);
    const email = parsed.flags.get('email');
    if (typeof email === 'string') {
      const name = String(parsed.flags.get('name') ?? 'callflow-cli');
      return tokenFromPassword(io, email, lang, (api, session) =>
        api.call('POST', '/api/tokens', { name, scopes: CLI_SCOPES }, session),
      );
    }
    if (!io.env.CALLFLOW_TOKEN) return usageError(io, usage, 'set CALLFLOW_TOKEN or pass --email');
    const api = serverApi(io);
    const me = await api.call<Me>('GET', '/api/me');
    if (!me.ok) return reportApiError(io, me, lang);
    const where = me.body.tenant
      ? `${me.body.tenant.name} · ${me.body.role} · ${me.body.permissions.join(' ')}`
      : lang === 'de'
        ? 'Betreiber (Verwaltung)'
        : 'operator (administration)';
    io.stdout(`${api.baseUrl}: ${me.body.user.email} · ${where}\n`);
    return 0;
  },
};
