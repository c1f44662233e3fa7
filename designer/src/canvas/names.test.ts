// What a screen reader hears for cards and connections: titles and exit words, never ids; and a
// card keeps its object while unchanged (xyflow re-measures a card whose object changes).
import { describe, expect, it } from 'vitest';
import '../i18n';
import { flowToGraph } from '../graph/convert';
import { FIXTURE_FLOW } from '../graph/fixture.test-flow';
import { namedCards, namedEdges, stepName } from './names';

const graph = flowToGraph(FIXTURE_FLOW);

describe('names on the canvas', () => {
  it('names every connection by the titles of its ends and the exit, in German and English', () => {
    for (const lang of ['de', 'en'] as const) {
      const named = namedEdges(graph.edges, graph.nodes, lang);
      expect(named).toHaveLength(graph.edges.length);
      for (const e of named) {
        const from = stepName(
          graph.nodes.find((n) => n.id === e.source),
          lang,
        );
        const to = stepName(
          graph.nodes.find((n) => n.id === e.target),
          lang,
        );
        expect(e.ariaLabel).toMatch(
          lang === 'de' ? /^Verbindung von .+ \(.+\) nach .+$/ : /^Connection from .+ \(.+\) to .+$/,
        );
        expect(e.ariaLabel).toContain(from);
        expect(e.ariaLabel.endsWith(` ${to}`)).toBe(true);
        expect(e.domAttributes['aria-roledescription']).toBe(lang === 'de' ? 'Verbindung' : 'Connection');
      }
    }
  });

  it('says what kind a step is when it has no title, never its id', () => {
    const untitled = {
      ...graph.nodes[0],
      data: { ...graph.nodes[0].data, node: { ...graph.nodes[0].data.node, title: undefined } },
    };
    expect(stepName(untitled, 'de')).not.toBe(untitled.id);
    expect(stepName(untitled, 'de').length).toBeGreaterThan(0);
  });

  it('points each card at its hidden name and keeps unchanged cards as they were', () => {
    const first = namedCards(graph.nodes, 'de');
    expect(first[0].domAttributes).toEqual({
      'aria-labelledby': `step-name-${graph.nodes[0].id}`,
      'aria-roledescription': 'Schritt',
    });
    const moved = { ...graph.nodes[1], position: { x: 1, y: 2 } };
    const second = namedCards([graph.nodes[0], moved, ...graph.nodes.slice(2)], 'de');
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(namedCards(graph.nodes, 'en')[0].domAttributes?.['aria-roledescription']).toBe('Step');
  });
});
