// `callflow login`: with CALLFLOW_TOKEN set, checks it and shows who it belongs to. With
// `--email`, logs in with the password (CALLFLOW_PASSWORD or the first line on stdin) and creates
// an API token for the CLI, printed once as an `export` line for the shell or CI secret store.
import type { CliCommand, CliIO } from '../command';
import { langOf, parseArgs, usageError } from './flow-file';
import { reportApiError, serverApi } from './server-api';

const usage =
  'callflow login [--email <e-mail>] [--name <token name>]   (env: CALLFLOW_URL, CALLFLOW_TOKEN, CALLFLOW_PASSWORD)';
const CLI_SCOPES = ['flows:read', 'flows:write', 'flows:publish', 'numbers:read', 'numbers:write'];

interface Me {
  user: { email: string };
  tenant: { name: string };
  role: string;
  permissions: string[];
}

async function readPassword(io: CliIO): Promise<string | undefined> {
  if (io.env.CALLFLOW_PASSWORD) return io.env.CALLFLOW_PASSWORD;
  if (!io.stdin) return undefined;
  let text = '';
  for await (const chunk of io.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] || undefined;
}

async function withPassword(io: CliIO, email: string, name: string, lang: 'de' | 'en'): Promise<number> {
  const password = await readPassword(io);
  if (!password) return usageError(io, usage, 'no password (set CALLFLOW_PASSWORD or pipe it on stdin)');
  const anon = serverApi(io, '');
  const login = await fetch(`${anon.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  }).catch(() => undefined);
  if (!login)
    return reportApiError(
      io,
      { code: 'unreachable', message: `server not reachable at ${anon.baseUrl}`, details: null },
      lang,
    );
  const body = (await login.json()) as {
    csrfToken?: string;
    role?: string;
    error?: { code: string; message: string };
  };
  if (!login.ok || !body.csrfToken)
    return reportApiError(
      io,
      {
        code: body.error?.code ?? 'login_failed',
        message: body.error?.message ?? 'login failed',
        details: null,
      },
      lang,
    );
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const created = await anon.call<{ secret: string; token: { id: string; scopes: string[] } }>(
    'POST',
    '/api/tokens',
    { name, scopes: CLI_SCOPES },
    { Cookie: cookie, 'X-CSRF-Token': body.csrfToken },
  );
  await anon.call('POST', '/api/auth/logout', undefined, { Cookie: cookie, 'X-CSRF-Token': body.csrfToken });
  if (!created.ok) return reportApiError(io, created, lang);
  io.stderr(
    lang === 'de'
      ? 'API-Token erstellt. Es wird nur jetzt angezeigt — sicher aufbewahren:\n'
      : 'API token created. It is shown only now — keep it safe:\n',
  );
  io.stdout(`export CALLFLOW_URL=${anon.baseUrl}\nexport CALLFLOW_TOKEN=${created.body.secret}\n`);
  return 0;
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
    if (typeof email === 'string')
      return withPassword(io, email, String(parsed.flags.get('name') ?? 'callflow-cli'), lang);
    if (!io.env.CALLFLOW_TOKEN) return usageError(io, usage, 'set CALLFLOW_TOKEN or pass --email');
    const api = serverApi(io);
    const me = await api.call<Me>('GET', '/api/me');
    if (!me.ok) return reportApiError(io, me, lang);
    io.stdout(
      `${api.baseUrl}: ${me.body.user.email} · ${me.body.tenant.name} · ${me.body.role} · ${me.body.permissions.join(' ')}\n`,
    );
    return 0;
  },
};
