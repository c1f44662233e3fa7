// Moving between nodes and ending the call. Every node change goes through goto(), every end
// through finish(): the two places where loops are bounded and the record is delivered. What a
// step decides (an exit, or the end) is carried out by follow().
import { currentNode, MAX_CALL_TIMER, sayPhrase, type Ctx } from '../call/context';
import type { PhraseName } from '../call/phrases';
import { exitsOf, specOf, type Next } from '../nodes';
import { buildRecord } from '../record/build';
import type { CallOutcome } from '../record/schema';

/** More node changes than this in one step means the flow cycles without asking anything. */
const MAX_HOPS = 50;

export function goto(ctx: Ctx, id: string): void {
  const node = ctx.flow.nodes[id];
  if (++ctx.hops > MAX_HOPS || !node) {
    politeEnd(ctx, 'failedEnd', 'failed');
    return;
  }
  arrive(ctx, id, 'ask');
  const spec = specOf(node);
  if (!spec) return politeEnd(ctx, 'failedEnd', 'failed');
  follow(ctx, spec.behaviour.enter(ctx, node));
}

/** Carries out what the current step decided: leave by the exit it names, end the call, or wait. */
export function follow(ctx: Ctx, next: Next): void {
  if (next === undefined) return;
  if ('end' in next) return finish(ctx, next.end, { hangUp: next.hangUp });
  const exit = exitsOf(currentNode(ctx)).find((e) => e.exit === next.exit);
  goto(ctx, exit?.target ?? '');
}

/** The call is now at node `id` in `phase`, with the node's counters and pending answers reset. */
export function arrive(ctx: Ctx, id: string, phase: Ctx['s']['phase']): void {
  const s = ctx.s;
  s.node = id;
  s.phase = phase;
  s.field = 0;
  s.attempts = 0;
  s.silences = 0;
  delete s.pending;
  delete s.requestId;
  s.path.push(id);
}

/** Ends the call: delivers the record and, unless the caller already left or staff took over, hangs up. */
export function finish(ctx: Ctx, outcome: CallOutcome, { hangUp }: { hangUp: boolean }): void {
  const s = ctx.s;
  s.terminal = true;
  s.phase = 'done';
  s.outcome = outcome;
  delete s.pending;
  delete s.requestId;
  ctx.out.push({ type: 'timer.cancel', id: MAX_CALL_TIMER });
  ctx.out.push({ type: 'deliver', record: buildRecord(ctx.flow, s, ctx.at) });
  if (hangUp) ctx.out.push({ type: 'hangup' });
}

/** A goodbye in the interpreter's own words (call too long, caller silent, internal problem). */
export function politeEnd(ctx: Ctx, name: PhraseName, outcome: CallOutcome = 'completed'): void {
  sayPhrase(ctx, name, { bargeIn: false });
  finish(ctx, outcome, { hangUp: true });
}
