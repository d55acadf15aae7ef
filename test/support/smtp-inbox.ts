import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as a loopback SMTP server received it, with its headers and parts decoded for assertions. */
export interface ReceivedMail {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server), which keeps what it receives. It can be stopped
 * and started again on the same port, as an SMTP server that goes down and comes back.
 */
export class SmtpInbox {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.mails.push({ ...parseMail(raw), to: session.envelope.rcptTo.map((address) => address.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until `count` mails have arrived (at most `timeoutMs`), then returns them all. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      if (Date.now() > deadline) throw new Error(`Expected ${count} mails, received ${this.mails.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.mails;
  }
}

/** The choose-password link of the latest mail, once `count` mails have arrived. */
export async function linkInMail(inbox: SmtpInbox, count: number): Promise<string> {
  const mails = await inbox.waitFor(count, 30_000);
  const link = /https?:\/\/\S+#\/choose-password\?token=[\w-]+/.exec(mails[count - 1]!.text)?.[0];
  if (!link) throw new Error(`No link in the mail:\n${mails[count - 1]!.text}`);
  return link;
}

/** A TCP server on loopback that takes connections and never says a word: an SMTP server that stalls. */
export async function stallingSmtpServer() {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The first connection, once taken. */
    connected: once(server, 'connection').then(([socket]) => socket as Socket),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Enough MIME for the mails nodemailer writes: headers, a multipart/alternative, quoted-printable or base64. */
function parseMail(raw: string): Omit<ReceivedMail, 'to' | 'raw'> {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers = head.replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const body = rest.join('\r\n\r\n');
  return { messageId: header('Message-ID'), subject: decodeWords(header('Subject')), text: partOf(body, 'text/plain'), html: partOf(body, 'text/html') };
}

function partOf(body: string, type: string): string {
  const match = new RegExp(`Content-Type: ${type}[^\\r]*\\r\\nContent-Transfer-Encoding: ([\\w-]+)\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`, 'i').exec(body);
  if (!match) return '';
  const [, encoding = '', content = ''] = match;
  if (encoding.toLowerCase() === 'base64') return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding.toLowerCase() === 'quoted-printable') return decodeQuotedPrintable(content);
  return content;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value.replace(/\s*=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_match, kind: string, content: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(content, 'base64').toString('utf8')
      : decodeQuotedPrintable(content.replace(/_/g, ' ')),
  ).trim();
}
