import pg from 'pg';
import { type HostAndPort, parsePostgresUrl } from './postgres-url.js';

/**
 * node-postgres connects to one host only: it neither parses libpq's multi-host URLs
 * (`postgres://u@h1:5432,h2:5432/db`) nor honours `target_session_attrs` (brianc/node-postgres#1470).
 * Mutua parses them itself, so that its servers follow a standby promoted in place of a lost primary
 * without a restart: each new connection goes to the last host found writable; when that host
 * refuses or turns out read-only, the hosts are tried again in their order, as libpq does, keeping
 * the first whose `SHOW transaction_read_only` says `off`.
 */
export interface PostgresConnection {
  /** A URL node-postgres can parse (the first host), for the user, database, password and options. */
  connectionString: string;
  /** The client class to use for every connection (pools and single clients alike). */
  Client: typeof pg.Client;
}

/**
 * A client that survives its server ending the connection while it is checked out of a pool
 * between two queries (a primary killed, a standby promoted): pg-pool listens for errors only on
 * idle clients, and an 'error' event nobody listens to would end the whole process. The client
 * is then no longer queryable: its next query fails, and the pool discards it when released.
 */
class DroppableClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** Host lists are shared by every pool and client of one URL: one finds the new primary for all. */
const hostLists = new Map<string, HostList>();

/** The connection to use for a `DATABASE_URL`, with one host or several (see above). */
export function postgresConnection(url: string): PostgresConnection {
  const parsed = parsePostgresUrl(url);
  if (parsed.hosts.length === 1 && parsed.targetSessionAttrs === 'any') return { connectionString: url, Client: DroppableClient };
  let hostList = hostLists.get(url);
  if (!hostList) {
    hostList = new HostList(parsed.hosts, parsed.targetSessionAttrs === 'read-write', parsed.urlForHost);
    hostLists.set(url, hostList);
  }
  return { connectionString: parsed.urlForHost(parsed.hosts[0]!), Client: hostList.clientClass() };
}

class HostList {
  /** The host the last connection found acceptable; undefined until found, and again once it fails. */
  private current: HostAndPort | undefined;

  constructor(
    private readonly hosts: readonly HostAndPort[],
    private readonly readWriteOnly: boolean,
    private readonly urlForHost: (host: HostAndPort) => string,
  ) {}

  /** A pg.Client whose connect() goes to the host this list chooses, and refuses a read-only one. */
  clientClass(): typeof pg.Client {
    const connectClient = (client: pg.Client, connectToChosenHost: () => Promise<void>) => this.connectClient(client, connectToChosenHost);
    class HostListClient extends DroppableClient {
      override connect(): Promise<pg.Client>;
      override connect(callback: ((error: Error) => void) | ((error: null, client: pg.Client) => void)): void;
      override connect(callback?: ((error: Error) => void) | ((error: null, client: pg.Client) => void)): Promise<pg.Client> | void {
        const connecting = connectClient(this, async () => {
          await super.connect();
        }).then(() => this);
        if (!callback) return connecting;
        // pg-pool connects with a callback: (error) on failure, (null, client) on success.
        const report = callback as (error: Error | null, client?: pg.Client) => void;
        connecting.then((client) => report(null, client), (error: Error) => report(error));
      }
    }
    return HostListClient;
  }

  private async connectClient(client: pg.Client, connectToChosenHost: () => Promise<void>): Promise<void> {
    const host = this.current ?? (await this.findAcceptableHost());
    // The client was built for the first host: it reaches the chosen one instead.
    const target = client as unknown as { host: string; port: number; connectionParameters: { host: string; port: number } };
    target.host = target.connectionParameters.host = host.host.replace(/^\[|\]$/g, '');
    target.port = target.connectionParameters.port = host.port;
    try {
      await connectToChosenHost();
    } catch (error) {
      this.forget(host);
      throw error;
    }
    if (this.readWriteOnly && (await isReadOnly(client))) {
      this.forget(host);
      await client.end().catch(() => undefined);
      throw new Error(`PostgreSQL ${host.host}:${host.port} is read-only (a standby)`);
    }
  }

  /** The next connection tries the hosts in order again. */
  private forget(host: HostAndPort): void {
    if (this.current === host) this.current = undefined;
  }

  /** Tries every host in order, as libpq does, and keeps the first acceptable one. */
  private async findAcceptableHost(): Promise<HostAndPort> {
    const refusals: string[] = [];
    for (const host of this.hosts) {
      const probe = new pg.Client({ connectionString: this.urlForHost(host), connectionTimeoutMillis: 5_000 });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if (!this.readWriteOnly || !(await isReadOnly(probe))) {
          this.current = host;
          return host;
        }
        refusals.push(`${host.host}:${host.port} read-only`);
      } catch (error) {
        refusals.push(`${host.host}:${host.port} ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await probe.end().catch(() => undefined);
      }
    }
    throw new Error(`No PostgreSQL host of DATABASE_URL takes writes now (${refusals.join('; ')})`);
  }
}

async function isReadOnly(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
  return rows[0]?.transaction_read_only !== 'off';
}
