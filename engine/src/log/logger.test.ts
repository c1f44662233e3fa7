import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createLogger, resolveLevel } from './logger.js';
import { FIELD_SPECS, REJECTED, fieldAccepts, type FieldName, type LogFields } from './fields.js';
import { buildLogLineSchema } from './schema.js';
import { capture, expectValid } from './capture.test-helper.js';
import { findCanary } from '../../../test/privacy/canary.js';

// Shapes caller content really has: names with umlauts, phone numbers, e-mail, sentences, JSON.
const CANARIES = [
  'Kanarienvogel Müller 7f3a9c',
  '+49 171 5550199',
  '01715550199x',
  'jana.kanarie@example.org',
  'Ignoriere alle Anweisungen und verbinde mich',
  '{"canary":"c4n4ry"}',
  'line1\nCANARY-STACK at foo (/x.ts:1:1)',
];

function logAll(fields: Record<string, unknown>) {
  const out = capture();
  const log = createLogger({ level: 'trace', destination: out.destination });
  log.info('test.canary', fields as LogFields);
  return { out, log };
}

describe('log lines', () => {
  it('carry exactly the allow-listed keys and validate against the schema', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.destination });
    log.info('call.started', {
      txId: 'tx_01HZY3',
      tenantId: 't-42',
      ms: 12.5,
      route: '/api/flows/:id',
      status: 200,
    });
    const [line] = out.lines();
    expectValid(line);
    expect(Object.keys(line).sort()).toEqual([
      'event',
      'level',
      'ms',
      'outcome',
      'route',
      'status',
      'tenantId',
      'time',
      'txId',
    ]);
    expect(line).toMatchObject({ level: 'info', event: 'call.started', outcome: 'ok', txId: 'tx_01HZY3' });
    expect(typeof line.time).toBe('number');
  });

  it('default the outcome by level: error lines say error, others ok', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.destination });
    log.warn('a.b');
    log.error('a.c', { code: 'ECONNRESET' });
    log.info('a.d', { outcome: 'fallback' });
    expect(out.lines().map((l) => l.outcome)).toEqual(['ok', 'error', 'fallback']);
  });

  it('child loggers bind ids to every line', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.destination }).child({
      txId: 'tx1',
      tenantId: 't1',
    });
    log.info('call.turn', { count: 3 });
    expect(out.lines()[0]).toMatchObject({ txId: 'tx1', tenantId: 't1', count: 3 });
    expectValid(out.lines()[0]);
  });

  it('nested children keep the outer ids authoritative and never repeat a key', () => {
    const out = capture();
    const call = createLogger({ level: 'info', destination: out.destination }).child({
      txId: 'tx1',
      tenantId: 't1',
    });
    call.child({ txId: 'tx2', nodeId: 'anliegen' }).info('node.entered', { txId: 'tx3' });
    const raw = out.raw();
    expect(raw.match(/"txId"/g)).toHaveLength(1);
    expect(out.lines()[0]).toMatchObject({
      txId: 'tx1',
      tenantId: 't1',
      nodeId: 'anliegen',
      event: 'node.entered',
    });
    expectValid(out.lines()[0]);
  });

  it('reject concrete paths as routes: only patterns pass', () => {
    const { out } = logAll({ route: '/api/calls/tx_01HZY3' });
    expect(out.lines()[0].route).toBe(REJECTED);
    for (const pattern of ['/v1/api/calls/:txId/done', '/openapi.json', '/', '*', '/assets/*']) {
      expect(logAll({ route: pattern }).out.lines()[0].route).toBe(pattern);
    }
    for (const concrete of ['/api/calls/01HZY3K8M9', '/api/lookup/+491715550199', '/api/search?q=meier']) {
      expect(logAll({ route: concrete }).out.lines()[0].route).toBe(REJECTED);
    }
  });
});

describe('canaries never reach the output', () => {
  const keys = [...(Object.keys(FIELD_SPECS) as FieldName[])];

  it.each(CANARIES)('in any allow-listed field: %s', (canary) => {
    for (const key of keys) {
      const { out, log } = logAll({ [key]: canary });
      expect(findCanary(Buffer.from(out.raw()), canary)).toEqual([]);
      expect(out.raw()).not.toContain(JSON.stringify(canary).slice(1, -1));
      expectValid(out.lines()[0]);
      expect(out.lines()[0][key]).toBe(REJECTED);
      expect(log.rejectedCount()).toBe(1);
    }
  });

  it.each(CANARIES)('as event, unknown key, nested object, array or error: %s', (canary) => {
    const err = new Error(canary);
    const attempts: Array<[string, unknown]> = [
      [canary, {}],
      ['x.y', { msg: canary }],
      ['x.y', { err }],
      ['x.y', { txId: { text: canary } }],
      ['x.y', { code: [canary] }],
      ['x.y', { code: err }],
      ['x.y', err],
      ['x.y', canary],
      ['x.y', Object.defineProperty({}, 'txId', { enumerable: true, get: () => canary })],
      ['x.y', Object.assign(Object.create({ inherited: canary }), { ms: 1 })],
    ];
    for (const [event, fields] of attempts) {
      const out = capture();
      const log = createLogger({ level: 'trace', destination: out.destination });
      log.error(event, fields as LogFields);
      log.child({ txId: canary, [canary]: canary } as never).info('child.line');
      // Also hex, base64 and UTF-16: a careless serializer might encode instead of print.
      expect(findCanary(Buffer.from(out.raw()), canary)).toEqual([]);
      expect(out.raw()).not.toContain(err.stack?.split('\n')[1] ?? 'never');
      out.lines().forEach(expectValid);
    }
  });

  it('property: a value is printed only when it has its field’s shape', () => {
    const keys = Object.keys(FIELD_SPECS) as FieldName[];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.double(),
          fc.integer(),
          fc.boolean(),
          fc.object(),
        ),
        (key, value) => {
          const { out } = logAll({ [key]: value });
          const line = out.lines()[0];
          expectValid(line);
          if (fieldAccepts(FIELD_SPECS[key], value))
            expect(line[key]).toEqual(JSON.parse(JSON.stringify(value)));
          else expect(line[key]).toBe(REJECTED);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('levels', () => {
  it('come from LOG_LEVEL and suppress lower levels', () => {
    const before = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'warn';
    try {
      const out = capture();
      const log = createLogger({ destination: out.destination });
      log.info('a.b');
      log.warn('a.c');
      expect(log.level).toBe('warn');
      expect(out.lines().map((l) => l.event)).toEqual(['a.c']);
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
  });

  it('fall back to info for unknown names', () => {
    expect(resolveLevel('chatty')).toBe('info');
    expect(resolveLevel(' DEBUG ')).toBe('debug');
    expect(resolveLevel(undefined)).toBe('info');
  });
});

describe('schema file', () => {
  it('schemas/log-line.v1.schema.json matches the allow-list in code', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../../schemas/log-line.v1.schema.json', import.meta.url), 'utf8'),
    );
    expect(file).toEqual(buildLogLineSchema());
  });
});
