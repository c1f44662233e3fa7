// E-mail against a local SMTP server on loopback (test/fakes/smtp-server.ts): invitations and
// reset links go by mail only (the API answers no link), and a new-note notification carries
// nothing from the call — the raw message is scanned for every value of a note full of canaries.
// Log lines name account ids, never an address.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../engine/src/log/index';
import { createMailer, type Mailer } from '../../engine/src/mail/mailer';
import { noteWith } from '../privacy/records-env';
import { mailText, startFakeSmtp, type FakeSmtp } from '../fakes/smtp-server';
import { createHarness, publishedFlow, type Harness } from './harness';

let smtp: FakeSmtp;
let mailer: Mailer;
let h: Harness;

beforeAll(async () => {
  smtp = await startFakeSmtp();
});
afterAll(async () => {
  mailer?.close();
  await smtp.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  mailer?.close();
  mailer = createMailer(
    { smtpUrl: smtp.url, from: 'Callflow <callflow@praxis.example>' },
    createLogger({ level: 'silent' }),
  );
  h = await createHarness({ mailer });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

describe('e-mail', () => {
  it('sends the invitation only by e-mail; its link lets the person in', async () => {
    const res = await h.as(h.own.owner, 'POST', '/api/members/invitations', {
      email: 'neu@eigene.example',
      role: 'agent',
    });
    expect(res.status).toBe(201);
    const { invitation } = await json<{ invitation: { url: string | null; emailed: boolean } }>(res);
    expect(invitation).toMatchObject({ url: null, emailed: true });
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['neu@eigene.example']);
    const text = mailText(mail.raw);
    expect(text).toContain('Eigene Praxis');
    const token = /#einladung=([\w-]+)/.exec(text)?.[1];
    expect(token).toBeDefined();
    const accepted = await h.as(undefined, 'POST', '/api/invitations/accept', {
      token,
      password: 'Wartezimmer-Kaffeemaschine-7',
      name: 'Neu',
    });
    expect(accepted.status).toBe(200);
  });

  it('mails a reset link to a known address only, and the link sets the password', async () => {
    const ask = (email: string) => h.as(undefined, 'POST', '/api/auth/password-reset', { email });
    expect((await ask('niemand@nirgends.example')).status).toBe(202);
    expect((await ask('viewer@eigene.example')).status).toBe(202);
    const [mail] = await smtp.waitFor(1);
    await mailer.idle();
    expect(smtp.received).toHaveLength(1);
    expect(mail.to).toEqual(['viewer@eigene.example']);
    const token = /#passwort=([\w-]+)/.exec(mailText(mail.raw))?.[1];
    const set = await h.as(undefined, 'POST', '/api/auth/password-reset/confirm', {
      token,
      password: 'Neues-Passwort-fuer-Ansicht',
    });
    expect(set.status).toBe(204);
    const login = await h.as(undefined, 'POST', '/api/auth/login', {
      email: 'viewer@eigene.example',
      password: 'Neues-Passwort-fuer-Ansicht',
    });
    expect(login.status).toBe(200);
  });

  it('notifies those who opted in, urgent or all, with nothing from the call in the message', async () => {
    const flowId = await publishedFlow(h, h.own.owner, 'praxis');
    const choose = (actor: typeof h.own.owner, level: string | null) =>
      h.as(actor, 'PUT', `/api/flows/${flowId}/notifications`, { level });
    expect((await choose(h.own.owner, 'all')).status).toBe(200);
    expect((await choose(h.own.agent, 'urgent')).status).toBe(200);
    // Roles that may not read notes cannot subscribe to them.
    expect((await choose(h.own.viewer, 'all')).status).toBe(403);

    const canary = 'KANARIE-Mailprobe-91';
    const accept = (priority: 'normal' | 'urgent') =>
      h.records.accept({
        tenantId: h.own.owner.tenantId,
        flowId,
        flowVersion: 1,
        record: noteWith(canary, { test: false, priority }),
        callerNumber: '+4917123456789',
        retention: { mode: 'ttl', days: 7 },
        zeroPersistence: false,
        delivery: { inbox: true },
      });
    await accept('normal');
    await accept('urgent');
    const mails = await smtp.waitFor(3);
    await mailer.idle();
    expect(mails).toHaveLength(3);
    const to = (m: (typeof mails)[number]) => m.to[0];
    expect(mails.map(to).sort()).toEqual([
      'agent@eigene.example',
      'owner@eigene.example',
      'owner@eigene.example',
    ]);
    const urgent = mails.filter((m) =>
      mailText(m.raw).includes('Neue Gesprächsnotiz (dringend) – Eigene Praxis'),
    );
    expect(urgent.map(to).sort()).toEqual(['agent@eigene.example', 'owner@eigene.example']);
    for (const m of mails) {
      const raw = mailText(m.raw);
      for (const secret of [canary, 'Anna', 'Husten', '+4917123456789', '4917123456789', '08:00', 'tx_test'])
        expect(raw, `mail to ${to(m)}`).not.toContain(secret);
      expect(raw).toContain('http://localhost:8787/#/posteingang');
      expect(raw).not.toMatch(/token|session|einladung=|passwort=/i);
    }
    // Log lines name accounts by id, never by address.
    expect(h.logLines.join('\n')).not.toContain('@eigene.example');
  });

  it('names the SMTP provider as a recipient in the processing record', async () => {
    const flowId = await publishedFlow(h, h.own.owner, 'praxis');
    const record = await (await h.as(h.own.owner, 'GET', `/api/flows/${flowId}/privacy`)).text();
    expect(record).toContain('E-Mail-Versand');
    expect(record).toContain('SMTP: 127.0.0.1');
    const without = await createHarness();
    const plain = await publishedFlow(without, without.own.owner, 'praxis');
    expect(
      await (await without.as(without.own.owner, 'GET', `/api/flows/${plain}/privacy`)).text(),
    ).not.toContain('SMTP');
  });

  it('sends nothing for test calls and nothing to someone who left', async () => {
    const flowId = await publishedFlow(h, h.own.owner, 'praxis');
    await h.as(h.own.agent, 'PUT', `/api/flows/${flowId}/notifications`, { level: 'all' });
    await h.records.accept({
      tenantId: h.own.owner.tenantId,
      flowId,
      flowVersion: null,
      record: noteWith('Testanruf', { test: true }),
      retention: { mode: 'ttl', days: 7 },
      zeroPersistence: false,
      delivery: { inbox: true },
    });
    expect((await h.as(h.own.owner, 'DELETE', `/api/members/${h.own.agent.userId}`)).status).toBe(204);
    await h.records.accept({
      tenantId: h.own.owner.tenantId,
      flowId,
      flowVersion: 1,
      record: noteWith('Nachher', { test: false }),
      retention: { mode: 'ttl', days: 7 },
      zeroPersistence: false,
      delivery: { inbox: true },
    });
    await mailer.idle();
    expect(smtp.received).toHaveLength(0);
  });
});
