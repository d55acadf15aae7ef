import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { eventsIn } from '../support/server-sent-events.js';
import { stallingSmtpServer } from '../support/smtp-inbox.js';

/**
 * What a service manager's stop (SIGTERM) does to a real server with clients connected: it ends
 * what never ends by itself, answers what was asked, and exits well within `docker stop`'s 10 s.
 */
describe('a server stopped while clients are connected', () => {
  let server: RunningServer | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('ends a page\'s live updates with SERVER_STOPPING and exits, instead of waiting for the page to leave', async () => {
    server = await startServer();
    const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { reservationsChanged { id } }' }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const exited = exitOf(server);
    server.process.kill('SIGTERM');
    const stream = await response.text();
    const events = eventsIn(stream);
    expect(events.map(({ event }) => event)).toEqual(['next', 'complete']);
    expect(events[0]!.data).toMatchObject({ data: null, errors: [{ extensions: { code: 'SERVER_STOPPING' } }] });
    expect(await exited).toBe(0);
  });

  it('answers a request whose body was still arriving when the stop began, then closes its connection and exits', async () => {
    server = await startServer();
    const body = JSON.stringify({ query: '{ __typename }' });
    const socket = await connected(server.url);
    const received = receivedOn(socket);
    // The server says « 100 Continue » once it has read the headers and taken the request in:
    // only then is the request in flight (sent earlier, it might be read after the stop, and refused).
    socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    await received.continued;
    socket.write(body.slice(0, 5));
    const exited = exitOf(server);
    server.process.kill('SIGTERM');
    await refusesNewConnections(server.url);
    socket.write(body.slice(5));
    const { head, rest } = await received.answer;
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head).toMatch(/^connection: close$/im);
    expect(rest).toContain('"__typename":"Query"');
    expect(await exited).toBe(0);
  });

  it('exits while a mail is being handed to an SMTP server that stalls, instead of waiting for the transport to give up', async () => {
    const smtp = await stallingSmtpServer();
    try {
      server = await startServer({ env: { MUTUA_SMTP_URL: smtp.url, MUTUA_MAIL_FROM: 'Pôle <mutua@pole.test>' } });
      const asked = await server.graphql('mutation($email: String!) { requestPasswordReset(email: $email) }', { email: ADMIN_EMAIL });
      expect(asked.errors).toBeUndefined();
      await smtp.connected;
      const exited = exitOf(server);
      server.process.kill('SIGTERM');
      expect(await exited).toBe(0);
      // The sender stopped waiting for the mail, whose transport waits 10 s for the server's greeting.
      expect(server.output()).toContain('Mail still being handed to the SMTP server as the sender stops');
    } finally {
      await smtp.close();
    }
  });
});

/** The process's exit code; fails the test if it is still running 10 s after the stop (a keep-alive alone held it 72 s). */
function exitOf(server: RunningServer): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const late = setTimeout(() => reject(new Error(`Still running 10 s after SIGTERM:\n${server.output()}`)), 10_000);
    server.process.once('exit', (code) => {
      clearTimeout(late);
      resolve(code);
    });
  });
}

function connected(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';

/**
 * What the server sends on `socket`: `continued` once it has said « 100 Continue », and `answer`,
 * everything after that until it closes the socket, split at the end of the headers.
 */
function receivedOn(socket: Socket): { continued: Promise<void>; answer: Promise<{ head: string; rest: string }> } {
  let received = '';
  let saidContinue: () => void = () => undefined;
  const continued = new Promise<void>((resolve) => (saidContinue = resolve));
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
    if (received.startsWith(CONTINUE)) saidContinue();
  });
  const answer = new Promise<{ head: string; rest: string }>((resolve) => socket.once('close', () => {
    const response = received.startsWith(CONTINUE) ? received.slice(CONTINUE.length) : received;
    const end = response.indexOf('\r\n\r\n');
    resolve({ head: response.slice(0, end), rest: response.slice(end + 4) });
  }));
  return { continued, answer };
}

/** Resolves once the server no longer takes connections: its stop has begun. */
async function refusesNewConnections(url: string): Promise<void> {
  for (;;) {
    try {
      (await connected(url)).destroy();
    } catch {
      return;
    }
    await sleep(20);
  }
}
