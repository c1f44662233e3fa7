// Which backticked words in the repository's Markdown are paths, and which of those point at
// nothing. The rule, so a reader can predict it:
//
// A span in single backticks, outside fenced code blocks, is a path when
//   - it has no spaces, no `<placeholder>`, no glob (`*`, `?`, `[`), no `://`, no `=`, is not a
//     bare extension (`.d.ts`, `.test.json`), and does not start with `@` (an npm package), `/` (a URL path or
//     a system file) or `-`;
//   - and it ends in a known file extension, or ends in `/`, or its first segment is a
//     top-level entry of the repository (`engine/src/flow`, `.ci/run`).
// `{a,b}` lists are expanded (`engine/src/{store,records}/` names two folders); a trailing
// `:line` is dropped. A path resolves against the Markdown file's folder first, then the
// repository root; paths that .gitignore covers (`data/`, `designer/dist`) are output, not
// repository content, and are not checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

export const KNOWN_EXTENSIONS = [
  'ts',
  'tsx',
  'js',
  'mjs',
  'cjs',
  'json',
  'md',
  'sql',
  'svg',
  'html',
  'css',
  'yml',
  'yaml',
  'sh',
  'proto',
];

const FENCE = /^(`{3,}|~{3,})/;
const NOT_A_PATH = /[\s<>*?[\]=|$]|:\/\//;
const BARE_EXTENSION = /^(\.[a-z]{1,5})+$/i;
const EXTENSION = new RegExp(`\\.(${KNOWN_EXTENSIONS.join('|')})$`);

/** Inline code spans outside fenced blocks, with their 1-based line numbers. */
export function codeSpans(markdown: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((line, i) => {
    const opened = FENCE.exec(line.trimStart());
    if (opened) {
      if (fence === undefined) fence = opened[1][0];
      else if (opened[1][0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    for (const m of line.matchAll(/(?<!`)`([^`]+)`(?!`)/g)) out.push({ text: m[1], line: i + 1 });
  });
  return out;
}

/** `a/{b,c}/d` → `a/b/d`, `a/c/d` (one level of braces, as the READMEs use it). */
function expandBraces(text: string): string[] {
  const m = /\{([^{}]*)\}/.exec(text);
  if (!m) return [text];
  const [before, after] = [text.slice(0, m.index), text.slice(m.index + m[0].length)];
  return m[1].split(',').flatMap((part) => expandBraces(`${before}${part}${after}`));
}

/** The repository paths a code span names (empty when it is not a path by the rule above). */
export function pathsIn(span: string, topLevel: ReadonlySet<string>): string[] {
  const text = span.trim().replace(/:\d+(-\d+)?$/, '');
  if (text === '' || NOT_A_PATH.test(text) || /^[@/-]/.test(text) || BARE_EXTENSION.test(text)) return [];
  return expandBraces(text).filter((p) => {
    if (p.includes('{') || p.includes('}')) return false;
    const first = p.replace(/^\.\//, '').split('/')[0];
    return EXTENSION.test(p) || p.endsWith('/') || (p.includes('/') && topLevel.has(first));
  });
}

/** A matcher for the paths .gitignore covers (its simple forms: `dir/`, `a/b/`, `*.ext`). */
export function ignoredBy(gitignore: string): (repoPath: string) => boolean {
  const rules = gitignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return (repoPath) => {
    const p = repoPath.replace(/\/$/, '');
    const segments = p.split('/');
    return rules.some((rule) => {
      if (rule.startsWith('*.')) return p.endsWith(rule.slice(1));
      const r = rule.replace(/^\//, '').replace(/\/$/, '');
      if (r.includes('/')) return p === r || p.startsWith(`${r}/`);
      return segments.includes(r);
    });
  };
}

export interface StalePath {
  file: string;
  line: number;
  path: string;
}

/** Every README.md (and BENCHMARKS.md) of the repository, skipping what .gitignore covers. */
export function markdownFiles(root: string, ignored: (p: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.name === '.git' || ignored(rel)) continue;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name === 'README.md' || rel === 'BENCHMARKS.md') out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** The backticked paths in `file` (repository-relative) that exist neither beside it nor at the root. */
export function stalePaths(root: string, file: string, ignored: (p: string) => boolean): StalePath[] {
  const topLevel = new Set(readdirSync(root));
  const here = dirname(file);
  const out: StalePath[] = [];
  for (const span of codeSpans(readFileSync(join(root, file), 'utf8'))) {
    for (const path of pathsIn(span.text, topLevel)) {
      const candidates = [posix.normalize(posix.join(here, path)), posix.normalize(path)];
      const inRepo = candidates.filter((c) => !relative(root, join(root, c)).startsWith('..'));
      if (inRepo.some((c) => ignored(c))) continue;
      if (!inRepo.some((c) => existsSync(join(root, c)))) out.push({ file, line: span.line, path });
    }
  }
  return out;
}
