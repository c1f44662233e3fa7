// The test call on the server (`POST /api/flows/{id}/simulate`) for the published version.
// The server is stateless per request, so every step replays all caller turns so far; what the
// caller heard, the path and the record come back. `live` sends the finished record the way a
// phone call's would go (inbox, retention, webhook), marked as a test call.
import type { CompiledFlow } from '../../../../engine/src/flow/compiled';
import { turnOfEvent } from '../../../../engine/src/flow/drive/index';
import { loadFlow } from '../../../../engine/src/flow/index';
import { api, type CallerTurn, type SimulateResult } from '../../api';
import type { ChatEngine, ChatSession } from './driver';

/** What the server needs to replay the call. */
export interface ServerCall {
  flowId: string;
  version: number;
  at: string;
  turns: CallerTurn[];
  live: boolean;
}

/**
 * Pure: the server's answer as a chat session. The server does not say "a transfer is ringing";
 * the call waits on a transfer when it has no record yet and stands on a handoff step.
 */
export function sessionFrom(
  compiled: CompiledFlow,
  call: ServerCall,
  result: SimulateResult,
): ServerSession & { server: ServerCall } {
  const node = result.path.at(-1) ?? null;
  const ended = result.record !== null;
  const step = node ? compiled.nodes[node] : undefined;
  const transfer = !ended && step?.kind === 'handoff' ? step.target : null;
  return {
    compiled,
    node,
    lines: result.heard.map((l) => ({ who: l.who, text: l.text })),
    transfer,
    record: result.record,
    ended,
    server: call,
    delivered: result.live,
  };
}

/** `delivered`: the live note's Vorgangsnummer (it went to the Posteingang like a real call's). */
export type ServerSession = ChatSession & {
  server?: ServerCall;
  delivered?: { txId: string; stored: boolean } | null;
};

async function replay(compiled: CompiledFlow, call: ServerCall): Promise<ServerSession> {
  const result = await api.simulate(call.flowId, {
    turns: call.turns,
    version: call.version,
    at: call.at,
    live: call.live,
  });
  return sessionFrom(compiled, call, result);
}

/** Loads the published version (for step kinds and canvas ids), then starts the replayed call. */
export function serverEngine(opts: { flowId: string; live: boolean; handoffTargets?: string[] }): ChatEngine {
  return {
    async begin(_draft, now) {
      const versions = await api.listVersions(opts.flowId);
      const latest = versions.reduce<number | null>(
        (m, v) => (m === null || v.number > m ? v.number : m),
        null,
      );
      if (latest === null) throw new NotPublished();
      const doc = await api.getVersion(opts.flowId, latest);
      const loaded = loadFlow(doc.flow, opts.handoffTargets ? { handoffTargets: opts.handoffTargets } : {});
      if (!loaded.ok) throw new NotPublished();
      return replay(loaded.compiled, {
        flowId: opts.flowId,
        version: latest,
        at: new Date(now).toISOString(),
        turns: [],
        live: opts.live,
      });
    },
    async send(session: ServerSession, event) {
      const turn = turnOfEvent(event);
      if (session.ended || !session.server || !turn) return session;
      return replay(session.compiled, { ...session.server, turns: [...session.server.turns, turn] });
    },
  };
}

/** The flow has no published version the server could run. */
export class NotPublished extends Error {}
