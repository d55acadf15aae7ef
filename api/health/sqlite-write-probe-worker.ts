/**
 * The thread that commits /health's write probe to the SQLite store's file (see
 * `SqliteWriteProbe`): it opens the file at its first probe and keeps the connection. A refusal
 * comes back as the reason /health shows, in the words the request thread's own writes would give.
 */
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { toStoreError } from '../../eventstore/sqlite/sqlite-event-store.js';
import { writeProbe } from '../../eventstore/sqlite/write-probe.js';
import { answerQuestions } from '../threads/answer-questions.js';
import { describeStoreError } from './store-health.js';

let probe: (() => void) | undefined;

answerQuestions((file: string): string | null => {
  try {
    probe ??= probeOn(file);
    probe();
    return null;
  } catch (error) {
    return describeStoreError(toStoreError(error));
  }
});

/**
 * A connection that could not prepare the probe is closed, and opened again at the next probe. The
 * file is the server's store: gone, /health says so (`SQLITE_CANTOPEN`), rather than the probe
 * making an empty store in its place, which a thread opening the store next would read.
 */
function probeOn(file: string): () => void {
  const db = openSqliteDatabase(file, { mustExist: true });
  try {
    return writeProbe(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
