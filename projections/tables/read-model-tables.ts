/**
 * Every read-model table, as Kysely types them: each projection declares its own and adds them
 * here. Columns are snake_case, as an operator reading the database with `sqlite3` or `psql`
 * expects; booleans are integers 0/1 and instants ISO 8601 text (but in `reservations`, which
 * keeps them in milliseconds: see there), so that SQLite and PostgreSQL store the same values.
 */
import { type CalendarsTables } from '../calendars/calendars-projection.js';
import { type DeclarationsTables } from '../declarations/declarations-projection.js';
import { type FinanceTables } from '../finance/finance-projection.js';
import { type InvoicesTables } from '../invoices/invoices-projection.js';
import { type LogIndexTables } from '../log-index/log-index-projection.js';
import { type MembersTables } from '../members/members-projection.js';
import { type ResourcesTables } from '../resources/resources-projection.js';
import { type SitesTables } from '../sites/sites-projection.js';
import { type UsageTables } from '../usage/usage-projection.js';
import { type CheckpointTables } from './checkpoints.js';

export type ReadModelTables = CheckpointTables & SitesTables & MembersTables & ResourcesTables & CalendarsTables & UsageTables & DeclarationsTables & FinanceTables & InvoicesTables & LogIndexTables;
