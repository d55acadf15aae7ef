/**
 * One application process of the skewed-clocks test, with a clock of its own:
 *
 *   node --import tsx test/support/skewed-clock-worker.ts <sqlite file>
 *
 * It must be spawned with an IPC channel. It opens the ledger on the shared file, says `ready`,
 * then answers each message: `setClock` sets its clock to an instant from which it keeps running
 * (as a machine whose clock is set wrong), `reserve` sends every requested reservation at once
 * through the real command handlers and answers, for each, the reservation granted or the code of
 * the refusal.
 */
import { ledgerCommands, startReadModels } from '../../api/mutua.js';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { DomainError } from '../../domain/shared/errors.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';

export interface SlotRequest {
  resourceId: string;
  memberId: string;
  start: string;
  end: string;
}

export type ReservationOutcome = { granted: string } | { refused: string };

export type ParentMessage =
  | { type: 'setClock'; instant: string }
  | { type: 'reserve'; requests: SlotRequest[] }
  | { type: 'stop' };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'clockSet' }
  | { type: 'reserved'; outcomes: ReservationOutcome[] };

const [file] = process.argv.slice(2);
if (!file || !process.send) throw new Error('Usage: node --import tsx skewed-clock-worker.ts <file>, spawned with an IPC channel');

const database = openSqliteDatabase(file);
const store = new SqliteEventStore(database);
const readModels = await startReadModels(store);

let clockSetAt = { instantMs: 0, monotonicMs: performance.now() };
const clock = () => new Date(clockSetAt.instantMs + (performance.now() - clockSetAt.monotonicMs));
const commands = ledgerCommands(store, readModels, clock);

const send = (message: WorkerMessage) => process.send!(message);

async function reserve(request: SlotRequest): Promise<ReservationOutcome> {
  try {
    const reservation = await commands.reservations.reserve({ actor: SYSTEM_ACTOR, correlationId: 'skewed-clock' }, {
      ...request, start: new Date(request.start), end: new Date(request.end), quantity: 1, purpose: null,
    });
    return { granted: reservation.reservationId };
  } catch (error) {
    if (error instanceof DomainError) return { refused: error.code };
    throw error;
  }
}

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'setClock':
      clockSetAt = { instantMs: Date.parse(message.instant), monotonicMs: performance.now() };
      send({ type: 'clockSet' });
      return;
    case 'reserve':
      void Promise.all(message.requests.map(reserve)).then((outcomes) => send({ type: 'reserved', outcomes }));
      return;
    case 'stop':
      void readModels.stop().then(async () => {
        await store.close();
        database.close();
        process.disconnect();
      });
      return;
  }
});

send({ type: 'ready' });
