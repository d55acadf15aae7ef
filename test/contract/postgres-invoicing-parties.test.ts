import { openPostgresReadModels } from '../../projections/tables/postgres-read-model-database.js';
import { postgresSchemaPerCase } from '../support/postgres-schemas.js';
import { invoicingPartiesContract } from './invoicing-parties-contract.js';

/** The same contract on a throw-away PostgreSQL cluster, a fresh schema per read-model database. */
const postgres = postgresSchemaPerCase();
invoicingPartiesContract('PostgreSQL', async () => openPostgresReadModels(await postgres.freshSchemaUrl()));
