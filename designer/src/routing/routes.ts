// Where the user is, as a URL fragment and back (pure). The fragment (`#/…`) never reaches a
// server, so note and flow ids stay out of access logs; the path words are German like the UI.
// Reload and Back work because every screen worth returning to has a fragment of its own.

/** The editor's side panels ("inspector" is the default and has no URL word). */
export const EDITOR_PANELS = [
  'inspector',
  'settings',
  'triggers',
  'facts',
  'chat',
  'versions',
  'analytics',
] as const;
export type EditorPanel = (typeof EDITOR_PANELS)[number];

/** One side of a comparison: a version number, or the draft being edited. */
export type VersionRef = number | 'draft';

export type Screen =
  | { name: 'login' }
  | { name: 'flows' }
  | { name: 'numbers' }
  | {
      name: 'editor';
      /** Server id of the open flow; null for the flow worked on offline (only in this tab). */
      flowId: string | null;
      /** The selected step, so a link can point at one step. */
      step?: string;
      panel?: EditorPanel;
      compare?: { from: VersionRef; to: VersionRef };
    }
  /** `note`: the transaction id of the call note shown in detail. */
  | { name: 'inbox'; note?: string }
  | { name: 'receipts' }
  | { name: 'organisations' }
  | { name: 'admin-numbers' }
  | { name: 'targets' }
  | { name: 'team' }
  | { name: 'account' }
  /** The forgotten-password page: ask for a link, or (with the link's token) set a new password. */
  | { name: 'password-reset'; token?: string }
  /** The invitation link's page: set name and password (token from the URL fragment). */
  | { name: 'invitation'; token: string };

type PlainName = Exclude<Screen['name'], 'editor' | 'inbox' | 'login' | 'invitation' | 'password-reset'>;

/** Screens without parameters: one path word each (a new screen = one line here). */
const PLAIN: Record<PlainName, string> = {
  flows: 'ablaeufe',
  numbers: 'rufnummern',
  receipts: 'loeschnachweise',
  organisations: 'organisationen',
  'admin-numbers': 'rufnummern-vergeben',
  targets: 'weiterleitungsziele',
  team: 'team',
  account: 'mein-konto',
};

const PANEL_WORDS: Record<Exclude<EditorPanel, 'inspector'>, string> = {
  settings: 'einstellungen',
  triggers: 'stichwoerter',
  facts: 'wissen',
  chat: 'probeanruf',
  versions: 'versionen',
  analytics: 'auswertung',
};

const DRAFT_WORD = 'entwurf';
const OFFLINE_WORD = 'ohne-server';

/** Six or more digits, separators allowed: could be a phone number, which never goes into a URL. */
const PHONE_LIKE = /(?:\d[\s\-/().]*){6,}/;

const seg = (s: string) => encodeURIComponent(s);
const refWord = (r: VersionRef) => (r === 'draft' ? DRAFT_WORD : String(r));

function editorPath(s: Extract<Screen, { name: 'editor' }>): string | null {
  if (s.flowId === null) return `#/${OFFLINE_WORD}`;
  let path = `#/${PLAIN.flows}/${seg(s.flowId)}`;
  if (s.panel && s.panel !== 'inspector') path += `/${PANEL_WORDS[s.panel]}`;
  if (s.panel === 'versions' && s.compare)
    path += `/vergleich/${refWord(s.compare.from)}/${refWord(s.compare.to)}`;
  // A step id is derived from its title, and a title could be a number someone typed.
  if (s.step && !PHONE_LIKE.test(s.step)) path += `?schritt=${seg(s.step)}`;
  return path;
}

/** The fragment for a screen, or null where the URL should stay as it is (login, invitation). */
export function screenToPath(s: Screen): string | null {
  switch (s.name) {
    case 'login':
    case 'invitation':
    case 'password-reset':
      return null;
    case 'editor':
      return editorPath(s);
    case 'inbox':
      return s.note ? `#/posteingang/${seg(s.note)}` : '#/posteingang';
    default:
      return `#/${PLAIN[s.name]}`;
  }
}

function parseRef(word: string | undefined): VersionRef | null {
  if (word === DRAFT_WORD) return 'draft';
  return word && /^[1-9]\d{0,8}$/.test(word) ? Number(word) : null;
}

function parseEditor(flowId: string, rest: string[], query: URLSearchParams): Screen {
  const screen: Extract<Screen, { name: 'editor' }> = { name: 'editor', flowId };
  const step = query.get('schritt');
  if (step) screen.step = step;
  const panel = (Object.keys(PANEL_WORDS) as (keyof typeof PANEL_WORDS)[]).find(
    (p) => PANEL_WORDS[p] === rest[0],
  );
  if (panel) screen.panel = panel;
  if (panel === 'versions' && rest[1] === 'vergleich') {
    const from = parseRef(rest[2]);
    const to = parseRef(rest[3]);
    if (from !== null && to !== null) screen.compare = { from, to };
  }
  return screen;
}

/** The screen a fragment names, or null for anything else (an invitation, an empty or unknown one). */
export function pathToScreen(hash: string): Screen | null {
  const m = /^#\/([^?]*)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  let parts: string[];
  try {
    parts = m[1].split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null; // a malformed escape someone typed
  }
  const query = new URLSearchParams(m[2] ?? '');
  const [head, id, ...rest] = parts;
  if (head === PLAIN.flows && id) return parseEditor(id, rest, query);
  if (head === OFFLINE_WORD && !id) return { name: 'editor', flowId: null };
  if (head === 'posteingang') return id ? { name: 'inbox', note: id } : { name: 'inbox' };
  const plain = (Object.keys(PLAIN) as PlainName[]).find((n) => PLAIN[n] === head);
  return plain && !id ? { name: plain } : null;
}
