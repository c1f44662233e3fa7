import { beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_FLOW } from '../graph/fixture.test-flow';
import { useEditor } from './editor';

const ed = () => useEditor.getState();

describe('editor store', () => {
  beforeEach(() => ed().open(structuredClone(FIXTURE_FLOW)));

  it('opens a flow and gives it back unchanged', () => {
    expect(ed().flow()).toEqual(FIXTURE_FLOW);
  });

  it('adds a step with a readable unique id, selects it, and undo/redo take it away and back', () => {
    const id = ed().addStep('intake', 'de');
    expect(id).toBe('abfrage');
    expect(ed().addStep('intake', 'de')).toBe('abfrage-2');
    expect(
      ed()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    ).toEqual(['abfrage-2']);
    ed().undo();
    expect(Object.keys(ed().flow().nodes)).toContain('abfrage');
    expect(Object.keys(ed().flow().nodes)).not.toContain('abfrage-2');
    ed().redo();
    expect(Object.keys(ed().flow().nodes)).toContain('abfrage-2');
  });

  it('connecting an exit replaces its old line; disconnecting leaves it open ("")', () => {
    ed().connect({ source: 'weiche', sourceHandle: 'default', target: 'rueckruf', targetHandle: null });
    const flow = ed().flow();
    expect(flow.nodes.weiche.kind === 'branch' && flow.nodes.weiche.default).toBe('rueckruf');
    expect(ed().edges.filter((e) => e.source === 'weiche' && e.sourceHandle === 'default')).toHaveLength(1);
    ed().disconnect(['weiche>default']);
    const after = ed().flow();
    expect(after.nodes.weiche.kind === 'branch' && after.nodes.weiche.default).toBe('');
  });

  it('deleting a step removes its lines in both directions, as one undo step', () => {
    ed().remove(['rueckruf'], []);
    expect(ed().edges.some((e) => e.source === 'rueckruf' || e.target === 'rueckruf')).toBe(false);
    const w = ed().flow().nodes.weiche;
    expect(w.kind === 'branch' && w.options[0].next).toBe('');
    ed().undo();
    expect(ed().flow()).toEqual(FIXTURE_FLOW);
  });

  it('copy/paste duplicates the selection with new ids and keeps lines between copied steps only', () => {
    useEditor.setState({
      nodes: ed().nodes.map((n) => ({ ...n, selected: n.id === 'rueckruf' || n.id === 'ende' })),
    });
    ed().copy();
    ed().paste();
    const flow = ed().flow();
    expect(flow.nodes['rueckruf-2']).toMatchObject({ kind: 'callback', next: 'ende-2' });
    expect(flow.nodes['ende-2']).toMatchObject({ kind: 'end' });
    expect(flow.layout?.nodes['rueckruf-2']).toEqual({ x: 40, y: 640 });
  });

  it('typing into one field is one undo step, not one per key', () => {
    const node = ed().flow().nodes.ende;
    if (node.kind !== 'end') throw new Error('fixture');
    for (const text of ['A', 'Au', 'Auf']) ed().updateNode('ende', { ...node, text }, 'text');
    ed().undo();
    expect(ed().flow().nodes.ende).toEqual(FIXTURE_FLOW.nodes.ende);
  });

  it('removing a branch option drops the line that belonged to it', () => {
    const w = ed().flow().nodes.weiche;
    if (w.kind !== 'branch') throw new Error('fixture');
    ed().updateNode('weiche', { ...w, options: [{ id: 'neu', label: 'Neu', keywords: ['x'], next: '' }] });
    expect(ed().edges.some((e) => e.id === 'weiche>dringend')).toBe(false);
    expect(ed().edges.some((e) => e.id === 'weiche>default')).toBe(true);
  });
});
