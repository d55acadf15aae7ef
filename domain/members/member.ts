import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';
import { type LegalForm, type VatStatus } from '../../shared/enums.js';
import { isIsoDate } from '../../shared/paris-time.js';
import { isValidSiret } from '../../shared/identifiers.js';
import {
  checkedGrant, checkedInvoicingDetails, checkedRevocation, grantedMandate, type MandateGrant, type MemberInvoicingDetails, sameInvoicingDetails,
  type SelfBillingMandate,
} from './member-invoicing.js';


export const memberStreamId = (memberId: string) => `member-${memberId}`;

export type MemberEvent =
  | {
      type: 'MemberRegistered';
      data: {
        memberId: string;
        name: string;
        legalForm: LegalForm;
        siret: string | null;
        vatStatus: VatStatus;
        /** First day of membership, `YYYY-MM-DD`. */
        joinedOn: string;
      };
    }
  | {
      /**
       * What may be corrected after registration: the name, the SIRET and the VAT status. The
       * joining date is not: pool shares of closed periods were counted from it.
       */
      type: 'MemberAmended';
      data: MemberAmendment;
    }
  | { type: 'MemberLeft'; data: { memberId: string; leftOn: string } }
  /** The member's invoicing identity (its address, VAT number, e-mail), replaced whole each time. */
  | { type: 'MemberInvoicingDetailsSet'; data: { memberId: string } & MemberInvoicingDetails }
  /**
   * The member let the pôle issue, in its name, the invoices of what it sells the pôle (CGI art.
   * 289, I-2), and said whether it opted to pay VAT on debits (read with `grantedMandate`).
   */
  | { type: 'SelfBillingMandateGranted'; data: { memberId: string } & MandateGrant }
  | { type: 'SelfBillingMandateRevoked'; data: { memberId: string; revokedOn: string } };

/** The editable facts of a member, each with its new value (the unchanged ones too). */
export interface MemberAmendment {
  memberId: string;
  name: string;
  siret: string | null;
  vatStatus: VatStatus;
}

export type MemberCommand =
  | {
      type: 'RegisterMember';
      data: {
        memberId: string;
        name: string;
        legalForm: LegalForm;
        siret: string | null;
        vatStatus: VatStatus;
        joinedOn: string;
      };
    }
  | { type: 'AmendMember'; data: MemberAmendment }
  | { type: 'LeaveMember'; data: { memberId: string; leftOn: string } }
  | { type: 'SetMemberInvoicingDetails'; data: { memberId: string } & MemberInvoicingDetails }
  | { type: 'GrantSelfBillingMandate'; data: { memberId: string; grantedOn: string; reference: string | null; vatOnDebits: boolean } }
  | { type: 'RevokeSelfBillingMandate'; data: { memberId: string; revokedOn: string } };

export type MemberState =
  | { status: 'unknown' }
  | {
      status: 'registered';
      memberId: string;
      name: string;
      siret: string | null;
      vatStatus: VatStatus;
      /** Membership is the interval [joinedOn, leftOn): the member may book on joinedOn, not on leftOn. */
      joinedOn: string;
      leftOn: string | null;
      invoicing: MemberInvoicingDetails | null;
      /** Every mandate given, in order; only the last may be in force (not revoked). */
      mandates: readonly SelfBillingMandate[];
    };

type RegisteredMember = Extract<MemberState, { status: 'registered' }>;

export const MAX_MEMBER_NAME_LENGTH = 200;

export const memberDecider: Decider<MemberState, MemberCommand, MemberEvent> = {
  initialState: () => ({ status: 'unknown' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterMember':
        return registerMember(command.data, state);
      case 'AmendMember':
        return amendMember(command.data, state);
      case 'LeaveMember':
        return leaveMember(command.data, state);
      case 'SetMemberInvoicingDetails':
        return setInvoicingDetails(command.data, registered(state));
      case 'GrantSelfBillingMandate': {
        const { grantedOn, reference, vatOnDebits } = checkedGrant(registered(state).mandates, command.data.grantedOn, command.data.reference, command.data.vatOnDebits);
        return [{ type: 'SelfBillingMandateGranted', data: { memberId: command.data.memberId, grantedOn, reference, vatOnDebits } }];
      }
      case 'RevokeSelfBillingMandate':
        return [{ type: 'SelfBillingMandateRevoked', data: { memberId: command.data.memberId, revokedOn: checkedRevocation(registered(state).mandates, command.data.revokedOn) } }];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'MemberRegistered':
        return {
          status: 'registered',
          memberId: event.data.memberId,
          name: event.data.name,
          siret: event.data.siret,
          vatStatus: event.data.vatStatus,
          joinedOn: event.data.joinedOn,
          leftOn: null,
          invoicing: null,
          mandates: [],
        };
      case 'MemberAmended': {
        const { name, siret, vatStatus } = event.data;
        return state.status === 'registered' ? { ...state, name, siret, vatStatus } : state;
      }
      case 'MemberLeft':
        return state.status === 'registered' ? { ...state, leftOn: event.data.leftOn } : state;
      default:
        return evolveInvoicing(state, event);
    }
  },
};

function evolveInvoicing(state: MemberState, event: MemberEvent): MemberState {
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'MemberInvoicingDetailsSet': {
      const { address, vatNumber, invoiceEmail } = event.data;
      return { ...state, invoicing: { address, vatNumber, invoiceEmail } };
    }
    case 'SelfBillingMandateGranted':
      return { ...state, mandates: [...state.mandates, grantedMandate(event.data)] };
    case 'SelfBillingMandateRevoked':
      return { ...state, mandates: state.mandates.map((mandate, index) => (index === state.mandates.length - 1 ? { ...mandate, revokedOn: event.data.revokedOn } : mandate)) };
    case 'MemberRegistered': case 'MemberAmended': case 'MemberLeft':
      return state;
    default:
        return assertNever(event);
  }
}

function registered(state: MemberState): RegisteredMember {
  if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Membre inconnu.');
  return state;
}

/** Replaces the invoicing identity; the same one again records nothing. */
function setInvoicingDetails(data: { memberId: string } & MemberInvoicingDetails, state: RegisteredMember): MemberEvent[] {
  const details = checkedInvoicingDetails(data, state.siret);
  if (sameInvoicingDetails(state.invoicing, details)) return [];
  return [{ type: 'MemberInvoicingDetailsSet', data: { memberId: state.memberId, ...details } }];
}

function registerMember(data: Extract<MemberCommand, { type: 'RegisterMember' }>['data'], state: MemberState): MemberEvent[] {
  if (state.status !== 'unknown') throw new DomainError('VALIDATION_FAILED', 'Ce membre est déjà enregistré.');
  const name = checkedName(data.name);
  assertValidSiret(data.siret);
  if (!isIsoDate(data.joinedOn)) throw new DomainError('VALIDATION_FAILED', 'La date d’adhésion est invalide.', { field: 'joinedOn' });
  return [{ type: 'MemberRegistered', data: { ...data, name } }];
}

/** Corrects the name, SIRET or VAT status; an amendment that changes nothing records nothing. */
function amendMember(data: MemberAmendment, state: MemberState): MemberEvent[] {
  if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Membre inconnu.');
  const name = checkedName(data.name);
  assertValidSiret(data.siret);
  if (name === state.name && data.siret === state.siret && data.vatStatus === state.vatStatus) return [];
  return [{ type: 'MemberAmended', data: { memberId: state.memberId, name, siret: data.siret, vatStatus: data.vatStatus } }];
}

function checkedName(untrimmed: string): string {
  const name = untrimmed.trim();
  if (name.length === 0 || name.length > MAX_MEMBER_NAME_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', `Le nom doit compter de 1 à ${MAX_MEMBER_NAME_LENGTH} caractères.`, { field: 'name' });
  }
  return name;
}

function assertValidSiret(siret: string | null): void {
  if (siret !== null && !isValidSiret(siret)) {
    throw new DomainError('VALIDATION_FAILED', 'Le SIRET doit compter 14 chiffres et être valide (clé de Luhn).', { field: 'siret' });
  }
}

/**
 * A departure on the day the member has already left on adds nothing: the command asked again
 * finishes what followed the departure (its reservations cancelled, its occupancies ended), which
 * a process stopped after recording it left undone. Another day is refused: a departure is final.
 */
function leaveMember(data: { memberId: string; leftOn: string }, state: MemberState): MemberEvent[] {
  if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Membre inconnu.');
  if (state.leftOn === data.leftOn) return [];
  if (state.leftOn !== null) throw new DomainError('MEMBER_INACTIVE', 'Ce membre a déjà quitté le pôle.');
  if (!isIsoDate(data.leftOn) || data.leftOn <= state.joinedOn) {
    throw new DomainError('VALIDATION_FAILED', 'La date de départ doit suivre la date d’adhésion.');
  }
  return [{ type: 'MemberLeft', data }];
}

/** Whether the member belongs to the pôle on a Paris calendar date. */
export function isMemberOn(member: { joinedOn: string; leftOn: string | null }, date: string): boolean {
  return member.joinedOn <= date && (member.leftOn === null || date < member.leftOn);
}
