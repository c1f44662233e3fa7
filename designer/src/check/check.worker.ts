// The live check off the main thread: a 500-step flow takes longer to lint than one frame, and
// typing must never stutter. Only the newest request matters; older ones are skipped.
import { runCheck, type CheckRequest } from './run';

let pending: CheckRequest | null = null;
let scheduled = false;

self.onmessage = (e: MessageEvent<CheckRequest>) => {
  pending = e.data;
  if (scheduled) return;
  scheduled = true;
  // Let queued messages arrive first, so a burst of edits is checked once.
  setTimeout(() => {
    scheduled = false;
    const req = pending;
    pending = null;
    if (req) self.postMessage(runCheck(req));
  }, 0);
};
