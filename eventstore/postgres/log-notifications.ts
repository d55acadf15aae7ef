import pg from 'pg';
import { LOG_CHANNEL } from './append-transaction.js';
import { postgresConnection } from './host-list.js';

/**
 * One LISTEN connection per store, shared by its subscriptions: every commit that appended events
 * notifies the channel, and each notification wakes the subscriptions of every process. A
 * notification sent while the connection is down is lost, so subscriptions also poll (see
 * PostgresEventStore); a lost connection is opened again the next time a subscription waits.
 */
export class LogNotifications {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly onNotification: () => void,
  ) {}

  /** Starts listening if not already; never throws (polling covers the time without a connection). */
  ensureListening(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.connecting ??= this.listen().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const { connectionString, Client } = postgresConnection(this.connectionString);
    const client = new Client({ connectionString });
    const drop = () => {
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.onNotification());
    try {
      await client.connect();
      await client.query(`LISTEN ${LOG_CHANNEL}`);
    } catch {
      drop();
      return;
    }
    if (this.closed) {
      drop();
      return;
    }
    this.client = client;
    // Events committed while no connection listened are found by the read that follows a wake.
    this.onNotification();
  }
}
