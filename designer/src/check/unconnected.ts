// Outcomes not connected on the canvas are stored as "" and the loader reports them as a
// malformed id. On the canvas that is simply "this exit leads nowhere", so those diagnostics
// are replaced by one that names the exit by its label.
import { pointer, type Diagnostic } from '../../../engine/src/flow/diagnostics';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { definitionOf } from '../nodes/registry';

export function explainUnconnected(flow: Flow, diagnostics: Diagnostic[]): Diagnostic[] {
  const open = new Map<string, Diagnostic>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    for (const exit of definitionOf(node).exits(node)) {
      if (exit.target) continue;
      const path = pointer('nodes', id, ...exit.path);
      const title = node.title ?? id;
      open.set(path, {
        code: 'designer.outcome-not-connected',
        severity: 'error',
        nodeId: id,
        path,
        message: {
          de: `Der Ausgang „${exit.label.de}“ von „${title}“ ist nicht verbunden. Ziehen Sie eine Linie von diesem Ausgang zum nächsten Schritt.`,
          en: `The exit “${exit.label.en}” of “${title}” is not connected. Draw a line from this exit to the next step.`,
        },
      });
    }
  }
  if (open.size === 0) return diagnostics;
  const rest = diagnostics.filter((d) => !open.has(d.path));
  return [...open.values(), ...rest];
}
