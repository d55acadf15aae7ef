import { rmSync } from 'node:fs';
import { type FastifyInstance } from 'fastify';
import { readConfig } from '../../api/config.js';
import { type Mutua, openMutua } from '../../api/mutua.js';
import { buildServer } from '../../api/server.js';
import { TestClock } from '../mail/mail-fixture.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlClient, type RunningServer, temporaryDataDirectory } from './mutua-server.js';
import { SmtpInbox } from './smtp-inbox.js';

export const PUBLIC_URL = 'https://mutua.pole.test';

/** A Mutua server listening on loopback, on a clock the test moves, mailing a real SMTP server on loopback. */
export interface ServerOnAClock {
  url: string;
  clock: TestClock;
  mutua: Mutua;
  inbox: SmtpInbox;
  dataDirectory: string;
  graphql: RunningServer['graphql'];
  stop(): Promise<void>;
}

/**
 * Opens Mutua in this process, as `npm start` does but with `clock` as its one clock, serves it
 * over HTTP on a free loopback port, and starts its mail sender towards a loopback SMTP server.
 */
export async function startServerOnAClock(clock = new TestClock(), env: Record<string, string> = {}): Promise<ServerOnAClock> {
  const dataDirectory = temporaryDataDirectory();
  const inbox = new SmtpInbox();
  await inbox.start();
  process.env.LOG_LEVEL = 'silent';
  const config = readConfig({
    MUTUA_DATA_DIR: dataDirectory, MUTUA_ADMIN_EMAIL: ADMIN_EMAIL, MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    MUTUA_SMTP_URL: inbox.url, MUTUA_MAIL_FROM: 'Pôle <mutua@pole.test>', MUTUA_PUBLIC_URL: PUBLIC_URL, ...env,
  });
  const mutua = await openMutua(config, { warn: () => undefined, info: () => undefined }, { clock: clock.now });
  const server: FastifyInstance = await buildServer(mutua, config);
  await server.listen({ port: 0, host: '127.0.0.1' });
  mutua.startMailSender(server.log);
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url, clock, mutua, inbox, dataDirectory,
    graphql: graphqlClient(url),
    async stop() {
      await server.close();
      await mutua.close();
      await inbox.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
