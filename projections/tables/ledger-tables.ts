import { calendarsTables } from '../calendars/calendars-projection.js';
import { declarationsTables } from '../declarations/declarations-projection.js';
import { financeTables } from '../finance/finance-projection.js';
import { invoicesTables } from '../invoices/invoices-projection.js';
import { logIndexTables } from '../log-index/log-index-projection.js';
import { membersTables } from '../members/members-projection.js';
import { resourcesTables } from '../resources/resources-projection.js';
import { sitesTables } from '../sites/sites-projection.js';
import { usageTables } from '../usage/usage-projection.js';
import { type TableProjection } from './table-projection.js';

/** The read models kept in tables, in the order they are folded within a batch. */
export const LEDGER_TABLES: readonly TableProjection[] = [sitesTables, membersTables, resourcesTables, calendarsTables, usageTables, declarationsTables, financeTables, invoicesTables, logIndexTables];
