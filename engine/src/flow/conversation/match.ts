// Matching what was heard against what a test expects: "/…/flags" is a regular expression,
// anything else a case-insensitive substring.
export function matches(pattern: string, text: string): boolean {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (re) {
    try {
      return new RegExp(re[1], re[2]).test(text);
    } catch {
      return false;
    }
  }
  return text.toLowerCase().includes(pattern.toLowerCase());
}

/** The first pattern of `patterns` that cannot be found in order in `heard`, or null. */
export function firstMissingInOrder(patterns: readonly string[], heard: readonly string[]): string | null {
  let from = 0;
  for (const p of patterns) {
    let j = from;
    while (j < heard.length && !matches(p, heard[j])) j++;
    if (j === heard.length) return p;
    from = j;
  }
  return null;
}
