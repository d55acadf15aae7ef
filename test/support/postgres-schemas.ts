import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';

/**
 * One throw-away PostgreSQL cluster for a whole test file, started before its tests and stopped
 * after them, and a fresh schema for each case that asks: its connections reach it through their
 * `search_path`, so every case starts from empty tables, and a schema costs nothing to create
 * where a cluster takes seconds.
 */
export function postgresSchemaPerCase(): { freshSchemaUrl(): Promise<string> } {
  let cluster: PostgresCluster;
  let admin: pg.Client;
  let schemas = 0;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await cluster?.stop();
  });
  return {
    async freshSchemaUrl() {
      schemas += 1;
      const schema = `case_${schemas}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      return `${cluster.url}?application_name=${schema}&options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    },
  };
}
