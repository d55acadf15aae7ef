import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { ledgerCommands, startReadModels } from '../../api/mutua.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { closeWithInvoices } from '../invoicing/close-with-invoices.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { CREATE_USER } from './graphql-documents.js';

interface HistoryEvent { type: string; typeLabel: string; description: string; data: string; memberIds: string[]; hash: string | null }

const HISTORY = `query($memberId: ID, $types: [String!]) {
  history(memberId: $memberId, types: $types, first: 100) { hasMore events { type typeLabel description data memberIds hash } }
}`;
const PASSWORD = 'un-mot-de-passe-long';
const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'invoices-partner-room-test' };

/** A ledger with November 2026 closed, issuing an invoice to Coop and an invoice and a self-billed invoice to Fablab, numbered; Blob gets none. */
async function ledgerWithInvoices(dataDirectory: string): Promise<Record<'coop' | 'fablab' | 'blob', string>> {
  const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
  const store = new SqliteEventStore(database);
  const readModels = await startReadModels(store);
  try {
    const commands = ledgerCommands(store, readModels, () => new Date('2026-12-03T09:00:00Z'));
    const member = async (name: string) => (await commands.members.registerMember(treasurer, { name, legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' })).memberId;
    const ids = { coop: await member('Coop Bâtisseurs'), fablab: await member('Fablab du Quai'), blob: await member('Le Blob') };
    await closeWithInvoices({ store, readModels, commands }, treasurer, {
      from: '2026-11-01', to: '2026-12-01', closedOn: '2026-12-03',
      documents: [{ memberId: ids.coop, kind: 'INVOICE', baseCents: 10_000 }, { memberId: ids.fablab, kind: 'INVOICE', baseCents: 25_050 }, { memberId: ids.fablab, kind: 'SELF_BILLED_INVOICE', baseCents: 4_000 }],
    });
    return ids;
  } finally {
    await readModels.stop();
    await store.close();
    database.close();
  }
}

describe('invoices in the partner room’s history, over HTTP', () => {
  const dataDirectory = temporaryDataDirectory();
  let server: RunningServer;
  let ids: Record<'coop' | 'fablab' | 'blob', string>;
  const tokens = {} as Record<'coordinator' | 'coop' | 'blob', string>;

  const history = async (token: string, variables: Record<string, unknown> = {}) => {
    const response = await server.graphql<{ history: { hasMore: boolean; events: HistoryEvent[] } }>(HISTORY, variables, token);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    expect(response.data.history.hasMore).toBe(false);
    return response.data.history.events;
  };

  beforeAll(async () => {
    ids = await ledgerWithInvoices(dataDirectory);
    server = await startServer({ dataDirectory });
    tokens.coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [key, email] of [['coop', 'contact@coop.test'], ['blob', 'contact@blob.test']] as const) {
      const created = await server.graphql(CREATE_USER, { input: { email, password: PASSWORD, role: 'MEMBER', memberId: ids[key] } }, tokens.coordinator);
      expect(created.errors).toBeUndefined();
      tokens[key] = await loginAs(server, email, PASSWORD);
    }
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('tells the partners which documents a close issued and which numbers they got, linked to the structures invoiced', async () => {
    const events = await history(tokens.coordinator, { types: ['PeriodClosed', 'InvoicesNumbered'] });
    expect(events.map((event) => event.type)).toEqual(['InvoicesNumbered', 'PeriodClosed']);
    const [numbering, close] = events as [HistoryEvent, HistoryEvent];
    expect(numbering).toMatchObject({
      typeLabel: 'Numérotation des factures',
      description: '3 documents numérotés pour la période du 1er nov. 2026 au 1er déc. 2026 (exclu) : FA-2026-000001 à FA-2026-000002, AF-2026-000001',
    });
    expect(numbering.memberIds.sort()).toEqual([ids.coop, ids.fablab].sort());
    expect(close.description).toMatch(/^Clôture de la période du 1er nov\. 2026 au 1er déc\. 2026 \(exclu\) : règlement de \d+ structures? figé, 3 documents émis, empreinte /);
    expect((await history(tokens.coordinator, { memberId: ids.fablab, types: ['InvoicesNumbered'] })).map((event) => event.type)).toEqual(['InvoicesNumbered']);
    expect(await history(tokens.coordinator, { memberId: ids.blob, types: ['InvoicesNumbered'] })).toEqual([]);
    const catalogue = await server.graphql<{ auditEventTypes: Array<{ type: string; label: string; area: string }> }>('{ auditEventTypes { type label area } }', {}, tokens.coordinator);
    expect(catalogue.data!.auditEventTypes).toContainEqual({ type: 'InvoicesNumbered', label: 'Numérotation des factures', area: 'FINANCE' });
  });

  it('shows a member the numbering of its own documents with its own numbers only, and a member invoiced nothing no numbering', async () => {
    for (const variables of [{}, { memberId: ids.coop }]) {
      const seen = (await history(tokens.coop, variables)).filter((event) => event.type === 'InvoicesNumbered' || event.type === 'PeriodClosed');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ description: '1 document numéroté pour la période du 1er nov. 2026 au 1er déc. 2026 (exclu) : FA-2026-000001', memberIds: [ids.coop] });
      expect(JSON.parse(seen[0]!.data)).toMatchObject({ numbers: [{ number: 'FA-2026-000001' }] });
      expect(seen[0]!.data).not.toContain(ids.fablab);
    }
    expect((await history(tokens.blob)).some((event) => event.type === 'InvoicesNumbered' || event.type === 'PeriodClosed')).toBe(false);
  });
});
