import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';

export interface PostgresSchemas {
  /** A new empty schema's connection string (see `urlOf`). */
  freshSchemaUrl(): Promise<string>;
  /** A new empty schema, by name: for a case that looks for its sessions, which carry the name as their `application_name`. */
  freshSchema(): Promise<string>;
  /** A connection string whose sessions work in `schema` and are named after it, with more settings (`name=value`) if given. */
  urlOf(schema: string, ...settings: string[]): string;
  /** Runs a statement as the cluster's administrator, outside every case's schema (to end another session, for one). */
  adminQuery(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

/**
 * One throw-away PostgreSQL cluster for a whole test file, started before its tests and stopped
 * after them, and a fresh schema for each case that asks: its connections reach it through their
 * `search_path`, so every case starts from empty tables, and a schema costs nothing to create
 * where a cluster takes seconds.
 */
export function postgresSchemaPerCase(): PostgresSchemas {
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
  const postgres: PostgresSchemas = {
    async freshSchemaUrl() {
      return postgres.urlOf(await postgres.freshSchema());
    },
    async freshSchema() {
      schemas += 1;
      const schema = `case_${schemas}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      return schema;
    },
    urlOf(schema, ...settings) {
      const options = [`search_path=${schema}`, ...settings].map((setting) => `-c ${setting}`).join(' ');
      return `${cluster.url}?application_name=${schema}&options=${encodeURIComponent(options)}`;
    },
    adminQuery: (text, values) => admin.query(text, values),
  };
  return postgres;
}
