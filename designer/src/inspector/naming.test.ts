// Naming in the inspector: the id follows the title as one undoable edit while nothing is
// published, and never moves once published or while it is unknown what was published.
import { beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_FLOW } from '../graph/fixture.test-flow';
import { useLive } from '../panels/versions/live';
import { useEditor } from '../store/editor';
import { renameDetail, renameOption, renameStep } from './naming';

const ed = () => useEditor.getState();
const ids = () => Object.keys(ed().flow().nodes);
const typeTitle = (id: string, text: string): string => {
  let current = id;
  for (let i = 1; i <= text.length; i++) {
    renameStep(current, text.slice(0, i));
    current = ed().nodes.find((n) => n.selected)!.id;
  }
  return current;
};

describe('renaming in the inspector, never published (no server)', () => {
  beforeEach(() => {
    ed().open(structuredClone(FIXTURE_FLOW));
    ed().select('weiterleitung');
  });

  it('a step typed letter by letter: the id follows, the card stays selected, one undo step', () => {
    const before = ed().nodes.find((n) => n.id === 'weiterleitung')!;
    const id = typeTitle('weiterleitung', 'Zur Rezeption');
    expect(id).toBe('zur-rezeption');
    const card = ed().nodes.find((n) => n.id === id)!;
    expect(card).toMatchObject({ selected: true, position: before.position });
    expect(card.data.editKey).toBe(before.data.editKey);
    const flow = ed().flow();
    expect(flow.humanEscape.target).toBe(id);
    expect(flow.triggers[0].goto).toBe(id);
    expect(flow.nodes.begruessung.kind === 'consent' && flow.nodes.begruessung.next.no).toBe(id);
    expect(ed().edges.filter((e) => e.target === id)).toHaveLength(2);

    ed().undo();
    expect(ids()).toContain('weiterleitung');
    expect(ids()).not.toContain(id);
    expect(ed().flow()).toEqual(FIXTURE_FLOW);
  });

  it('a detail and a branch path: the reference follows, the line stays connected', () => {
    renameDetail('anliegen', 1, 'Symptome und Dauer');
    const flow = ed().flow();
    expect(flow.nodes.weiche).toMatchObject({ field: 'symptome_und_dauer' });
    renameOption('weiche', 0, 'Sehr dringend');
    expect(ed().edges.find((e) => e.source === 'weiche' && e.target === 'rueckruf')?.sourceHandle).toBe(
      'sehr-dringend',
    );
    const branch = ed().flow().nodes.weiche;
    expect(branch.kind === 'branch' && branch.options[0]).toMatchObject({
      id: 'sehr-dringend',
      next: 'rueckruf',
    });
  });
});

describe('renaming in the inspector of a flow on the server', () => {
  beforeEach(() => {
    ed().open(structuredClone(FIXTURE_FLOW), 'test-praxis');
    ed().select('weiterleitung');
  });

  it('while the versions are loading, every id stays', () => {
    useLive.setState({ flowId: 'test-praxis', versions: [], live: null, loaded: false, published: null });
    expect(typeTitle('weiterleitung', 'Empfang')).toBe('weiterleitung');
    expect(ed().flow().nodes.weiterleitung.title).toBe('Empfang');
  });

  it('never published: the id follows; published: it stays', () => {
    useLive.setState({ flowId: 'test-praxis', versions: [], live: null, loaded: true, published: [] });
    expect(typeTitle('weiterleitung', 'Empfang')).toBe('empfang');
    ed().undo();
    useLive.setState({ live: { number: 1, flow: FIXTURE_FLOW }, published: [FIXTURE_FLOW] });
    expect(typeTitle('weiterleitung', 'Empfang')).toBe('weiterleitung');
    renameDetail('anliegen', 0, 'Vor- und Zuname');
    const step = ed().flow().nodes.anliegen;
    expect(step.kind === 'intake' && step.fields[0]).toMatchObject({ key: 'name', label: 'Vor- und Zuname' });
  });
});
