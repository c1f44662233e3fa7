import { describe, expect, it } from 'vitest';
import { readConfig } from '../config/config';
import { transportOptions } from './mailer';

describe('mail settings', () => {
  it('require TLS except to a loopback server', () => {
    expect(transportOptions('smtp://user:p%40ss@mail.example.de:587')).toMatchObject({
      host: 'mail.example.de',
      port: 587,
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
      auth: { user: 'user', pass: 'p@ss' },
    });
    expect(transportOptions('smtps://mail.example.de')).toMatchObject({
      port: 465,
      secure: true,
      requireTLS: false,
    });
    expect(transportOptions('smtp://127.0.0.1:2525')).toMatchObject({ requireTLS: false, ignoreTLS: true });
    expect(transportOptions('smtp://[::1]:2525')).toMatchObject({ host: '::1', requireTLS: false });
  });

  it('are read from SMTP_URL and MAIL_FROM, both or neither', () => {
    const read = (env: Record<string, string>) => readConfig(env, '/srv/callflow');
    expect(read({}).mail).toBeUndefined();
    expect(
      read({ SMTP_URL: 'smtps://mail.example.de', MAIL_FROM: 'Callflow <callflow@praxis.example>' }).mail,
    ).toEqual({
      smtpUrl: 'smtps://mail.example.de',
      from: 'Callflow <callflow@praxis.example>',
    });
    expect(() => read({ SMTP_URL: 'smtps://mail.example.de' })).toThrow(/MAIL_FROM/);
    expect(() => read({ SMTP_URL: 'http://mail.example.de', MAIL_FROM: 'a@b.example' })).toThrow(/SMTP_URL/);
  });
});
