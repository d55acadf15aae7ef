import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { buildPartnerRoomPole, type PartnerRoomPole } from './partner-room-fixture.js';

/** The same document, asked of the live server as of an instant, and of a store truncated at that instant without `asOf`. */
const STATE = (asOf: boolean) => `query($from: DateTime!, $to: DateTime!${asOf ? ', $asOf: DateTime' : ''}) {
  members${asOf ? '(asOf: $asOf)' : ''} { id name joinedOn leftOn }
  resources${asOf ? '(asOf: $asOf)' : ''} { id name kind capacity hourlyRateCents areaM2 openingHours { weekday opens closes } rules { cancellationDeadlineMinutes } }
  reservations(from: $from, to: $to${asOf ? ', asOf: $asOf' : ''}) { id status start end quantity cancelledLate cancellationReason member { id } resource { id } }
  balances${asOf ? '(asOf: $asOf)' : ''} { member { id } balanceCents }
}`;

describe('time travel: the ledger as it stood at an instant equals a store truncated at that instant', () => {
  let server: RunningServer;
  let pole: PartnerRoomPole;
  let workDirectory: string;
  const range = { from: new Date(Date.now() - 60 * 86_400_000).toISOString(), to: new Date(Date.now() + 60 * 86_400_000).toISOString() };

  beforeAll(async () => {
    server = await startServer();
    pole = await buildPartnerRoomPole(server);
    workDirectory = mkdtempSync(join(tmpdir(), 'mutua-time-travel-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
  });

  /** A consistent copy of the live store (WAL included), with every event recorded after `instant` deleted. */
  function truncatedCopy(instant: string, name: string): { directory: string; keptEvents: number } {
    const directory = join(workDirectory, name);
    mkdirSync(directory);
    const live = new Database(join(server.dataDirectory, 'mutua.sqlite'), { readonly: true });
    live.exec(`VACUUM INTO '${join(directory, 'mutua.sqlite')}'`);
    live.close();
    const copy = new Database(join(directory, 'mutua.sqlite'));
    const last = copy.prepare('SELECT max(position) AS position FROM events WHERE recorded_at <= ?').get(instant) as { position: number | null };
    copy.prepare('DELETE FROM events WHERE position > ?').run(last.position ?? 0);
    const { count } = copy.prepare('SELECT count(*) AS count FROM events').get() as { count: number };
    copy.close();
    return { directory, keptEvents: count };
  }

  it.each([
    ['before the first event', () => '2020-01-01T00:00:00.000Z'],
    ['after the members joined', () => pole.marks.afterMembers],
    ['after the reservations and usage', () => pole.marks.afterReservations],
    ['after last month was closed', () => pole.marks.afterClose],
  ])('%s', async (name, instant) => {
    const asOf = instant();
    const past = await server.graphql(STATE(true), { ...range, asOf }, pole.tokens.auditor);
    expect(past.errors).toBeUndefined();
    const { directory, keptEvents } = truncatedCopy(asOf, name.replaceAll(' ', '-'));
    const truncated = await startServer({ dataDirectory: directory });
    try {
      const present = await truncated.graphql(STATE(false), range, await loginAs(truncated, ADMIN_EMAIL, ADMIN_PASSWORD));
      expect(present.errors).toBeUndefined();
      expect(past.data).toEqual(present.data);
    } finally {
      await truncated.stop();
    }
    if (name !== 'before the first event') expect(keptEvents).toBeGreaterThan(0);
  });

  it('sets two instants side by side, and refuses time travel to a member structure', async () => {
    const response = await server.graphql<{ compareStates: Record<string, unknown> & { from: { members: unknown[]; balances: Array<{ balanceCents: number }> }; to: { balances: Array<{ member: { id: string }; balanceCents: number }> } } }>(
      `query($from: DateTime!, $to: DateTime!) { compareStates(from: $from, to: $to) {
        eventsBetween from { members { id } balances { balanceCents } } to { eventCount members { id } balances { member { id } balanceCents } }
        membersJoined { id } resourcesRegistered { name } balances { member { id } fromCents toCents changeCents }
      } }`, { from: pole.marks.afterMembers, to: pole.marks.afterClose }, pole.tokens.auditor);
    expect(response.errors).toBeUndefined();
    const comparison = response.data!.compareStates;
    expect(comparison.from.members).toHaveLength(3);
    expect(comparison.membersJoined).toEqual([]);
    expect((comparison.resourcesRegistered as Array<{ name: string }>).map((resource) => resource.name).sort()).toEqual(['Chargée de mission partagée', 'Découpeuse laser', 'Grande salle']);
    expect(comparison.eventsBetween).toBeGreaterThan(10);
    const { balances } = await server.graphql<{ balances: Array<{ member: { id: string }; balanceCents: number }> }>(
      'query($asOf: DateTime) { balances(asOf: $asOf) { member { id } balanceCents } }', { asOf: pole.marks.afterClose }, pole.tokens.auditor).then((answer) => answer.data!);
    expect([...comparison.to.balances].sort((a, b) => a.member.id.localeCompare(b.member.id))).toEqual([...balances].sort((a, b) => a.member.id.localeCompare(b.member.id)));
    expect(comparison.from.balances.every((balance) => balance.balanceCents === 0)).toBe(true);

    const refused = await server.graphql('query($asOf: DateTime) { members(asOf: $asOf) { id } }', { asOf: pole.marks.afterMembers }, pole.tokens.member);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
