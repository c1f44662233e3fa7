// Naming in the inspector: a new title or label goes through the engine's naming edits, so an id
// that is not yet published follows the name together with every reference — one undo step per
// typing run, the card and the open form staying as they are.
import { relabelField, relabelOption, retitleStep } from '../../../engine/src/flow/ids/names';
import { currentFixedIds } from '../panels/versions/live';
import { useEditor } from '../store/editor';

export function renameStep(id: string, title: string): void {
  const editor = useEditor.getState();
  const { flow, id: next } = retitleStep(editor.flow(), id, title, currentFixedIds());
  editor.applyRenamed(flow, { [id]: next }, { stepId: id, key: 'title' });
}

export function renameDetail(stepId: string, index: number, label: string): void {
  const editor = useEditor.getState();
  const flow = relabelField(editor.flow(), stepId, index, label, currentFixedIds());
  editor.applyRenamed(flow, {}, { stepId, key: `field${index}.label` });
}

/** Keys a new detail may not take: those the flow asks and those ever published. */
export function detailKeyTaken(): (key: string) => boolean {
  const fixed = currentFixedIds().fields;
  const asked = new Set(
    Object.values(useEditor.getState().flow().nodes).flatMap((n) =>
      n.kind === 'intake' ? n.fields.map((f) => f.key) : [],
    ),
  );
  return (key) => asked.has(key) || fixed.has(key);
}

export function renameOption(stepId: string, index: number, label: string): void {
  const editor = useEditor.getState();
  const flow = relabelOption(editor.flow(), stepId, index, label, currentFixedIds());
  editor.applyRenamed(flow, {}, { stepId, key: `option${index}.label` });
}
