import { type Kysely } from 'kysely';
import { type MemberEvent } from '../../domain/members/member.js';
import { assert } from '../../domain/shared/errors.js';
import { type LegalForm, type VatStatus } from '../../shared/enums.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type TableProjection } from '../tables/table-projection.js';

export interface MemberView {
  memberId: string;
  name: string;
  legalForm: LegalForm;
  siret: string | null;
  vatStatus: VatStatus;
  joinedOn: string;
  leftOn: string | null;
}

export interface MembersTables {
  members: {
    member_id: string;
    name: string;
    legal_form: LegalForm;
    siret: string | null;
    vat_status: VatStatus;
    joined_on: string;
    left_on: string | null;
    /** The log position of its registration: a member exists "as of" a position at or after it. */
    registered_position: number;
    /** The log position of its departure: `left_on` is known "as of" a position at or after it. */
    left_position: number | null;
  };
}

type MemberRow = MembersTables['members'];

/**
 * The member structures of the pôle. A member is registered once and leaves at most once (the
 * decider refuses a second departure), so one row with the positions of both is its whole history.
 */
export const membersTables: TableProjection = {
  name: 'members',
  version: 1,
  tables: ['members'],
  async createTables(db) {
    await db.schema.createTable('members')
      .addColumn('member_id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('legal_form', 'text', (column) => column.notNull())
      .addColumn('siret', 'text')
      .addColumn('vat_status', 'text', (column) => column.notNull())
      .addColumn('joined_on', 'text', (column) => column.notNull())
      .addColumn('left_on', 'text')
      .addColumn('registered_position', 'bigint', (column) => column.notNull())
      .addColumn('left_position', 'bigint')
      .execute();
  },
  async createIndexes(db) {
    await db.schema.createIndex('members_registered_position').on('members').column('registered_position').execute();
  },
  async apply(trx, events) {
    // Members registered in this batch wait here, so that a departure in the same batch patches them.
    const registered = new Map<string, MemberRow>();
    for (const recorded of events) {
      const event = recorded as unknown as MemberEvent;
      if (event.type === 'MemberRegistered') {
        const { memberId, name, legalForm, siret, vatStatus, joinedOn } = event.data;
        registered.set(memberId, {
          member_id: memberId, name, legal_form: legalForm, siret, vat_status: vatStatus, joined_on: joinedOn,
          left_on: null, registered_position: recorded.position, left_position: null,
        });
      } else if (event.type === 'MemberLeft') {
        const departure = { left_on: event.data.leftOn, left_position: recorded.position };
        const waiting = registered.get(event.data.memberId);
        if (waiting) Object.assign(waiting, departure);
        else await trx.updateTable('members').set(departure).where('member_id', '=', event.data.memberId).execute();
      }
    }
    await insertRows(trx, 'members', [...registered.values()]);
  },
};

/** Absent: now. Otherwise the state after folding the events whose position is at most `asOfPosition`. */
interface AsOf {
  asOfPosition?: number;
}

const MEMBER_COLUMNS = ['member_id', 'name', 'legal_form', 'siret', 'vat_status', 'joined_on', 'left_on', 'left_position'] as const;
/** Far below the limit of bound values per statement: one query for any list a screen shows. */
const MAX_IDS_PER_QUERY = 10_000;

function selectMembers(db: Kysely<ReadModelTables>, { asOfPosition }: AsOf) {
  const query = db.selectFrom('members').select(MEMBER_COLUMNS);
  return asOfPosition === undefined ? query : query.where('registered_position', '<=', asOfPosition);
}

function memberOf(row: Pick<MemberRow, (typeof MEMBER_COLUMNS)[number]>, { asOfPosition }: AsOf): MemberView {
  const leftOnKnown = row.left_position !== null && (asOfPosition === undefined || Number(row.left_position) <= asOfPosition);
  return {
    memberId: row.member_id,
    name: row.name,
    legalForm: row.legal_form,
    siret: row.siret,
    vatStatus: row.vat_status,
    joinedOn: row.joined_on,
    leftOn: leftOnKnown ? row.left_on : null,
  };
}

export async function findMember(db: Kysely<ReadModelTables>, memberId: string, asOf: AsOf = {}): Promise<MemberView | undefined> {
  const row = await selectMembers(db, asOf).where('member_id', '=', memberId).executeTakeFirst();
  return row && memberOf(row, asOf);
}

/** A member a recorded fact names (a reservation, a payment, a share): the log registers it before. */
export async function getMember(db: Kysely<ReadModelTables>, memberId: string): Promise<MemberView> {
  const member = await findMember(db, memberId);
  assert(member !== undefined, `the member ${memberId} a recorded fact names is in the read models`);
  return member;
}

/** The members among `memberIds`, by id, in one query: what a list naming a member per row reads. */
export async function findMembers(db: Kysely<ReadModelTables>, memberIds: Iterable<string>, asOf: AsOf = {}): Promise<Map<string, MemberView>> {
  const ids = [...new Set(memberIds)];
  const found = new Map<string, MemberView>();
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_QUERY) {
    const rows = await selectMembers(db, asOf).where('member_id', 'in', ids.slice(start, start + MAX_IDS_PER_QUERY)).execute();
    for (const row of rows) found.set(row.member_id, memberOf(row, asOf));
  }
  return found;
}

/** Members in alphabetical order, as every list shows them. */
export async function listMembers(db: Kysely<ReadModelTables>, asOf: AsOf = {}): Promise<MemberView[]> {
  const rows = await selectMembers(db, asOf).execute();
  return alphabetically(rows.map((row) => memberOf(row, asOf)));
}

function alphabetically(members: MemberView[]): MemberView[] {
  return members.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
