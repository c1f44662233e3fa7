// `callflow push <files…> [--publish --message <text>]`: uploads flow files as drafts (creating
// the flow on first push, matched by the document's `id`), prints the server's diagnostics, and
// optionally publishes. Exit 1 when a file has errors or the server refuses.
import type { Diagnostic } from '../../flow/diagnostics';
import type { CliCommand, CliIO } from '../command';
import { countText, diagnosticText, langOf, parseArgs, readText, usageError, type Lang } from './flow-file';
import { findFlow, needToken, reportApiError, serverApi, type ServerApi } from './server-api';

const usage =
  'callflow push <files…> [--publish --message <text>] [--lang de|en]   (env: CALLFLOW_URL, CALLFLOW_TOKEN)';

interface DraftAnswer {
  flowId: string;
  etag: string;
  diagnostics: Diagnostic[];
}

async function upload(api: ServerApi, doc: Record<string, unknown>, ref: string) {
  const found = await findFlow(api, ref);
  if (!found.ok) return found;
  if (!found.flow) {
    const created = await api.call<{ flow: { id: string }; draft: DraftAnswer }>('POST', '/api/flows', {
      flow: doc,
    });
    return created.ok
      ? { ok: true as const, flowId: created.body.flow.id, draft: created.body.draft, created: true }
      : created;
  }
  const id = found.flow.id;
  const current = await api.call<DraftAnswer>('GET', `/api/flows/${id}/draft`);
  if (!current.ok) return current;
  const saved = await api.call<DraftAnswer>('PUT', `/api/flows/${id}/draft`, doc, {
    'If-Match': current.body.etag,
  });
  return saved.ok ? { ok: true as const, flowId: id, draft: saved.body, created: false } : saved;
}

async function pushOne(
  api: ServerApi,
  file: string,
  io: CliIO,
  lang: Lang,
  message: string | undefined,
): Promise<boolean> {
  const read = await readText(file, io, lang);
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return false;
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(read.text) as Record<string, unknown>;
  } catch {
    io.stderr(`${file}: ${lang === 'de' ? 'kein gültiges JSON' : 'not valid JSON'}\n`);
    return false;
  }
  const out = await upload(api, doc, String(doc.id ?? ''));
  if (!out.ok) return reportApiError(io, out, lang) === 0;
  const errors = out.draft.diagnostics.filter((d) => d.severity === 'error').length;
  io.stdout(
    `${file} → ${out.flowId} (${out.created ? (lang === 'de' ? 'neu' : 'new') : lang === 'de' ? 'Entwurf gespeichert' : 'draft saved'}): ${countText(errors, out.draft.diagnostics.length - errors, lang)}\n`,
  );
  for (const d of out.draft.diagnostics) io.stdout(diagnosticText(d, lang));
  if (errors > 0) return false;
  if (message === undefined) return true;
  const pub = await api.call<{ version: { number: number }; created: boolean }>(
    'POST',
    `/api/flows/${out.flowId}/versions`,
    { message },
  );
  if (!pub.ok) return reportApiError(io, pub, lang) === 0;
  io.stdout(
    `  ${lang === 'de' ? 'veröffentlicht als Version' : 'published as version'} ${pub.body.version.number}${pub.body.created ? '' : lang === 'de' ? ' (unverändert)' : ' (unchanged)'}\n`,
  );
  return true;
}

export const command: CliCommand = {
  name: 'push',
  summary: 'Upload flow files to the server as drafts (and publish them with --publish).',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['publish', 'message', 'lang'], ['message', 'lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files.length === 0) return usageError(io, usage, 'no files given');
    const message = parsed.flags.get('message');
    if (parsed.flags.has('publish') && typeof message !== 'string')
      return usageError(io, usage, '--publish needs --message');
    if (!needToken(io)) return 2;
    const lang = langOf(parsed.flags, io.env);
    const api = serverApi(io);
    let ok = true;
    for (const file of parsed.files) {
      ok =
        (await pushOne(api, file, io, lang, parsed.flags.has('publish') ? String(message) : undefined)) && ok;
    }
    return ok ? 0 : 1;
  },
};
