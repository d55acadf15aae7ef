import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { LEDGER_PROJECTIONS, type LedgerCommands, ledgerCommands } from '../../api/mutua.js';
import { DomainError } from '../../domain/shared/errors.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { readWholeLog, verifyEvents } from '../../eventstore/integrity/verify-store.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { SnapshotStore } from '../../projections/snapshot-store.js';

const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'test' };

describe('closing a period on a real SQLite store', () => {
  let directory: string;
  let database: BetterSqlite3.Database;
  let store: SqliteEventStore;
  let projections: ProjectionEngine;
  let commands: LedgerCommands;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-settlement-'));
    database = openSqliteDatabase(join(directory, 'mutua.sqlite'));
    store = new SqliteEventStore(database);
    projections = new ProjectionEngine(store, LEDGER_PROJECTIONS, new SnapshotStore(database));
    await projections.start();
    commands = ledgerCommands(store, projections, () => new Date('2026-04-02T10:00:00Z'));
  });
  afterEach(async () => {
    await projections.stop();
    await store.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('settles every cost that landed before the close and refuses every later one with PERIOD_CLOSED', async () => {
    for (const name of ['Coop Bâtisseurs', 'Les Daurades']) {
      await commands.members.registerMember(treasurer, { name, legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    }
    const pool = await commands.finance.defineCostPool(treasurer, { name: 'Assurance', accountNumber: '616000', key: { kind: 'EQUAL' }, resourceIds: [] });
    const period = await commands.finance.openPeriod(treasurer, { from: '2026-03-01', to: '2026-04-01' });
    const attempts = Array.from({ length: 20 }, (_, index) =>
      commands.finance.recordCost(treasurer, { poolId: pool.poolId, amountCents: 100 + index, incurredOn: '2026-03-10', label: `Facture ${index}`, reference: null }));
    const close = commands.finance.closePeriod(treasurer, period.periodId);
    const outcomes = await Promise.allSettled(attempts);
    const closed = await close;

    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [(outcome.reason as DomainError).code] : []));
    expect(new Set(refusals).size).toBeLessThanOrEqual(1);
    if (refusals.length > 0) expect(refusals[0]).toBe('PERIOD_CLOSED');
    const landedCents = outcomes.reduce((sum, outcome, index) => sum + (outcome.status === 'fulfilled' ? 100 + index : 0), 0);
    expect(closed.settlement?.totals.poolSharesCents).toBe(landedCents);
    await expect(commands.finance.recordCost(treasurer, { poolId: pool.poolId, amountCents: 1, incurredOn: '2026-03-31', label: 'Tardive', reference: null }))
      .rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    expect((await verifyEvents(readWholeLog(store))).problems).toEqual([]);
  });
});
