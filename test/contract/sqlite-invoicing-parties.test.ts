import { openInMemoryReadModels } from '../../projections/tables/read-model-database.js';
import { invoicingPartiesContract } from './invoicing-parties-contract.js';

invoicingPartiesContract('SQLite', () => Promise.resolve(openInMemoryReadModels()));
