// Readable, unique ids for new steps ("abfrage-2"), as the format asks for human-readable keys.
export function uniqueId(prefix: string, taken: (id: string) => boolean): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '-')
      .replace(/^[^a-z]+/, '') || 'schritt';
  const base = clean.slice(0, 56);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}
