import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/mutua-server.js';
import { buildPartnerRoomPole, type PartnerRoomPole } from './partner-room-fixture.js';

interface HistoryEvent {
  type: string; description: string; streamId: string; revision: number; eventId: string; reason: string | null;
  correlationId: string; businessDate: string | null; hash: string | null; data: string; memberIds: string[];
  actor: { label: string; role: string; personErased: boolean; member: { id: string } | null };
}
interface HistoryPage { events: HistoryEvent[]; endCursor: string | null; hasMore: boolean }

/** The ids an event's data names, of those these tests look for. */
const idsIn = (event: HistoryEvent) => JSON.parse(event.data) as { resourceId?: string; memberId?: string };

const HISTORY = `query($memberId: ID, $resourceId: ID, $periodId: ID, $types: [String!], $order: HistoryOrder, $first: Int, $after: String) {
  history(memberId: $memberId, resourceId: $resourceId, periodId: $periodId, types: $types, order: $order, first: $first, after: $after) {
    endCursor hasMore
    events { type description streamId revision eventId reason correlationId businessDate hash data memberIds actor { label role personErased member { id } } }
  }
}`;
const INTEGRITY = '{ verifyIntegrity { ok eventsChecked periodClosesChecked logDigest summary problems { kind streamId revision eventId position message } } }';

describe('the partner room over HTTP: history, integrity, indicators', () => {
  let server: RunningServer;
  let pole: PartnerRoomPole;

  /** A browser's link to a file: the session token never goes into an address. */
  const downloadLink = async (token: string, path: string): Promise<string> => {
    const response = await server.graphql<{ downloadLink: { url: string } }>('mutation($path: String!) { downloadLink(path: $path) { url } }', { path }, token);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.downloadLink.url;
  };
  const history = async (token: string, variables: Record<string, unknown>) => {
    const response = await server.graphql<{ history: HistoryPage }>(HISTORY, { first: 100, ...variables }, token);
    return { page: response.data?.history, code: response.errors?.[0]?.extensions?.code };
  };
  const wholeHistory = async (token: string, variables: Record<string, unknown> = {}) => {
    const events: HistoryEvent[] = [];
    for (let after: string | undefined; ;) {
      const { page, code } = await history(token, { ...variables, ...(after ? { after } : {}) });
      if (!page) throw new Error(`history refused: ${code}`);
      events.push(...page.events);
      if (!page.hasMore) return events;
      after = page.endCursor!;
    }
  };

  beforeAll(async () => {
    server = await startServer();
    pole = await buildPartnerRoomPole(server);
  });
  afterAll(() => server?.stop());

  it('tells the whole history in plain French, newest first, with who, when and why on every event', async () => {
    const events = await wholeHistory(pole.tokens.auditor);
    expect(events[0]!.type).toBe('PaymentRecorded');
    expect(events.at(-1)!.type).toBe('MemberRegistered');
    const reserved = events.find((event) => event.type === 'ResourceReserved' && event.description.startsWith('Coop Bâtisseurs a réservé Grande salle le '))!;
    expect(reserved.description).toMatch(/^Coop Bâtisseurs a réservé Grande salle le \d{1,2}(er)? \S+ \d{4} de \d{1,2} h( \d{2})? à \d{1,2} h( \d{2})?$/);
    expect(reserved.actor).toMatchObject({ label: 'Coop Bâtisseurs (structure membre)', role: 'MEMBER', member: { id: pole.ids.coop } });
    expect(reserved.businessDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(reserved.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(reserved.data)).toMatchObject({ resourceId: pole.ids.room, memberId: pole.ids.coop });
    const late = events.find((event) => event.type === 'ReservationCancelled')!;
    expect(late.description).toContain('le montant reste dû');
    const reversal = events.find((event) => event.type === 'CostReversed')!;
    expect(reversal).toMatchObject({ reason: 'Facture reçue deux fois', actor: { label: 'Trésorerie' } });
    expect(events.find((event) => event.type === 'PeriodClosed')!.description).toMatch(/^Clôture de la période .* empreinte [0-9a-f]{12}…/);
    // Two events of one request (a calendar month opened for the first reservation, and the reservation) share a correlation id.
    const opened = events.find((event) => event.type === 'CalendarEpochOpened' && event.memberIds.length === 0)!;
    expect(events.some((event) => event !== opened && event.correlationId === opened.correlationId && event.type === 'ResourceReserved')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/@/);
  });

  it('shows one thing’s history on its own: a resource, a period', async () => {
    const room = await wholeHistory(pole.tokens.coordinator, { resourceId: pole.ids.room, order: 'OLDEST_FIRST' });
    expect(room[0]!.type).toBe('ResourceRegistered');
    expect(room.every((event) => event.streamId.includes(pole.ids.room) || idsIn(event).resourceId === pole.ids.room)).toBe(true);
    const lastMonth = await wholeHistory(pole.tokens.treasurer, { periodId: pole.ids.lastMonth });
    expect(lastMonth.map((event) => event.type)).toEqual(expect.arrayContaining(['PeriodClosed', 'CostRecorded', 'PaymentRecorded', 'UsageRecorded', 'PeriodOpened']));
    // The correction made in this month's journal belongs to last month's story too.
    expect(lastMonth.map((event) => event.type)).toContain('CostReversed');
  });

  it('shows a member its own structure’s history and the shared resources’, never another structure’s finances', async () => {
    const seen = await wholeHistory(pole.tokens.member);
    expect(seen.some((event) => event.type === 'PaymentRecorded' && idsIn(event).memberId === pole.ids.coop)).toBe(true);
    expect(seen.some((event) => event.type === 'PaymentRecorded' && idsIn(event).memberId === pole.ids.fablab)).toBe(false);
    expect(seen.map((event) => event.type)).not.toEqual(expect.arrayContaining(['PeriodClosed']));
    expect(seen.some((event) => event.type === 'CostRecorded')).toBe(false);
    expect(seen.some((event) => event.type === 'ResourceReserved' && idsIn(event).memberId === pole.ids.blob)).toBe(true);
    expect((await history(pole.tokens.member, { memberId: pole.ids.fablab })).code).toBe('FORBIDDEN');
    expect((await history(pole.tokens.member, { memberId: pole.ids.coop })).page!.events.length).toBeGreaterThan(3);
    expect((await server.graphql(INTEGRITY, {}, pole.tokens.member)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { from, to } = pole.periods.lastMonth;
    expect((await fetch(`${server.url}${await downloadLink(pole.tokens.member, `/exports/impact.csv?from=${from}&to=${to}`)}`)).status).toBe(403);
    expect((await fetch(`${server.url}${await downloadLink(pole.tokens.member, '/exports/audit-bundle.jsonl')}`)).status).toBe(403);
  });

  it('shows an erased person as « personne effacée », and their acts stay verifiable', async () => {
    const erase = await server.graphql('mutation($userId: ID!) { eraseUser(userId: $userId) }', { userId: pole.ids.memberUser }, pole.tokens.coordinator);
    expect(erase.errors).toBeUndefined();
    const events = await wholeHistory(pole.tokens.auditor, { memberId: pole.ids.coop, types: ['ResourceReserved'] });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.actor.label === 'personne effacée — Coop Bâtisseurs (structure membre)' && event.actor.personErased)).toBe(true);
    const { data } = await server.graphql<{ verifyIntegrity: { ok: boolean } }>(INTEGRITY, {}, pole.tokens.auditor);
    expect(data!.verifyIntegrity.ok).toBe(true);
  });

  it('checks the integrity of the live store for an auditor, and names an altered event', async () => {
    const before = await server.graphql<{ verifyIntegrity: { ok: boolean; periodClosesChecked: number; summary: string; problems: unknown[] } }>(INTEGRITY, {}, pole.tokens.auditor);
    expect(before.data!.verifyIntegrity).toMatchObject({ ok: true, periodClosesChecked: 1, problems: [] });
    expect(before.data!.verifyIntegrity.summary).toMatch(/^OK — [\d\u202f]+ événements vérifiés/);

    const database = new Database(join(server.dataDirectory, 'mutua.sqlite'));
    const target = database.prepare(`SELECT position, stream_id, revision, event_id FROM events WHERE type = 'PaymentRecorded' ORDER BY position LIMIT 1`)
      .get() as { position: number; stream_id: string; revision: number; event_id: string };
    database.prepare(`UPDATE events SET data = replace(data, '50000', '5000') WHERE position = ?`).run(target.position);
    database.close();

    const after = await server.graphql<{ verifyIntegrity: { ok: boolean; problems: Array<Record<string, unknown>> } }>(INTEGRITY, {}, pole.tokens.auditor);
    expect(after.data!.verifyIntegrity.ok).toBe(false);
    expect(after.data!.verifyIntegrity.problems).toContainEqual({
      kind: 'HASH_MISMATCH', streamId: target.stream_id, revision: target.revision, eventId: target.event_id, position: target.position,
      message: 'contenu modifié depuis son enregistrement',
    });
  });

  it('computes impact indicators from the events, as GraphQL, JSON and CSV with the census vocabulary', async () => {
    const { from } = pole.periods.lastMonth;
    const to = pole.periods.thisMonth.to;
    const response = await server.graphql<{ impactIndicators: Record<string, unknown> & { flows: Array<{ user: { id: string }; owner: { id: string } | null; hours: number; directChargesCents: number }> } }>(
      `query($from: Date!, $to: Date!) { impactIndicators(from: $from, to: $to) {
        memberCount usingMemberCount usingOthersMemberCount totalHours sharedAreaM2 staffHours staffFte mutualisedCostsCents
        hoursByKind { kind hours } occupancy { resource { id } occupancyRate } flows { user { id } owner { id } hours directChargesCents }
      } }`, { from, to }, pole.tokens.auditor);
    expect(response.errors).toBeUndefined();
    const impact = response.data!.impactIndicators;
    expect(impact).toMatchObject({ memberCount: 3, usingOthersMemberCount: 2, sharedAreaM2: 60, staffHours: 7, mutualisedCostsCents: 120_001 });
    expect(impact.flows).toContainEqual({ user: { id: pole.ids.coop }, owner: { id: pole.ids.fablab }, hours: 1.5, directChargesCents: 3_750 });

    const json = await fetch(`${server.url}/exports/impact.json?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${pole.tokens.treasurer}` } });
    expect(json.status).toBe(200);
    // Paris time before 1940 is not computed: a period from 1930 answered 500, it is refused as the GraphQL Date refuses it.
    const tooEarly = await fetch(`${server.url}/exports/impact.json?from=1930-01-01&to=1930-02-01`, { headers: { authorization: `Bearer ${pole.tokens.treasurer}` } });
    expect(tooEarly.status).toBe(400);
    const report = await json.json() as Record<string, unknown>;
    expect(report).toMatchObject({ nombre_structures: 3, surface_partagee_m2: 60, heures_personnel_partage: 7, couts_mutualises_eur: 1200.01 });
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['heures_usage', 'taux_occupation', 'etp_mutualises', 'flux_entre_structures', 'heures_usage_par_lieu']));
    const bytes = Buffer.from(await (await fetch(`${server.url}${await downloadLink(pole.tokens.auditor, `/exports/impact.csv?from=${from}&to=${to}`)}`)).arrayBuffer());
    const csv = bytes.toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffindicateur;dimension;valeur;unite');
    expect(csv).toContain('couts_mutualises_eur;;1200,01;€');
    expect(csv).toContain('flux_montant_eur;Coop Bâtisseurs → Fablab du Quai;37,50;€');
  });
});
