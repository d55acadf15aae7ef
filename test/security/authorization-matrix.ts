/**
 * Who may call each root field of the schema. `own` means: a MEMBER user, for its own structure
 * only (the field is checked with the member's own ids, and again with another structure's ids,
 * which must be FORBIDDEN). Every root field of the schema must have a row: the test fails when
 * an operation is added without deciding who may call it.
 */
export type Access = 'allowed' | 'forbidden' | 'own';

export const SIGNED_IN_ROLES = ['COORDINATOR', 'TREASURER', 'MEMBER', 'AUDITOR'] as const;
export type SignedInRole = (typeof SIGNED_IN_ROLES)[number];

export interface MatrixRow {
  /** Whether a caller without a token may call it (an invalid or expired token never may). */
  anonymous: 'allowed' | 'unauthenticated';
  roles: Record<SignedInRole, Access>;
}

const everyone: MatrixRow = { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'allowed', MEMBER: 'allowed', AUDITOR: 'allowed' } };
const coordinatorOnly: MatrixRow = { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'forbidden', MEMBER: 'forbidden', AUDITOR: 'forbidden' } };
const treasurerOnly: MatrixRow = { anonymous: 'unauthenticated', roles: { COORDINATOR: 'forbidden', TREASURER: 'allowed', MEMBER: 'forbidden', AUDITOR: 'forbidden' } };
const booksReaders: MatrixRow = { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'allowed', MEMBER: 'forbidden', AUDITOR: 'allowed' } };
/** Everyone signed in; a member reads its own structure's figures only. */
const everyoneOwnFigures: MatrixRow = { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'allowed', MEMBER: 'own', AUDITOR: 'allowed' } };
const coordinatorOrOwnMember: MatrixRow = { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'forbidden', MEMBER: 'own', AUDITOR: 'forbidden' } };

export const AUTHORIZATION_MATRIX: Record<string, MatrixRow> = {
  'Query.me': { anonymous: 'allowed', roles: everyone.roles },
  'Query.members': everyone,
  'Query.member': everyone,
  'Query.sites': everyone,
  'Query.resources': everyone,
  'Query.resource': everyone,
  'Query.reservations': everyone,
  'Query.pendingReservations': { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'forbidden', MEMBER: 'allowed', AUDITOR: 'forbidden' } },
  'Query.freeSlots': everyone,
  // A member sees its own usage (DESIGN); without `memberId` it gets its own structure's entries.
  'Query.usageEntries': everyoneOwnFigures,
  'Query.calendarFeeds': everyone,

  'Mutation.login': { anonymous: 'allowed', roles: everyone.roles },
  'Mutation.logout': everyone,
  // One's own password only: there is no argument naming another account.
  'Mutation.changePassword': everyone,
  'Mutation.createUser': coordinatorOnly,
  'Mutation.inviteUser': coordinatorOnly,
  'Mutation.setNoticesEnabled': everyone,
  // The links' holders are not signed in: the token of the mailed link is what they hold.
  'Query.oneTimeLink': { anonymous: 'allowed', roles: everyone.roles },
  'Mutation.requestPasswordReset': { anonymous: 'allowed', roles: everyone.roles },
  'Mutation.resetPassword': { anonymous: 'allowed', roles: everyone.roles },
  'Query.users': coordinatorOnly,
  'Mutation.setUserDisabled': coordinatorOnly,
  'Mutation.changeUserRole': coordinatorOnly,
  'Mutation.eraseUser': coordinatorOnly,
  // Any signed-in user may sign itself out everywhere; only the coordinator may do it for another.
  'Mutation.revokeAllSessions': { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'own', MEMBER: 'own', AUDITOR: 'own' } },
  'Mutation.registerMember': coordinatorOnly,
  'Mutation.amendMember': coordinatorOnly,
  'Mutation.leaveMember': coordinatorOnly,
  'Mutation.declareHeadcount': coordinatorOrOwnMember,
  'Mutation.registerSite': coordinatorOnly,
  'Mutation.registerResource': coordinatorOnly,
  'Mutation.changeBookingSettings': coordinatorOnly,
  'Mutation.declareOccupancy': coordinatorOrOwnMember,
  'Mutation.endOccupancy': coordinatorOrOwnMember,
  'Mutation.reserve': coordinatorOrOwnMember,
  'Mutation.reserveSeries': coordinatorOrOwnMember,
  'Mutation.cancelReservation': coordinatorOrOwnMember,
  'Mutation.cancelSeries': coordinatorOrOwnMember,
  'Mutation.approveReservation': { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'forbidden', MEMBER: 'own', AUDITOR: 'forbidden' } },
  'Mutation.rejectReservation': { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'forbidden', MEMBER: 'own', AUDITOR: 'forbidden' } },
  'Mutation.recordUsage': coordinatorOrOwnMember,
  'Mutation.reverseUsage': coordinatorOrOwnMember,
  'Mutation.createCalendarFeed': everyone,
  'Mutation.revokeCalendarFeed': everyone,
  /** A link for this session; following it is authorised as the file is (see test/security/download-links.test.ts). */
  'Mutation.downloadLink': everyone,

  'Query.costPools': everyone,
  'Query.periods': everyone,
  'Query.costs': everyone,
  'Query.payments': everyone,
  'Query.settlement': everyone,
  'Query.balances': everyone,
  'Query.statement': everyoneOwnFigures,
  'Query.ledgerPostings': booksReaders,
  'Query.journal': booksReaders,
  'Mutation.defineCostPool': treasurerOnly,
  'Mutation.changeAllocationKey': treasurerOnly,
  'Mutation.recordCost': treasurerOnly,
  'Mutation.reverseCost': treasurerOnly,
  'Mutation.recordPayment': treasurerOnly,
  'Mutation.reversePayment': treasurerOnly,
  'Mutation.openPeriod': treasurerOnly,
  'Mutation.closePeriod': treasurerOnly,
  // VAT: the treasurer sets it; the books' readers see it, as they see the postings it makes.
  'Query.vatSettings': booksReaders,
  'Mutation.setPoleVatStatus': treasurerOnly,
  'Mutation.setVatTreatment': treasurerOnly,
  // Invoicing parties: the pôle's profile is the treasurer's, read by the books' readers. A
  // structure's address, VAT number and e-mail are set by the treasurer, the coordinator or the
  // structure itself; its self-billing mandate is recorded by the treasurer, who files the signed one.
  'Query.poleInvoicingProfile': booksReaders,
  'Mutation.setPoleInvoicingProfile': treasurerOnly,
  'Mutation.setMemberInvoicingDetails': { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'allowed', MEMBER: 'own', AUDITOR: 'forbidden' } },
  'Mutation.grantSelfBillingMandate': treasurerOnly,
  'Mutation.revokeSelfBillingMandate': treasurerOnly,
  // Invoices: a member reads its own, as its statement; the year's archive is the books' readers'.
  'Query.invoices': everyoneOwnFigures,
  'Query.invoiceArchivePath': booksReaders,

  'Subscription.reservationsChanged': everyone,

  // The partner room: coordinators, treasurers and auditors read it all. A member reads the history
  // of its own structure and of the shared resources: asking for another structure's is FORBIDDEN.
  'Query.history': { anonymous: 'unauthenticated', roles: { COORDINATOR: 'allowed', TREASURER: 'allowed', MEMBER: 'own', AUDITOR: 'allowed' } },
  'Query.auditEventTypes': everyone,
  'Query.verifyIntegrity': booksReaders,
  'Query.compareStates': booksReaders,
  'Query.impactIndicators': booksReaders,
};
