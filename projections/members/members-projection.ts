import { type Kysely, type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type MemberEvent } from '../../domain/members/member.js';
import { assert } from '../../domain/shared/errors.js';
import { type LegalForm, type VatStatus } from '../../shared/enums.js';
import { readInLists } from '../tables/in-lists.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type TableProjection } from '../tables/table-projection.js';
import {
  addMemberInvoicingColumns, applyInvoicingEvent, createInvoicingTables, INVOICING_EVENT_TYPES, type InvoicingTables, type MemberInvoicingColumns, NO_INVOICING_COLUMNS,
} from './invoicing-parties-tables.js';
import { byFrenchName } from '../../shared/french-order.js';

export interface MemberView {
  memberId: string;
  name: string;
  legalForm: LegalForm;
  siret: string | null;
  vatStatus: VatStatus;
  joinedOn: string;
  leftOn: string | null;
}

export interface MembersTables extends InvoicingTables {
  members: {
    member_id: string;
    legal_form: LegalForm;
    joined_on: string;
    left_on: string | null;
    /** The log position of its registration: a member exists "as of" a position at or after it. */
    registered_position: number;
    /** The log position of its departure: `left_on` is known "as of" a position at or after it. */
    left_position: number | null;
  } & MemberInvoicingColumns;
  /**
   * The editable facts of each member (name, SIRET, VAT status), one row per registration or
   * amendment, holding for the log positions `valid_from` ≤ P < `valid_to`; the current one has
   * no `valid_to`.
   */
  member_versions: {
    member_id: string;
    valid_from: number;
    valid_to: number | null;
    name: string;
    siret: string | null;
    vat_status: VatStatus;
  };
}

type MemberRow = MembersTables['members'];
type MemberVersionRow = MembersTables['member_versions'];

/**
 * The member structures of the pôle. A member is registered once and leaves at most once (the
 * decider refuses a second departure), so one row with the positions of both holds its membership;
 * its name, SIRET and VAT status may be amended, and `member_versions` keeps each version with
 * the positions between which it held, so that the past shows the names of the past. The parties
 * of the invoices live here too (invoicing-parties-tables.ts): each member's invoicing identity
 * and self-billing mandates, and the pôle's invoicing profile.
 */
export const membersTables: TableProjection = {
  name: 'members',
  version: 4,
  tables: ['members', 'member_versions', 'member_self_billing_mandates', 'pole_invoicing_profiles'],
  async createTables(db) {
    await addMemberInvoicingColumns(db.schema.createTable('members')
      .addColumn('member_id', 'text', (column) => column.primaryKey())
      .addColumn('legal_form', 'text', (column) => column.notNull())
      .addColumn('joined_on', 'text', (column) => column.notNull())
      .addColumn('left_on', 'text')
      .addColumn('registered_position', 'bigint', (column) => column.notNull())
      .addColumn('left_position', 'bigint'))
      .execute();
    await createInvoicingTables(db);
    await db.schema.createTable('member_versions')
      .addColumn('member_id', 'text', (column) => column.notNull())
      .addColumn('valid_from', 'bigint', (column) => column.notNull())
      .addColumn('valid_to', 'bigint')
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('siret', 'text')
      .addColumn('vat_status', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('member_versions_primary_key', ['member_id', 'valid_from'])
      .execute();
  },
  async createIndexes(db) {
    await db.schema.createIndex('members_registered_position').on('members').column('registered_position').execute();
  },
  async apply(trx, events) {
    const batch = new MembersBatch(trx);
    for (const recorded of events) await batch.apply(recorded);
    await batch.flush();
  },
};

/**
 * Rows of one batch: members registered and versions opened in it wait here, so that a departure
 * or an amendment in the same batch patches them instead of updating rows not written yet.
 */
class MembersBatch {
  private readonly registered = new Map<string, MemberRow>();
  private readonly versions: MemberVersionRow[] = [];
  /** The open version of each member whose version was opened in this batch. */
  private readonly openVersions = new Map<string, MemberVersionRow>();

  constructor(private readonly trx: Transaction<ReadModelTables>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as MemberEvent;
    if (event.type === 'MemberRegistered') {
      const { memberId, name, legalForm, siret, vatStatus, joinedOn } = event.data;
      this.registered.set(memberId, {
        member_id: memberId, legal_form: legalForm, joined_on: joinedOn,
        left_on: null, registered_position: recorded.position, left_position: null, ...NO_INVOICING_COLUMNS,
      });
      this.openVersion(memberId, recorded.position, { name, siret, vat_status: vatStatus });
    } else if (event.type === 'MemberAmended') {
      const { memberId, name, siret, vatStatus } = event.data;
      await this.closeVersion(memberId, recorded.position);
      this.openVersion(memberId, recorded.position, { name, siret, vat_status: vatStatus });
    } else if (event.type === 'MemberLeft') {
      await this.patchMember(event.data.memberId, { left_on: event.data.leftOn, left_position: recorded.position });
    } else if (INVOICING_EVENT_TYPES.has(event.type)) {
      await applyInvoicingEvent(this.trx, recorded, (memberId, patch) => this.patchMember(memberId, patch));
    }
  }

  async flush(): Promise<void> {
    await insertRows(this.trx, 'members', [...this.registered.values()]);
    await insertRows(this.trx, 'member_versions', this.versions);
  }

  private async patchMember(memberId: string, patch: Partial<MemberRow>): Promise<void> {
    const waiting = this.registered.get(memberId);
    if (waiting) Object.assign(waiting, patch);
    else await this.trx.updateTable('members').set(patch).where('member_id', '=', memberId).execute();
  }

  private openVersion(memberId: string, position: number, facts: Pick<MemberVersionRow, 'name' | 'siret' | 'vat_status'>): void {
    const version: MemberVersionRow = { member_id: memberId, valid_from: position, valid_to: null, ...facts };
    this.versions.push(version);
    this.openVersions.set(memberId, version);
  }

  private async closeVersion(memberId: string, position: number): Promise<void> {
    const opened = this.openVersions.get(memberId);
    if (opened) {
      opened.valid_to = position;
      return;
    }
    const closed = await this.trx.updateTable('member_versions').set({ valid_to: position })
      .where('member_id', '=', memberId).where('valid_to', 'is', null).executeTakeFirst();
    assert(Number(closed.numUpdatedRows) === 1, `member ${memberId}, amended, has one current version`);
  }
}

/** Absent: now. Otherwise the state after folding the events whose position is at most `asOfPosition`. */
interface AsOf {
  asOfPosition?: number;
}

const MEMBER_COLUMNS = [
  'member.member_id', 'version.name', 'member.legal_form', 'version.siret', 'version.vat_status', 'member.joined_on', 'member.left_on', 'member.left_position',
] as const;
type SelectedMember = Pick<MemberRow, 'member_id' | 'legal_form' | 'joined_on' | 'left_on' | 'left_position'> & Pick<MemberVersionRow, 'name' | 'siret' | 'vat_status'>;

/** Now, the current versions; as of a position, the names, SIRET and VAT status of that time. */
function selectMembers(db: Kysely<ReadModelTables>, { asOfPosition }: AsOf) {
  const query = db.selectFrom('members as member')
    .innerJoin('member_versions as version', 'version.member_id', 'member.member_id')
    .select(MEMBER_COLUMNS);
  if (asOfPosition === undefined) return query.where('version.valid_to', 'is', null);
  return query
    .where('member.registered_position', '<=', asOfPosition)
    .where('version.valid_from', '<=', asOfPosition)
    .where((eb) => eb.or([eb('version.valid_to', 'is', null), eb('version.valid_to', '>', asOfPosition)]));
}

function memberOf(row: SelectedMember, { asOfPosition }: AsOf): MemberView {
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
  const row = await selectMembers(db, asOf).where('member.member_id', '=', memberId).executeTakeFirst();
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
  const rows = await readInLists([...new Set(memberIds)], (ids) => selectMembers(db, asOf).where('member.member_id', 'in', ids).execute());
  return new Map(rows.map((row) => [row.member_id, memberOf(row, asOf)]));
}

/** Members in alphabetical order, as every list shows them. */
export async function listMembers(db: Kysely<ReadModelTables>, asOf: AsOf = {}): Promise<MemberView[]> {
  const rows = await selectMembers(db, asOf).execute();
  return alphabetically(rows.map((row) => memberOf(row, asOf)));
}

function alphabetically(members: MemberView[]): MemberView[] {
  return byFrenchName(members);
}
