// A voice provider failed for good (`provider.fault`): the caller can no longer hear new
// sentences (tts) or can no longer be understood (stt). Either way the conversation cannot go on
// as designed, so the interpreter stops asking and heads for a person:
// - a human is reachable (the human-escape target is a handoff step that is open now and no
//   transfer failed yet) → a short apology from the prompt cache and the transfer right away
//   (without the step's own announcement: the apology already says it);
// - otherwise → apology, "please call again", hangup.
// A transfer that then fails ends the call politely instead of entering the step's fallback,
// whose questions could not be heard or understood. For stt we deliberately do not ask the
// caller to type on the keypad: a person is what a caller wants when the line is this broken,
// and a keypad path through arbitrary flows would be guesswork.
// The record carries the flag `fault:tts` / `fault:stt` — never anything the caller said.
import type { HandoffNode } from '../format/schema';
import { isOpen } from '../call/hours';
import { phrase } from '../call/phrases';
import { sayPhrase, type Ctx } from '../call/context';
import { fillTemplate } from '../call/template';
import { arrive, politeEnd } from './transitions';
import type { HandoffResult, ProviderFaultStage } from '../call/types';

/** The handoff step a faulted call can go to now, if any. */
function reachableHuman(ctx: Ctx): { id: string; node: HandoffNode } | undefined {
  const id = ctx.flow.flow.humanEscape.target;
  const node = ctx.flow.nodes[id];
  if (node?.kind !== 'handoff' || ctx.s.record.handoff !== undefined) return undefined;
  const open = !(node.respectHours ?? true) || isOpen(ctx.flow.flow.settings.businessHours, ctx.at);
  return open ? { id, node } : undefined;
}

function transferNow(ctx: Ctx, id: string, node: HandoffNode): void {
  arrive(ctx, id, 'transfer');
  const whisper =
    node.whisper !== undefined
      ? fillTemplate(node.whisper, ctx.s.record.fields, ctx.lang)
      : phrase('whisper', ctx.lang);
  ctx.out.push({ type: 'transfer', target: node.target, whisper, ringSeconds: node.ringSeconds ?? 20 });
}

export function onProviderFault(ctx: Ctx, stage: ProviderFaultStage): void {
  const s = ctx.s;
  if (stage !== 'tts' && stage !== 'stt') return;
  const flag = `fault:${stage}`;
  if (!s.record.flags.includes(flag)) s.record.flags.push(flag);
  if (s.fault !== undefined) return; // the first fault already sent the call on its way out
  s.fault = stage;
  if (s.phase === 'transfer') return; // already ringing a person
  const human = reachableHuman(ctx);
  if (!human) return politeEnd(ctx, stage === 'tts' ? 'technicalFaultEnd' : 'hearingFaultEnd');
  sayPhrase(ctx, stage === 'tts' ? 'technicalFault' : 'hearingFault', { bargeIn: false });
  transferNow(ctx, human.id, human.node);
}

/** After a fault a failed transfer ends the call. Returns false when the step handles it as usual. */
export function faultedHandoffResult(ctx: Ctx, outcome: HandoffResult): boolean {
  const s = ctx.s;
  const node = ctx.flow.nodes[s.node];
  if (s.fault === undefined || outcome === 'answered' || s.phase !== 'transfer' || node?.kind !== 'handoff')
    return false;
  s.record.handoff = { target: node.target, outcome };
  politeEnd(ctx, 'faultNobodyAvailable');
  return true;
}
