import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFlow, loadFlow } from './load';

// checkFlow is what the designer runs on every edit: it must report exactly what loadFlow
// reports (publishing uses loadFlow), or the editor would show a flow as clean that the server
// then refuses.
const root = join(__dirname, '../../../..');
const files = [
  ...readdirSync(join(root, 'flows'))
    .filter((f) => f.endsWith('.flow.json'))
    .map((f) => join(root, 'flows', f)),
  ...readdirSync(join(root, 'test/corpus/broken')).map((f) => join(root, 'test/corpus/broken', f)),
];

describe('checkFlow', () => {
  it.each(files.map((f) => [f.slice(root.length + 1), f]))(
    'reports the same diagnostics as loadFlow for %s',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(checkFlow(text)).toEqual(loadFlow(text).diagnostics);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return; // the invalid-JSON corpus file: compared as text above
      }
      expect(checkFlow(parsed, { handoffTargets: ['empfang'] })).toEqual(
        loadFlow(parsed, { handoffTargets: ['empfang'] }).diagnostics,
      );
    },
  );

  it('never throws, also on input that is not a flow', () => {
    for (const input of [undefined, null, 42, '{', '[]', { nodes: 1 }])
      expect(Array.isArray(checkFlow(input))).toBe(true);
  });
});
