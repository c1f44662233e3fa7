// Issue 28, item 7: in a flow under professional secrecy or with special-category data a new
// detail is not readable by the AI until someone decides so; elsewhere nothing changes.
import { describe, expect, it } from 'vitest';
import { FIXTURE_FLOW } from '../../graph/fixture.test-flow';
import { useEditor } from '../../store/editor';
import type { IntakeNode } from '../../../../engine/src/flow/format/schema';
import { loadFlow } from '../../../../engine/src/flow/loader/load';
import { newDetail } from './new-details';

const none = () => false;

const settings = (change: Partial<typeof FIXTURE_FLOW.settings>) => ({ ...FIXTURE_FLOW.settings, ...change });
const PLAIN = settings({ professionalSecrecy: false, dataCategories: [] });

describe('new details', () => {
  it.each([
    ['professional secrecy (§ 203)', settings({ professionalSecrecy: true, dataCategories: [] })],
    ['health data', settings({ professionalSecrecy: false, dataCategories: ['health'] })],
    ['legal data', settings({ dataCategories: ['legal'] })],
  ])('with %s: a detail added to a step starts unreadable by the AI', (_why, s) => {
    expect(newDetail('Angabe 1', s, none)).toMatchObject({ key: 'angabe_1', llm: false });
  });

  it('elsewhere a new detail keeps the schema default (no llm property written)', () => {
    expect(newDetail('Angabe 1', PLAIN, none)).not.toHaveProperty('llm');
  });

  it('takes its key from its label, the next free one when taken', () => {
    expect(newDetail('Rückfrage', PLAIN, none).key).toBe('rueckfrage');
    expect(newDetail('Rückfrage', PLAIN, (k) => k === 'rueckfrage').key).toBe('rueckfrage_2');
    expect(newDetail('…', PLAIN, none).key).toBe('angabe');
  });

  it('starts with a question the checker reports until it is written', () => {
    const flow = structuredClone(FIXTURE_FLOW);
    const [id, step] = Object.entries(flow.nodes).find(([, n]) => n.kind === 'intake')!;
    if (step.kind === 'intake') step.fields.push(newDetail('Rückfrage', PLAIN, none));
    const found = loadFlow(flow).diagnostics.filter((d) => d.code === 'text.placeholder');
    expect(found.map((d) => d.path)).toEqual([
      `/nodes/${id}/fields/${(step as IntakeNode).fields.length - 1}/prompt`,
    ]);
  });

  it('a questions step added to a confidential flow asks nothing the AI may read', () => {
    const flow = structuredClone(FIXTURE_FLOW);
    flow.settings = settings({ professionalSecrecy: true });
    useEditor.getState().open(flow);
    const id = useEditor.getState().addStep('intake', 'de');
    const node = useEditor.getState().flow().nodes[id];
    expect(node.kind === 'intake' && node.fields.map((f) => f.llm)).toEqual([false]);

    useEditor.getState().open({ ...structuredClone(FIXTURE_FLOW), settings: PLAIN });
    const added = useEditor.getState().addStep('intake', 'de');
    const plain = useEditor.getState().flow().nodes[added];
    expect(plain.kind === 'intake' && plain.fields[0]).not.toHaveProperty('llm');
  });
});
