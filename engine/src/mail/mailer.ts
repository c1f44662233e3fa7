// Sending e-mail through nodemailer over SMTP (SMTP_URL, MAIL_FROM). TLS is required — implicit
// (`smtps://`) or STARTTLS on `smtp://` — except to a server on loopback (a local relay, the
// tests' smtp-server). Mails go out in the background: a request never waits on the SMTP server,
// and a failure is logged with the account id, never with the address.
import nodemailer from 'nodemailer';
import { errorCode, type Logger } from '../log/index';
import type { MailConfig } from '../config/config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Whom a mail concerns, for the log line: ids only. */
export interface MailAbout {
  /** `mail.invitation`, `mail.password_reset`, `mail.note` … */
  event: string;
  userId?: string;
  tenantId?: string;
}

export interface Mailer {
  /** The SMTP server's host: it receives every mail (named in the processing record). */
  readonly host: string;
  /** Queues the mail; it is sent in the background. */
  send(mail: Mail, about: MailAbout): void;
  /** Resolves once every mail queued so far was sent or given up (tests, shutdown). */
  idle(): Promise<void>;
  close(): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export const isLoopbackHost = (host: string): boolean =>
  LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Transport options from SMTP_URL: TLS required unless the server is on loopback. */
export function transportOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const loopback = isLoopbackHost(url.hostname);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !loopback,
    ignoreTLS: !secure && loopback,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  };
}

export function createMailer(config: MailConfig, logger: Logger): Mailer {
  const options = transportOptions(config.smtpUrl);
  const transport = nodemailer.createTransport(options);
  const pending = new Set<Promise<void>>();
  return {
    host: options.host,
    send(mail, about) {
      const started = Date.now();
      const { event, ...ids } = about;
      const sending: Promise<void> = transport
        .sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text })
        .then(
          () => logger.info(event, { ...ids, outcome: 'ok', ms: Date.now() - started }),
          (err: unknown) => logger.warn(event, { ...ids, outcome: 'error', code: errorCode(err) }),
        )
        .finally(() => pending.delete(sending));
      pending.add(sending);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: () => transport.close(),
  };
}
