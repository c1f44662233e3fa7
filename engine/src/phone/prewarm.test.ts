import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { staticPrompts } from '../flow/interpreter';
import type { AppDeps } from '../http/deps';
import { createFlowTools } from '../http/flow-tools';
import { createLogger } from '../log/index';
import { systemClock } from '../ports/clock';
import { FakeTextToSpeech } from '../providers/fake/text-to-speech';
import { MemoryPromptCache, voiceCacheKey } from '../runtime/prompt-cache';
import { PromptWarmer } from '../runtime/prompt-warmer';
import { DEMO_TARGETS } from '../store/bootstrap';
import { createSqliteStore } from '../store/sqlite/index';
import type { PhoneRuntime } from './phone-runtime';
import { busGroup } from '../../../test/harness/bus-group';
import {
  answerSiblingPrewarm,
  prewarmBoundNumbers,
  prewarmFlow,
  prewarmInBackground,
  prewarmVersionInBackground,
} from './prewarm';

const flowTools = createFlowTools({ allowLoopbackWebhooks: false });
const praxis = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../flows/arztpraxis.flow.json'), 'utf8'),
) as unknown;

function deps(tts = new FakeTextToSpeech()) {
  const cache = new MemoryPromptCache();
  const lines: string[] = [];
  const phone = {
    voiceId: 'voice-de',
    cache,
    warmer: new PromptWarmer({ tts, cache, clock: systemClock }),
  } as unknown as PhoneRuntime;
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(c, _e, cb) {
        lines.push(String(c));
        cb();
      },
    }),
  });
  const store = createSqliteStore({ file: ':memory:' });
  return { deps: { phone, logger, store, flowTools } as unknown as AppDeps, cache, tts, lines, store };
}

function compiledPraxis() {
  const loaded = flowTools.load(praxis, DEMO_TARGETS);
  if (!loaded.ok) throw new Error('example flow does not load');
  return loaded.compiled;
}

describe('prompt-cache pre-warm', () => {
  it('synthesizes every static prompt of a flow in its voice, the fault apologies first', async () => {
    const t = deps();
    const compiled = compiledPraxis();
    const result = await prewarmFlow(t.deps, compiled);
    const all = staticPrompts(compiled);
    expect(result).toEqual({ warmed: all.length, skipped: 0, failed: 0 });
    for (const p of all) expect(t.cache.get(voiceCacheKey('voice-de', p.cacheKey))).toBeDefined();
    expect(t.tts.requests[0].text).toMatch(/technische Störung/);
    expect(t.lines.join('')).toContain('"twilio.prewarm"');
  });

  it('a failing voice vendor is one PII-free log line, never an exception', async () => {
    const tts = new FakeTextToSpeech();
    for (let i = 0; i < 3; i++) tts.failNext({ kind: 'status', status: 503 });
    const t = deps(tts);
    const result = await prewarmFlow(t.deps, compiledPraxis());
    expect(result?.failed).toBe(3);
    const line = t.lines.find((l) => l.includes('"twilio.prewarm"'))!;
    expect(JSON.parse(line)).toMatchObject({ outcome: 'error', code: 'prewarm_tts_failed', count: 3 });
    expect(await prewarmFlow({ logger: t.deps.logger }, compiledPraxis())).toBeUndefined(); // no phone runtime: nothing
  });

  it('at start: the versions bound to numbers are warmed', async () => {
    const t = deps();
    const tenant = await t.store.tenants.create('Praxis');
    for (const target of DEMO_TARGETS) await t.store.handoffTargets.upsert(tenant.id, target);
    const compiled = compiledPraxis();
    const flow = await t.store.flows.create(tenant.id, {
      slug: 'arztpraxis',
      name: 'Praxis',
      document: praxis,
      userId: null,
    });
    await t.store.versions.append(tenant.id, flow.id, {
      contentHash: compiled.contentHash,
      canonicalJson: flowTools.canonicalJson(compiled.flow),
      message: 'v1',
      authorId: null,
    });
    await t.store.numbers.assign('+4930555000999', tenant.id);
    await t.store.numbers.bind(tenant.id, { number: '+4930555000999', flowId: flow.id, version: null });
    await prewarmBoundNumbers(t.deps, [tenant.id, 'unknown-tenant']);
    expect(t.cache.get(voiceCacheKey('voice-de', 'builtin:de:technicalFault'))).toBeDefined();
    expect(
      t.cache.get(voiceCacheKey('voice-de', `${compiled.contentHash.slice(0, 16)}:begruessung:disclosure`)),
    ).toBeDefined();
    t.store.close();
  });

  it('publishing or binding on one worker process warms the prompt cache of every worker', async () => {
    const group = busGroup(2);
    const store = createSqliteStore({ file: ':memory:' });
    const tenant = await store.tenants.create('Praxis');
    for (const target of DEMO_TARGETS) await store.handoffTargets.upsert(tenant.id, target);
    const workers = group.buses.map((bus) => {
      const t = deps();
      t.store.close();
      const workerDeps = { ...t.deps, store, bus } as AppDeps;
      answerSiblingPrewarm(bus, workerDeps);
      return { ...t, deps: workerDeps };
    });
    const compiled = compiledPraxis();
    const prompts = staticPrompts(compiled);
    const warmIn = (w: (typeof workers)[number]) =>
      prompts.filter((p) => w.cache.get(voiceCacheKey('voice-de', p.cacheKey)) !== undefined).length;

    prewarmInBackground(workers[0].deps, tenant.id, compiled); // a publish served by worker 0
    await expect.poll(() => warmIn(workers[1]), { timeout: 15_000 }).toBe(prompts.length);
    await expect.poll(() => warmIn(workers[0]), { timeout: 15_000 }).toBe(prompts.length);
    // The sibling warmed for itself and told nobody back: worker 0 synthesized each prompt once.
    expect(workers[0].tts.requests).toHaveLength(prompts.length);
    expect(workers[1].tts.requests).toHaveLength(prompts.length);

    // A number bound on worker 1: worker 0 warms that version too (here from its cache already).
    const before = workers[0].tts.requests.length;
    prewarmVersionInBackground(workers[1].deps, tenant.id, {
      canonicalJson: flowTools.canonicalJson(compiled.flow),
    });
    await expect
      .poll(() => workers[0].lines.filter((l) => l.includes('"twilio.prewarm"')).length, { timeout: 15_000 })
      .toBe(2);
    expect(workers[0].tts.requests.length).toBe(before);
    store.close();
  });
});
