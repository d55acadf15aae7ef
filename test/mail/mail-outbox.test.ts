import { describeMailOutbox } from './mail-outbox-contract.js';
import { sqliteMailStores } from './mail-fixture.js';

describeMailOutbox('SQLite', () => Promise.resolve(sqliteMailStores()));
