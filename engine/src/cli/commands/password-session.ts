// Logging in with e-mail and password (CALLFLOW_PASSWORD or the first line on stdin; with
// two-factor login also CALLFLOW_CODE, the authenticator's current code) to create a
// token for the CLI, then logging out: `callflow login --email` (an organisation token) and
// `callflow admin login --email` (an operator token) differ only in which token they ask for.
import type { CliIO } from '../command';
import { reportApiError, serverApi, type ApiAnswer, type ServerApi } from './server-api';

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

/**
 * Logs in, lets `createToken` ask for a token with the session's headers, logs out, and prints
 * the secret once as `export` lines. Returns the exit code.
 */
export async function tokenFromPassword(
  io: CliIO,
  email: string,
  lang: 'de' | 'en',
  createToken: (api: ServerApi, session: Record<string, string>) => Promise<ApiAnswer<{ secret: string }>>,
): Promise<number> {
  const password = await readPassword(io);
  if (!password) {
    io.stderr('callflow: no password (set CALLFLOW_PASSWORD or pipe it on stdin)\n');
    return 2;
  }
  const anon = serverApi(io, '');
  // An account with two-factor login: the authenticator's current code (or a recovery code).
  const code = io.env.CALLFLOW_CODE;
  const login = await anon.call<{ csrfToken: string }>('POST', '/api/auth/login', {
    email,
    password,
    ...(code ? { code } : {}),
  });
  if (!login.ok) return reportApiError(io, login, lang);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const session = { Cookie: cookie, 'X-CSRF-Token': login.body.csrfToken };
  const created = await createToken(anon, session);
  await anon.call('POST', '/api/auth/logout', undefined, session);
  if (!created.ok) return reportApiError(io, created, lang);
  io.stderr(
    lang === 'de'
      ? 'API-Token erstellt. Es wird nur jetzt angezeigt — sicher aufbewahren:\n'
      : 'API token created. It is shown only now — keep it safe:\n',
  );
  io.stdout(`export CALLFLOW_URL=${anon.baseUrl}\nexport CALLFLOW_TOKEN=${created.body.secret}\n`);
  return 0;
}
