// A local SMTP server on 127.0.0.1 (the `smtp-server` package, the server half of nodemailer's
// project): receives what Callflow's mailer sends over real SMTP and keeps each raw message, so
// tests can read a link out of an invitation or scan a notification for call content.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as it travelled (headers and body, RFC 5322). */
  raw: string;
}

export interface FakeSmtp {
  /** `smtp://127.0.0.1:<port>` — loopback, so the mailer sends without TLS. */
  url: string;
  received: ReceivedMail[];
  /** Resolves once `count` mails have arrived. */
  waitFor(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        for (const w of waiters.filter((x) => received.length >= x.count)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve(received)
        : new Promise((resolve) => waiters.push({ count, resolve: () => resolve(received) })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const qp = (s: string) =>
  s.replace(/(?:=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));

/** The decoded text of a mail: encoded-word headers (RFC 2047) and the quoted-printable body. */
export function mailText(raw: string): string {
  return qp(
    raw
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : qp(text.replace(/_/g, ' ')),
      )
      .replace(/=\r?\n/g, ''),
  );
}
