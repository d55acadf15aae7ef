/** The treasury's part of the schema: cost pools and keys, periods and their entries, settlements and the books. */
import './cost-pool.js';
import './period.js';
import './settlement.js';
import './journal.js';
import './vat.js';
import './invoice.js';
