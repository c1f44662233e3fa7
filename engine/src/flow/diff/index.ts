export { diffFlows } from './diff';
export { renderDiffText } from './render';
export type { ChangeKind, FlowChange } from './types';
