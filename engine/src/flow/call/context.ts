// The working context of one step: the flow, a private copy of the state (the draft that
// handlers may change), and the actions emitted so far. Handlers only ever touch the draft. Both
// the interpreter and the step kinds (../nodes) speak and listen through it.
import type { CompiledFlow } from '../compiled';
import type { FlowNode } from '../format/schema';
import { hasPlaceholders } from '../format/placeholders';
import { langOf, type Lang } from '../nlu';
import { phrase, type PhraseName } from './phrases';
import { fillTemplate } from './template';
import type { CallAction, CallState, ListenExpect } from './types';

/** Speech-recognition hints for a step and the answer it expects (the interpreter's hints.ts). */
export type HintsFor = (flow: CompiledFlow, nodeId: string, expect: ListenExpect) => string[];

export interface Ctx {
  readonly flow: CompiledFlow;
  readonly lang: Lang;
  /** `at` of the event being handled (epoch ms). */
  readonly at: number;
  readonly s: CallState;
  readonly out: CallAction[];
  /** Nodes entered during this step; bounds chains of nodes that never wait for the caller. */
  hops: number;
  /**
   * Hints for `listen`. Handed in by the interpreter, which reads them from the step kinds'
   * specs: this module sits below both and imports neither.
   */
  readonly hintsFor: HintsFor;
}

export function makeCtx(flow: CompiledFlow, s: CallState, at: number, hintsFor: HintsFor): Ctx {
  return { flow, lang: langOf(flow.flow.language), at, s, out: [], hops: 0, hintsFor };
}

export const limitsOf = (flow: CompiledFlow) => {
  const l = flow.flow.settings.limits ?? {};
  return {
    maxCallMs: (l.maxCallSeconds ?? 600) * 1000,
    silenceMs: (l.silenceSeconds ?? 7) * 1000,
    maxSilences: l.maxSilences ?? 2,
  };
};

export const MAX_CALL_TIMER = 'max-call-length';

/** The node the call is in. */
export function currentNode(ctx: Ctx): FlowNode {
  return ctx.flow.nodes[ctx.s.node];
}

function transcribe(ctx: Ctx, speaker: 'bot' | 'caller', text: string): void {
  const t = ctx.s.record.transcript;
  if (t) t.push({ speaker, text, at: new Date(ctx.at).toISOString() });
}

export function callerSaid(ctx: Ctx, text: string): void {
  transcribe(ctx, 'caller', text);
}

/**
 * Speaks a prompt from the flow. Placeholders are filled; only prompts without them get a cache
 * key (flow version + node + prompt name), so cached audio never contains caller data.
 */
export interface SayOptions {
  /** May the caller interrupt it by speaking? Default true. */
  bargeIn?: boolean;
  /** An answer to a caller's question: the facts it came from ([] = none answered it). */
  factIds?: readonly string[];
}

export function sayPrompt(
  ctx: Ctx,
  name: string,
  template: string,
  { bargeIn = true }: SayOptions = {},
): void {
  const text = fillTemplate(template, ctx.s.record.fields, ctx.lang);
  const cacheKey = hasPlaceholders(template)
    ? undefined
    : `${ctx.flow.contentHash.slice(0, 16)}:${ctx.s.node}:${name}`;
  emitSay(ctx, name, text, bargeIn, cacheKey);
}

/** Speaks one of the interpreter's own phrases; static phrases are cacheable per language. */
export function sayPhrase(
  ctx: Ctx,
  name: PhraseName,
  { vars, bargeIn = true, factIds }: SayOptions & { vars?: Record<string, string> } = {},
): void {
  const cacheKey = vars ? undefined : `builtin:${ctx.lang}:${name}`;
  emitSay(ctx, name, phrase(name, ctx.lang, vars), bargeIn, cacheKey, factIds);
}

/** Speaks text that was composed at run time (readbacks): never cached. */
export function sayText(
  ctx: Ctx,
  name: string,
  text: string,
  { bargeIn = true, factIds }: SayOptions = {},
): void {
  emitSay(ctx, name, text, bargeIn, undefined, factIds);
}

function emitSay(
  ctx: Ctx,
  name: string,
  text: string,
  bargeIn: boolean,
  cacheKey: string | undefined,
  factIds?: readonly string[],
): void {
  ctx.s.seq++;
  const promptId = `${ctx.s.node}/${name}#${ctx.s.seq}`;
  const say: CallAction = { type: 'say', promptId, text, bargeIn };
  if (cacheKey) say.cacheKey = cacheKey;
  if (factIds) say.factIds = [...factIds];
  ctx.out.push(say);
  transcribe(ctx, 'bot', text);
}

export function listen(ctx: Ctx, expect: ListenExpect): void {
  ctx.out.push({
    type: 'listen',
    expect,
    hints: ctx.hintsFor(ctx.flow, ctx.s.node, expect),
    timeoutMs: limitsOf(ctx.flow).silenceMs,
  });
}

export function nextRequestId(ctx: Ctx): string {
  ctx.s.seq++;
  return `${ctx.s.txId}:x${ctx.s.seq}`;
}
