// Outcome helpers for the kinds that continue with one plain `next` id.
import type { OutputHandle } from './types';

export const NEXT_HANDLE: OutputHandle = { id: 'next', label: { de: 'weiter', en: 'next' } };

export function singleNext<N extends { next: string }>() {
  return {
    outputs: (): OutputHandle[] => [NEXT_HANDLE],
    getTarget: (node: N, handle: string) => (handle === 'next' ? node.next : undefined),
    withTarget: (node: N, handle: string, target: string): N =>
      handle === 'next' ? { ...node, next: target } : node,
  };
}

/** Cuts long prompts for the canvas card; the inspector shows the full text. */
export const short = (text: string | undefined, max = 90): string =>
  !text ? '' : text.length > max ? `${text.slice(0, max - 1)}…` : text;
