// What people call each step in lists (where a step continues, where a trigger leads): its title,
// else the word for its kind — numbered when two would read alike, never its id.
import { definitionOf } from './registry';
import { pick, type FlowNode, type Lang } from './types';

export function stepNames(steps: readonly { id: string; node: FlowNode }[], lang: Lang): Map<string, string> {
  const plain = steps.map(({ id, node }) => [id, node.title?.trim() || pick(definitionOf(node).label, lang)]);
  const seen = new Map<string, number>();
  return new Map(
    plain.map(([id, name]) => {
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      return [id, n === 1 ? name : `${name} (${n})`];
    }),
  );
}
