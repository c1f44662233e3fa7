import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EventEmitter } from 'node:events';
import { createLogger } from './logger.js';
import { createProcessHandlers, installProcessHandlers } from './process-handlers.js';
import { capture, expectValid } from './capture.test-helper.js';

const CANARY = 'Kanarie Schmidt +49 30 5550123 c4n4ry';

describe('process handlers (in process)', () => {
  it('log an uncaught exception by code, then exit 1', () => {
    const out = capture();
    const exits: number[] = [];
    const handlers = createProcessHandlers(createLogger({ destination: out.destination }), {
      exit: (c) => void exits.push(c),
    });
    handlers.onUncaughtException(new RangeError(CANARY));
    handlers.onUnhandledRejection(CANARY);
    expect(out.raw()).not.toContain('c4n4ry');
    expect(out.lines()).toMatchObject([
      { level: 'fatal', event: 'process.uncaught_exception', code: 'RangeError', outcome: 'error' },
      { level: 'fatal', event: 'process.unhandled_rejection', code: 'NonError', outcome: 'error' },
    ]);
    out.lines().forEach(expectValid);
    expect(exits).toEqual([1, 1]);
  });

  it('attach to and detach from the process', () => {
    const target = new EventEmitter();
    const off = installProcessHandlers(createLogger({ level: 'silent' }), {
      target: target as never,
      exit: () => {},
    });
    expect(target.listenerCount('uncaughtException')).toBe(1);
    expect(target.listenerCount('unhandledRejection')).toBe(1);
    off();
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });
});

describe('process handlers (real crash in a child process)', () => {
  const fixture = fileURLToPath(new URL('./fixtures/crash.ts', import.meta.url));

  it.each(['exception', 'rejection'])('%s: the canary is in neither stdout nor stderr', (mode) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, CANARY, CRASH_MODE: mode, LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.status).toBe(1);
    const all = child.stdout + child.stderr;
    expect(all).not.toContain('c4n4ry');
    expect(child.stderr).toBe('');
    const lines = child.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expectValid(lines[0]);
    expect(lines[0]).toMatchObject({
      event: mode === 'exception' ? 'process.uncaught_exception' : 'process.unhandled_rejection',
      code: mode === 'exception' ? 'SyntaxError' : 'TypeError',
    });
  });
});
