import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { type ClaimedMail } from './mail-outbox.js';

/** Hands one mail to whatever delivers it; rejects when it could not. */
export interface MailTransport {
  send(mail: ClaimedMail): Promise<void>;
  close(): void;
}

/** What the sender and the log transport write to: Fastify's pino logger, or anything shaped like it. */
export interface MailLogger {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

/**
 * The Message-ID of a mail, derived from its outbox key and so the same at every attempt: when a
 * mail is sent twice (see `MailSender`), the copies carry the same Message-ID, which mail servers
 * and readers use to recognise (and many to drop) the duplicate.
 */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^\s@>]+)>?\s*$/.exec(from)?.[1] ?? 'mutua.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/** SMTP through nodemailer, with the connection settings of `MUTUA_SMTP_URL` (`smtp://` or `smtps://`). */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  // Short time-outs: a server that does not answer is a failed attempt, tried again later, and a
  // batch of the sender's always ends well within its claim.
  const transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdFor(mail.key, from),
      });
    },
    close: () => transporter.close(),
  };
}

/**
 * Without `MUTUA_SMTP_URL`, mails go to the log, so that `npm start` needs nothing: an operator
 * trying Mutua out reads the invitation links there.
 */
export function logTransport(logger: MailLogger, from: string): MailTransport {
  return {
    async send(mail) {
      logger.info(
        { mail: { messageId: messageIdFor(mail.key, from), from, to: mail.to, subject: mail.subject, text: mail.text } },
        'Mail not sent (MUTUA_SMTP_URL is not set): written to the log instead',
      );
    },
    close: () => undefined,
  };
}
