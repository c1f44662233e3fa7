// Test-only: stops the whole process dead at a named point so the crash test can SIGKILL it
// exactly there (CALLFLOW_TEST_FREEZE_AT). Blocking the thread (not awaiting) guarantees that
// nothing after the point runs — no timer, no pending write. The marker goes to stderr, which
// carries no log lines.
import { writeSync } from 'node:fs';

export function freezeHere(point: string): never {
  writeSync(2, `callflow-test-frozen ${point}\n`);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0);
}
