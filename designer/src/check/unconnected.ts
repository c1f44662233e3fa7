// Outcomes not connected on the canvas are stored as "" and the loader reports them as a
// malformed id. On the canvas that is simply "this exit leads nowhere", so those diagnostics
// are replaced by one that names the exit by its label.
import type { Diagnostic } from '../../../engine/src/flow/diagnostics';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { definitionOf } from '../nodes/registry';

/** JSON Pointer of each outcome as the flow stores it, by handle id. */
function outcomePath(nodeId: string, node: Flow['nodes'][string], handle: string): string {
  const base = `/nodes/${nodeId}`;
  if (handle === 'next') return `${base}/next`;
  if (handle === 'default') return `${base}/default`;
  if (handle.startsWith('option:') && node.kind === 'branch') {
    const i = node.options.findIndex((o) => `option:${o.id}` === handle);
    return `${base}/options/${i}/next`;
  }
  return `${base}/next/${handle}`;
}

export function explainUnconnected(flow: Flow, diagnostics: Diagnostic[]): Diagnostic[] {
  const open = new Map<string, Diagnostic>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    const def = definitionOf(node);
    for (const h of def.outputs(node)) {
      if (def.getTarget(node, h.id)) continue;
      const path = outcomePath(id, node, h.id);
      const title = node.title ?? id;
      open.set(path, {
        code: 'designer.outcome-not-connected',
        severity: 'error',
        nodeId: id,
        path,
        message: {
          de: `Der Ausgang „${h.label.de}“ von „${title}“ ist nicht verbunden. Ziehen Sie eine Linie von diesem Ausgang zum nächsten Schritt.`,
          en: `The exit “${h.label.en}” of “${title}” is not connected. Draw a line from this exit to the next step.`,
        },
      });
    }
  }
  if (open.size === 0) return diagnostics;
  const rest = diagnostics.filter((d) => !open.has(d.path));
  return [...open.values(), ...rest];
}
