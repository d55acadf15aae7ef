/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query MyNotices {\n    me {\n      id\n      noticesEnabled\n    }\n  }\n": typeof types.MyNoticesDocument,
    "\n  mutation SetNoticesEnabled($enabled: Boolean!) {\n    setNoticesEnabled(enabled: $enabled)\n  }\n": typeof types.SetNoticesEnabledDocument,
    "\n  mutation InviteAccount($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      ...AccountRow\n    }\n  }\n": typeof types.InviteAccountDocument,
    "\n  mutation ChangeUserRole($input: ChangeUserRoleInput!) {\n    changeUserRole(input: $input) {\n      ...AccountRow\n    }\n  }\n": typeof types.ChangeUserRoleDocument,
    "\n  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) {\n      ...AccountRow\n    }\n  }\n": typeof types.SetUserDisabledDocument,
    "\n  mutation EraseUser($userId: ID!) {\n    eraseUser(userId: $userId)\n  }\n": typeof types.EraseUserDocument,
    "\n  query Accounts {\n    users {\n      ...AccountRow\n    }\n    members {\n      id\n      name\n      leftOn\n    }\n  }\n": typeof types.AccountsDocument,
    "\n  fragment AccountRow on User {\n    id\n    email\n    role\n    disabled\n    member {\n      id\n      name\n    }\n  }\n": typeof types.AccountRowFragmentDoc,
    "\n  mutation ApproveReservation($input: DecideReservationInput!) {\n    approveReservation(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.ApproveReservationDocument,
    "\n  subscription PendingChanged {\n    reservationsChanged {\n      id\n      status\n    }\n  }\n": typeof types.PendingChangedDocument,
    "\n  query PendingReservations {\n    pendingReservations {\n      id\n      start\n      end\n      quantity\n      purpose\n      seriesId\n      member {\n        id\n        name\n      }\n      resource {\n        id\n        name\n        capacity\n        site {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PendingReservationsDocument,
    "\n  mutation RejectReservation($input: DecideReservationInput!) {\n    rejectReservation(input: $input) {\n      id\n      status\n      rejectionReason\n    }\n  }\n": typeof types.RejectReservationDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        ...Viewer\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Me {\n    me {\n      ...Viewer\n    }\n  }\n": typeof types.MeDocument,
    "\n  query OneTimeLink($token: String!) {\n    oneTimeLink(token: $token) {\n      email\n      purpose\n      expiresAt\n    }\n  }\n": typeof types.OneTimeLinkDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  query CalendarFeeds {\n    calendarFeeds {\n      ...CalendarFeedRow\n    }\n  }\n": typeof types.CalendarFeedsDocument,
    "\n  fragment CalendarFeedRow on CalendarFeed {\n    id\n    url\n    resource {\n      id\n      name\n    }\n    member {\n      id\n      name\n    }\n    createdAt\n  }\n": typeof types.CalendarFeedRowFragmentDoc,
    "\n  mutation CreateCalendarFeed($input: CreateCalendarFeedInput!) {\n    createCalendarFeed(input: $input) {\n      ...CalendarFeedRow\n    }\n  }\n": typeof types.CreateCalendarFeedDocument,
    "\n  mutation RevokeCalendarFeed($feedId: ID!) {\n    revokeCalendarFeed(feedId: $feedId)\n  }\n": typeof types.RevokeCalendarFeedDocument,
    "\n  query Balances($asOf: DateTime) {\n    balances(asOf: $asOf) { member { id name } balanceCents }\n  }\n": typeof types.BalancesDocument,
    "\n  mutation ChangeAllocationKey($input: ChangeAllocationKeyInput!) {\n    changeAllocationKey(input: $input) { id }\n  }\n": typeof types.ChangeAllocationKeyDocument,
    "\n  mutation ClosePeriod($periodId: ID!) {\n    closePeriod(periodId: $periodId) { status digest }\n  }\n": typeof types.ClosePeriodDocument,
    "\n  fragment CorrectionWithoutCreditNoteRow on CorrectionWithoutCreditNote {\n    kind member { id name } correctedPeriodId amountCents vatCents message\n  }\n": typeof types.CorrectionWithoutCreditNoteRowFragmentDoc,
    "\n  mutation DefineCostPool($input: DefineCostPoolInput!) {\n    defineCostPool(input: $input) { id }\n  }\n": typeof types.DefineCostPoolDocument,
    "\n  query FinanceOverview {\n    periods { ...PeriodSummary }\n    costPools {\n      id name accountNumber accountLabel\n      key { ...AllocationKeySummary }\n      keys { fromPeriodStart key { ...AllocationKeySummary } resources { id name } }\n      resources { id name }\n    }\n    members { id name leftOn }\n    resources { id name }\n  }\n": typeof types.FinanceOverviewDocument,
    "\n  fragment InvoiceRow on Invoice {\n    id number kind issuedOn\n    member { id name }\n    period { id from to }\n    totalExclTaxCents vatCents totalInclTaxCents\n    corrects { id number }\n    pdfPath xmlPath\n  }\n": typeof types.InvoiceRowFragmentDoc,
    "\n  query Invoices($periodId: ID, $memberId: ID) {\n    invoices(periodId: $periodId, memberId: $memberId) { ...InvoiceRow }\n  }\n": typeof types.InvoicesDocument,
    "\n  query InvoiceArchivePath($year: Int!) { invoiceArchivePath(year: $year) }\n": typeof types.InvoiceArchivePathDocument,
    "\n  mutation OpenPeriod($input: OpenPeriodInput!) {\n    openPeriod(input: $input) { id }\n  }\n": typeof types.OpenPeriodDocument,
    "\n  query PeriodLedger($periodId: ID!) {\n    costs(periodId: $periodId) { id pool { id name } amountCents incurredOn label reference reversal { reason reversedOn } }\n    payments(periodId: $periodId) { id member { id name } amountCents paidOn direction reference reversal { reason reversedOn } }\n    settlement(periodId: $periodId) {\n      period { ...PeriodSummary }\n      status digest closeRefusal\n      blockers { code poolId poolName message }\n      totals { netCostsCents poolSharesCents directChargesCents creditsCents poleIncomeCents vatCents creditVatCents balanceCents }\n      lines { ...SettlementTableLine }\n      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }\n    }\n  }\n": typeof types.PeriodLedgerDocument,
    "\n  fragment PeriodSummary on Period { id from to status closedAt digest digestEventCount }\n": typeof types.PeriodSummaryFragmentDoc,
    "\n  query Periods { periods { ...PeriodSummary } }\n": typeof types.PeriodsDocument,
    "\n  fragment PoleInvoicingProfileFields on PoleInvoicingProfile {\n    name\n    address { line postalCode city countryCode }\n    siret\n    vatNumber\n    iban\n    paymentTermDays\n    latePaymentPenalty\n    vatOnDebits\n  }\n": typeof types.PoleInvoicingProfileFieldsFragmentDoc,
    "\n  query PoleInvoicingProfile { poleInvoicingProfile { ...PoleInvoicingProfileFields } }\n": typeof types.PoleInvoicingProfileDocument,
    "\n  mutation SetPoleInvoicingProfile($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { ...PoleInvoicingProfileFields } }\n": typeof types.SetPoleInvoicingProfileDocument,
    "\n  mutation RecordCost($input: RecordCostInput!) {\n    recordCost(input: $input)\n  }\n": typeof types.RecordCostDocument,
    "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input)\n  }\n": typeof types.RecordPaymentDocument,
    "\n  mutation ReverseCost($input: ReverseCostInput!) {\n    reverseCost(input: $input)\n  }\n": typeof types.ReverseCostDocument,
    "\n  mutation ReversePayment($input: ReversePaymentInput!) {\n    reversePayment(input: $input)\n  }\n": typeof types.ReversePaymentDocument,
    "\n  fragment SettlementTableLine on SettlementLine {\n    member { id name }\n    poolSharesCents directChargesCents creditsCents paymentsMadeCents paymentsReceivedCents vatCents creditVatCents balanceCents\n    poolShares { poolId poolName keyKind shareCents explanations {\n      keyKind partPercent splitAmountCents weightUnit memberWeight totalWeight exactShareCents exactShareCentsDecimal\n      floorCents receivedLeftoverCent roundingCentsDecimal shareCents } }\n    directCharges { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }\n    credits { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }\n  }\n": typeof types.SettlementTableLineFragmentDoc,
    "\n  query Statement($memberId: ID!, $periodId: ID!) {\n    statement(memberId: $memberId, periodId: $periodId) {\n      member { id name }\n      period { ...PeriodSummary }\n      provisional openingBalanceCents closingBalanceCents\n      line { ...SettlementTableLine }\n      payments { date direction amountCents reference label }\n      invoiceToSend { creditsCents creditVatCents reason besideSelfBilledInvoice mandateHeld }\n      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }\n    }\n  }\n": typeof types.StatementDocument,
    "\n  fragment AllocationKeySummary on AllocationKey {\n    kind\n    shares { member { id name } weight }\n    parts { percent kind shares { member { id name } weight } }\n  }\n": typeof types.AllocationKeySummaryFragmentDoc,
    "\n  query VatSettings($periodId: ID!) {\n    vatSettings(periodId: $periodId) {\n      status\n      treatments { pool { id name } resource { id name } reinvoicesStaff treatment { kind rateBasisPoints exemption mention } }\n    }\n  }\n": typeof types.VatSettingsDocument,
    "\n  mutation SetPoleVatStatus($input: SetPoleVatStatusInput!) { setPoleVatStatus(input: $input) { status } }\n": typeof types.SetPoleVatStatusDocument,
    "\n  mutation SetVatTreatment($input: SetVatTreatmentInput!) { setVatTreatment(input: $input) { status } }\n": typeof types.SetVatTreatmentDocument,
    "\n  mutation LeaveMember($input: LeaveMemberInput!) {\n    leaveMember(input: $input) {\n      id\n      name\n      leftOn\n    }\n  }\n": typeof types.LeaveMemberDocument,
    "\n  fragment MemberInvoicing on Member {\n    id\n    name\n    siren\n    vatStatus\n    address { line postalCode city countryCode }\n    vatNumber\n    invoiceEmail\n    selfBillingMandate { grantedOn reference vatOnDebits }\n  }\n": typeof types.MemberInvoicingFragmentDoc,
    "\n  query MemberInvoicing($id: ID!) { member(id: $id) { ...MemberInvoicing } }\n": typeof types.MemberInvoicingDocument,
    "\n  mutation SetMemberInvoicingDetails($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { ...MemberInvoicing } }\n": typeof types.SetMemberInvoicingDetailsDocument,
    "\n  mutation GrantSelfBillingMandate($input: GrantSelfBillingMandateInput!) { grantSelfBillingMandate(input: $input) { ...MemberInvoicing } }\n": typeof types.GrantSelfBillingMandateDocument,
    "\n  mutation RevokeSelfBillingMandate($input: RevokeSelfBillingMandateInput!) { revokeSelfBillingMandate(input: $input) { ...MemberInvoicing } }\n": typeof types.RevokeSelfBillingMandateDocument,
    "\n  mutation RegisterMember($input: RegisterMemberInput!) {\n    registerMember(input: $input) {\n      ...MemberRow\n    }\n  }\n": typeof types.RegisterMemberDocument,
    "\n  mutation AmendMember($input: AmendMemberInput!) {\n    amendMember(input: $input) {\n      ...MemberRow\n    }\n  }\n": typeof types.AmendMemberDocument,
    "\n  query Members {\n    members {\n      ...MemberRow\n    }\n  }\n": typeof types.MembersDocument,
    "\n  fragment MemberRow on Member {\n    id\n    name\n    legalForm\n    siret\n    vatStatus\n    joinedOn\n    leftOn\n  }\n": typeof types.MemberRowFragmentDoc,
    "\n  query CompareStates($from: DateTime!, $to: DateTime!) {\n    compareStates(from: $from, to: $to) {\n      from { ...LedgerStateColumn }\n      to { ...LedgerStateColumn }\n      eventsBetween\n      membersJoined { id name } membersLeft { id name }\n      resourcesRegistered { id name } resourcesChanged { id name }\n      balances { member { id name } fromCents toCents changeCents }\n    }\n  }\n": typeof types.CompareStatesDocument,
    "\n  query History($memberId: ID, $resourceId: ID, $poolId: ID, $periodId: ID, $types: [String!], $actorRole: Role,\n                $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    history(memberId: $memberId, resourceId: $resourceId, poolId: $poolId, periodId: $periodId, types: $types,\n            actorRole: $actorRole, from: $from, to: $to, first: $first, after: $after) {\n      events {\n        cursor position streamId revision eventId type typeLabel technical description\n        actor { userId role label personErased }\n        recordedAt businessDate reason correlationId data metadata hash\n        memberIds resourceIds poolIds periodIds\n      }\n      endCursor hasMore\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  query HistoryReferences {\n    auditEventTypes { type label technical }\n    members { id name }\n    resources { id name }\n    costPools { id name }\n    periods { id from to }\n  }\n": typeof types.HistoryReferencesDocument,
    "\n  query Impact($from: Date!, $to: Date!) {\n    impactIndicators(from: $from, to: $to) {\n      from to days memberCount usingMemberCount usingOthersMemberCount totalHours\n      hoursByKind { kind hours }\n      hoursBySite { site { name } hours }\n      occupancy { resource { id name } usedUnitHours occupancyRate }\n      sharedAreaM2 spaceCount staffHours staffFte\n      flows { user { name } owner { name } hours directChargesCents useCount }\n      mutualisedCostsCents\n      costsByPool { pool { id name } amountCents }\n    }\n  }\n": typeof types.ImpactDocument,
    "\n  fragment LedgerStateColumn on LedgerState {\n    asOf eventCount members { id name joinedOn leftOn } resources { id name kind } activeReservationCount balances { member { id name } balanceCents }\n  }\n": typeof types.LedgerStateColumnFragmentDoc,
    "\n  query VerifyIntegrity {\n    verifyIntegrity {\n      ok checkedAt eventsChecked streamsChecked periodClosesChecked logDigest\n      problems { kind streamId revision eventId position message }\n    }\n  }\n": typeof types.VerifyIntegrityDocument,
    "\n  query CalendarReservations($resourceId: ID, $from: DateTime!, $to: DateTime!) {\n    reservations(resourceId: $resourceId, from: $from, to: $to) {\n      ...CalendarReservation\n    }\n  }\n": typeof types.CalendarReservationsDocument,
    "\n  mutation CancelReservation($input: CancelReservationInput!) {\n    cancelReservation(input: $input) {\n      id\n      status\n      cancelledLate\n    }\n  }\n": typeof types.CancelReservationDocument,
    "\n  mutation CancelSeries($input: CancelSeriesInput!) {\n    cancelSeries(input: $input) {\n      id\n      status\n      cancelledLate\n    }\n  }\n": typeof types.CancelSeriesDocument,
    "\n  query FreeSlots($resourceIds: [ID!]!, $from: DateTime!, $to: DateTime!, $durationMinutes: Int!, $quantity: Int, $limit: Int) {\n    freeSlots(resourceIds: $resourceIds, from: $from, to: $to, durationMinutes: $durationMinutes, quantity: $quantity, limit: $limit) {\n      resource {\n        id\n        name\n      }\n      start\n      end\n    }\n  }\n": typeof types.FreeSlotsDocument,
    "\n  query MyReservations($memberId: ID!, $from: DateTime!, $to: DateTime!) {\n    reservations(memberId: $memberId, from: $from, to: $to) {\n      ...CalendarReservation\n      resource {\n        hourlyRateCents\n        rules {\n          cancellationDeadlineMinutes\n        }\n      }\n    }\n  }\n": typeof types.MyReservationsDocument,
    "\n  query PlanningResources($siteId: ID, $kind: ResourceKind) {\n    sites {\n      id\n      name\n      address\n    }\n    resources(siteId: $siteId, kind: $kind) {\n      ...BookableResource\n    }\n  }\n": typeof types.PlanningResourcesDocument,
    "\n  query ReservableMembers {\n    members {\n      id\n      name\n      joinedOn\n      leftOn\n    }\n  }\n": typeof types.ReservableMembersDocument,
    "\n  fragment CalendarReservation on Reservation {\n    id\n    start\n    end\n    quantity\n    status\n    purpose\n    seriesId\n    rejectionReason\n    cancellationReason\n    cancelledLate\n    member {\n      id\n      name\n    }\n    resource {\n      id\n      name\n    }\n  }\n": typeof types.CalendarReservationFragmentDoc,
    "\n  subscription ReservationsChanged($resourceIds: [ID!]) {\n    reservationsChanged(resourceIds: $resourceIds) {\n      id\n      status\n      resource {\n        id\n      }\n    }\n  }\n": typeof types.ReservationsChangedDocument,
    "\n  mutation Reserve($input: ReserveInput!) {\n    reserve(input: $input) {\n      ...CalendarReservation\n    }\n  }\n": typeof types.ReserveDocument,
    "\n  mutation ReserveSeries($input: ReserveSeriesInput!) {\n    reserveSeries(input: $input) {\n      seriesId\n      booked {\n        ...CalendarReservation\n      }\n      conflicts {\n        start\n        end\n        code\n        message\n      }\n    }\n  }\n": typeof types.ReserveSeriesDocument,
    "\n  fragment BookableResource on Resource {\n    id\n    name\n    kind\n    capacity\n    hourlyRateCents\n    areaM2\n    owner {\n      id\n      name\n    }\n    openingHours {\n      weekday\n      opens\n      closes\n    }\n    rules { ...BookingRulesFields }\n    closures {\n      from\n      to\n      reason\n    }\n    site {\n      id\n      name\n    }\n  }\n": typeof types.BookableResourceFragmentDoc,
    "\n  query BookableResource($id: ID!) {\n    resource(id: $id) {\n      ...BookableResource\n    }\n  }\n": typeof types.BookableResourceDocument,
    "\n  query AdminResource($id: ID!) {\n    resource(id: $id) {\n      ...AdminResource\n    }\n  }\n": typeof types.AdminResourceDocument,
    "\n  mutation ChangeBookingSettings($resourceId: ID!, $input: BookingSettingsInput!) {\n    changeBookingSettings(resourceId: $resourceId, input: $input) {\n      ...AdminResource\n    }\n  }\n": typeof types.ChangeBookingSettingsDocument,
    "\n  query OwnerMembers {\n    members {\n      id\n      name\n      leftOn\n    }\n  }\n": typeof types.OwnerMembersDocument,
    "\n  mutation RegisterResource($input: RegisterResourceInput!) {\n    registerResource(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.RegisterResourceDocument,
    "\n  mutation RegisterSite($input: RegisterSiteInput!) {\n    registerSite(input: $input) {\n      ...SiteSummary\n    }\n  }\n": typeof types.RegisterSiteDocument,
    "\n  fragment AdminResource on Resource {\n    id\n    name\n    kind\n    capacity\n    hourlyRateCents\n    owner { id name }\n    site { id name }\n    openingHours { weekday opens closes }\n    rules { ...BookingRulesFields }\n    closures { from to reason }\n  }\n": typeof types.AdminResourceFragmentDoc,
    "\n  query Sites {\n    sites {\n      ...SiteSummary\n    }\n  }\n": typeof types.SitesDocument,
    "\n  fragment SiteSummary on Site {\n    id\n    name\n    address\n  }\n": typeof types.SiteSummaryFragmentDoc,
    "\n  query Resources {\n    resources {\n      id\n      name\n      kind\n      capacity\n      hourlyRateCents\n      owner {\n        id\n        name\n      }\n      site {\n        id\n        name\n      }\n      rules {\n        requiresApproval\n      }\n    }\n  }\n": typeof types.ResourcesDocument,
    "\n  query UsageEntries($from: DateTime!, $to: DateTime!, $memberId: ID, $resourceId: ID) {\n    usageEntries(from: $from, to: $to, memberId: $memberId, resourceId: $resourceId) {\n      id\n      start\n      end\n      durationMinutes\n      note\n      reversed\n      reversalReason\n      inClosedPeriod\n      resource {\n        id\n        name\n      }\n      member {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UsageEntriesDocument,
    "\n  query UsageChoices($withMembers: Boolean!) {\n    resources {\n      id\n      name\n    }\n    members @include(if: $withMembers) {\n      id\n      name\n    }\n  }\n": typeof types.UsageChoicesDocument,
    "\n  mutation RecordUsage($input: RecordUsageInput!) {\n    recordUsage(input: $input)\n  }\n": typeof types.RecordUsageDocument,
    "\n  mutation ReverseUsage($input: ReverseUsageInput!) {\n    reverseUsage(input: $input)\n  }\n": typeof types.ReverseUsageDocument,
    "\n  fragment BookingRulesFields on BookingRules {\n    minDurationMinutes\n    maxDurationMinutes\n    minNoticeMinutes\n    maxAdvanceDays\n    cancellationDeadlineMinutes\n    slotGranularityMinutes\n    bufferMinutes\n    requiresApproval\n  }\n": typeof types.BookingRulesFieldsFragmentDoc,
    "\n  mutation DownloadLink($path: String!) {\n    downloadLink(path: $path) {\n      url\n      expiresAt\n    }\n  }\n": typeof types.DownloadLinkDocument,
    "\n  fragment Viewer on User {\n    id\n    email\n    role\n    member {\n      id\n      name\n    }\n  }\n": typeof types.ViewerFragmentDoc,
};
const documents: Documents = {
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  query MyNotices {\n    me {\n      id\n      noticesEnabled\n    }\n  }\n": types.MyNoticesDocument,
    "\n  mutation SetNoticesEnabled($enabled: Boolean!) {\n    setNoticesEnabled(enabled: $enabled)\n  }\n": types.SetNoticesEnabledDocument,
    "\n  mutation InviteAccount($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      ...AccountRow\n    }\n  }\n": types.InviteAccountDocument,
    "\n  mutation ChangeUserRole($input: ChangeUserRoleInput!) {\n    changeUserRole(input: $input) {\n      ...AccountRow\n    }\n  }\n": types.ChangeUserRoleDocument,
    "\n  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) {\n      ...AccountRow\n    }\n  }\n": types.SetUserDisabledDocument,
    "\n  mutation EraseUser($userId: ID!) {\n    eraseUser(userId: $userId)\n  }\n": types.EraseUserDocument,
    "\n  query Accounts {\n    users {\n      ...AccountRow\n    }\n    members {\n      id\n      name\n      leftOn\n    }\n  }\n": types.AccountsDocument,
    "\n  fragment AccountRow on User {\n    id\n    email\n    role\n    disabled\n    member {\n      id\n      name\n    }\n  }\n": types.AccountRowFragmentDoc,
    "\n  mutation ApproveReservation($input: DecideReservationInput!) {\n    approveReservation(input: $input) {\n      id\n      status\n    }\n  }\n": types.ApproveReservationDocument,
    "\n  subscription PendingChanged {\n    reservationsChanged {\n      id\n      status\n    }\n  }\n": types.PendingChangedDocument,
    "\n  query PendingReservations {\n    pendingReservations {\n      id\n      start\n      end\n      quantity\n      purpose\n      seriesId\n      member {\n        id\n        name\n      }\n      resource {\n        id\n        name\n        capacity\n        site {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PendingReservationsDocument,
    "\n  mutation RejectReservation($input: DecideReservationInput!) {\n    rejectReservation(input: $input) {\n      id\n      status\n      rejectionReason\n    }\n  }\n": types.RejectReservationDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        ...Viewer\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Me {\n    me {\n      ...Viewer\n    }\n  }\n": types.MeDocument,
    "\n  query OneTimeLink($token: String!) {\n    oneTimeLink(token: $token) {\n      email\n      purpose\n      expiresAt\n    }\n  }\n": types.OneTimeLinkDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  query CalendarFeeds {\n    calendarFeeds {\n      ...CalendarFeedRow\n    }\n  }\n": types.CalendarFeedsDocument,
    "\n  fragment CalendarFeedRow on CalendarFeed {\n    id\n    url\n    resource {\n      id\n      name\n    }\n    member {\n      id\n      name\n    }\n    createdAt\n  }\n": types.CalendarFeedRowFragmentDoc,
    "\n  mutation CreateCalendarFeed($input: CreateCalendarFeedInput!) {\n    createCalendarFeed(input: $input) {\n      ...CalendarFeedRow\n    }\n  }\n": types.CreateCalendarFeedDocument,
    "\n  mutation RevokeCalendarFeed($feedId: ID!) {\n    revokeCalendarFeed(feedId: $feedId)\n  }\n": types.RevokeCalendarFeedDocument,
    "\n  query Balances($asOf: DateTime) {\n    balances(asOf: $asOf) { member { id name } balanceCents }\n  }\n": types.BalancesDocument,
    "\n  mutation ChangeAllocationKey($input: ChangeAllocationKeyInput!) {\n    changeAllocationKey(input: $input) { id }\n  }\n": types.ChangeAllocationKeyDocument,
    "\n  mutation ClosePeriod($periodId: ID!) {\n    closePeriod(periodId: $periodId) { status digest }\n  }\n": types.ClosePeriodDocument,
    "\n  fragment CorrectionWithoutCreditNoteRow on CorrectionWithoutCreditNote {\n    kind member { id name } correctedPeriodId amountCents vatCents message\n  }\n": types.CorrectionWithoutCreditNoteRowFragmentDoc,
    "\n  mutation DefineCostPool($input: DefineCostPoolInput!) {\n    defineCostPool(input: $input) { id }\n  }\n": types.DefineCostPoolDocument,
    "\n  query FinanceOverview {\n    periods { ...PeriodSummary }\n    costPools {\n      id name accountNumber accountLabel\n      key { ...AllocationKeySummary }\n      keys { fromPeriodStart key { ...AllocationKeySummary } resources { id name } }\n      resources { id name }\n    }\n    members { id name leftOn }\n    resources { id name }\n  }\n": types.FinanceOverviewDocument,
    "\n  fragment InvoiceRow on Invoice {\n    id number kind issuedOn\n    member { id name }\n    period { id from to }\n    totalExclTaxCents vatCents totalInclTaxCents\n    corrects { id number }\n    pdfPath xmlPath\n  }\n": types.InvoiceRowFragmentDoc,
    "\n  query Invoices($periodId: ID, $memberId: ID) {\n    invoices(periodId: $periodId, memberId: $memberId) { ...InvoiceRow }\n  }\n": types.InvoicesDocument,
    "\n  query InvoiceArchivePath($year: Int!) { invoiceArchivePath(year: $year) }\n": types.InvoiceArchivePathDocument,
    "\n  mutation OpenPeriod($input: OpenPeriodInput!) {\n    openPeriod(input: $input) { id }\n  }\n": types.OpenPeriodDocument,
    "\n  query PeriodLedger($periodId: ID!) {\n    costs(periodId: $periodId) { id pool { id name } amountCents incurredOn label reference reversal { reason reversedOn } }\n    payments(periodId: $periodId) { id member { id name } amountCents paidOn direction reference reversal { reason reversedOn } }\n    settlement(periodId: $periodId) {\n      period { ...PeriodSummary }\n      status digest closeRefusal\n      blockers { code poolId poolName message }\n      totals { netCostsCents poolSharesCents directChargesCents creditsCents poleIncomeCents vatCents creditVatCents balanceCents }\n      lines { ...SettlementTableLine }\n      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }\n    }\n  }\n": types.PeriodLedgerDocument,
    "\n  fragment PeriodSummary on Period { id from to status closedAt digest digestEventCount }\n": types.PeriodSummaryFragmentDoc,
    "\n  query Periods { periods { ...PeriodSummary } }\n": types.PeriodsDocument,
    "\n  fragment PoleInvoicingProfileFields on PoleInvoicingProfile {\n    name\n    address { line postalCode city countryCode }\n    siret\n    vatNumber\n    iban\n    paymentTermDays\n    latePaymentPenalty\n    vatOnDebits\n  }\n": types.PoleInvoicingProfileFieldsFragmentDoc,
    "\n  query PoleInvoicingProfile { poleInvoicingProfile { ...PoleInvoicingProfileFields } }\n": types.PoleInvoicingProfileDocument,
    "\n  mutation SetPoleInvoicingProfile($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { ...PoleInvoicingProfileFields } }\n": types.SetPoleInvoicingProfileDocument,
    "\n  mutation RecordCost($input: RecordCostInput!) {\n    recordCost(input: $input)\n  }\n": types.RecordCostDocument,
    "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input)\n  }\n": types.RecordPaymentDocument,
    "\n  mutation ReverseCost($input: ReverseCostInput!) {\n    reverseCost(input: $input)\n  }\n": types.ReverseCostDocument,
    "\n  mutation ReversePayment($input: ReversePaymentInput!) {\n    reversePayment(input: $input)\n  }\n": types.ReversePaymentDocument,
    "\n  fragment SettlementTableLine on SettlementLine {\n    member { id name }\n    poolSharesCents directChargesCents creditsCents paymentsMadeCents paymentsReceivedCents vatCents creditVatCents balanceCents\n    poolShares { poolId poolName keyKind shareCents explanations {\n      keyKind partPercent splitAmountCents weightUnit memberWeight totalWeight exactShareCents exactShareCentsDecimal\n      floorCents receivedLeftoverCent roundingCentsDecimal shareCents } }\n    directCharges { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }\n    credits { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }\n  }\n": types.SettlementTableLineFragmentDoc,
    "\n  query Statement($memberId: ID!, $periodId: ID!) {\n    statement(memberId: $memberId, periodId: $periodId) {\n      member { id name }\n      period { ...PeriodSummary }\n      provisional openingBalanceCents closingBalanceCents\n      line { ...SettlementTableLine }\n      payments { date direction amountCents reference label }\n      invoiceToSend { creditsCents creditVatCents reason besideSelfBilledInvoice mandateHeld }\n      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }\n    }\n  }\n": types.StatementDocument,
    "\n  fragment AllocationKeySummary on AllocationKey {\n    kind\n    shares { member { id name } weight }\n    parts { percent kind shares { member { id name } weight } }\n  }\n": types.AllocationKeySummaryFragmentDoc,
    "\n  query VatSettings($periodId: ID!) {\n    vatSettings(periodId: $periodId) {\n      status\n      treatments { pool { id name } resource { id name } reinvoicesStaff treatment { kind rateBasisPoints exemption mention } }\n    }\n  }\n": types.VatSettingsDocument,
    "\n  mutation SetPoleVatStatus($input: SetPoleVatStatusInput!) { setPoleVatStatus(input: $input) { status } }\n": types.SetPoleVatStatusDocument,
    "\n  mutation SetVatTreatment($input: SetVatTreatmentInput!) { setVatTreatment(input: $input) { status } }\n": types.SetVatTreatmentDocument,
    "\n  mutation LeaveMember($input: LeaveMemberInput!) {\n    leaveMember(input: $input) {\n      id\n      name\n      leftOn\n    }\n  }\n": types.LeaveMemberDocument,
    "\n  fragment MemberInvoicing on Member {\n    id\n    name\n    siren\n    vatStatus\n    address { line postalCode city countryCode }\n    vatNumber\n    invoiceEmail\n    selfBillingMandate { grantedOn reference vatOnDebits }\n  }\n": types.MemberInvoicingFragmentDoc,
    "\n  query MemberInvoicing($id: ID!) { member(id: $id) { ...MemberInvoicing } }\n": types.MemberInvoicingDocument,
    "\n  mutation SetMemberInvoicingDetails($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { ...MemberInvoicing } }\n": types.SetMemberInvoicingDetailsDocument,
    "\n  mutation GrantSelfBillingMandate($input: GrantSelfBillingMandateInput!) { grantSelfBillingMandate(input: $input) { ...MemberInvoicing } }\n": types.GrantSelfBillingMandateDocument,
    "\n  mutation RevokeSelfBillingMandate($input: RevokeSelfBillingMandateInput!) { revokeSelfBillingMandate(input: $input) { ...MemberInvoicing } }\n": types.RevokeSelfBillingMandateDocument,
    "\n  mutation RegisterMember($input: RegisterMemberInput!) {\n    registerMember(input: $input) {\n      ...MemberRow\n    }\n  }\n": types.RegisterMemberDocument,
    "\n  mutation AmendMember($input: AmendMemberInput!) {\n    amendMember(input: $input) {\n      ...MemberRow\n    }\n  }\n": types.AmendMemberDocument,
    "\n  query Members {\n    members {\n      ...MemberRow\n    }\n  }\n": types.MembersDocument,
    "\n  fragment MemberRow on Member {\n    id\n    name\n    legalForm\n    siret\n    vatStatus\n    joinedOn\n    leftOn\n  }\n": types.MemberRowFragmentDoc,
    "\n  query CompareStates($from: DateTime!, $to: DateTime!) {\n    compareStates(from: $from, to: $to) {\n      from { ...LedgerStateColumn }\n      to { ...LedgerStateColumn }\n      eventsBetween\n      membersJoined { id name } membersLeft { id name }\n      resourcesRegistered { id name } resourcesChanged { id name }\n      balances { member { id name } fromCents toCents changeCents }\n    }\n  }\n": types.CompareStatesDocument,
    "\n  query History($memberId: ID, $resourceId: ID, $poolId: ID, $periodId: ID, $types: [String!], $actorRole: Role,\n                $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    history(memberId: $memberId, resourceId: $resourceId, poolId: $poolId, periodId: $periodId, types: $types,\n            actorRole: $actorRole, from: $from, to: $to, first: $first, after: $after) {\n      events {\n        cursor position streamId revision eventId type typeLabel technical description\n        actor { userId role label personErased }\n        recordedAt businessDate reason correlationId data metadata hash\n        memberIds resourceIds poolIds periodIds\n      }\n      endCursor hasMore\n    }\n  }\n": types.HistoryDocument,
    "\n  query HistoryReferences {\n    auditEventTypes { type label technical }\n    members { id name }\n    resources { id name }\n    costPools { id name }\n    periods { id from to }\n  }\n": types.HistoryReferencesDocument,
    "\n  query Impact($from: Date!, $to: Date!) {\n    impactIndicators(from: $from, to: $to) {\n      from to days memberCount usingMemberCount usingOthersMemberCount totalHours\n      hoursByKind { kind hours }\n      hoursBySite { site { name } hours }\n      occupancy { resource { id name } usedUnitHours occupancyRate }\n      sharedAreaM2 spaceCount staffHours staffFte\n      flows { user { name } owner { name } hours directChargesCents useCount }\n      mutualisedCostsCents\n      costsByPool { pool { id name } amountCents }\n    }\n  }\n": types.ImpactDocument,
    "\n  fragment LedgerStateColumn on LedgerState {\n    asOf eventCount members { id name joinedOn leftOn } resources { id name kind } activeReservationCount balances { member { id name } balanceCents }\n  }\n": types.LedgerStateColumnFragmentDoc,
    "\n  query VerifyIntegrity {\n    verifyIntegrity {\n      ok checkedAt eventsChecked streamsChecked periodClosesChecked logDigest\n      problems { kind streamId revision eventId position message }\n    }\n  }\n": types.VerifyIntegrityDocument,
    "\n  query CalendarReservations($resourceId: ID, $from: DateTime!, $to: DateTime!) {\n    reservations(resourceId: $resourceId, from: $from, to: $to) {\n      ...CalendarReservation\n    }\n  }\n": types.CalendarReservationsDocument,
    "\n  mutation CancelReservation($input: CancelReservationInput!) {\n    cancelReservation(input: $input) {\n      id\n      status\n      cancelledLate\n    }\n  }\n": types.CancelReservationDocument,
    "\n  mutation CancelSeries($input: CancelSeriesInput!) {\n    cancelSeries(input: $input) {\n      id\n      status\n      cancelledLate\n    }\n  }\n": types.CancelSeriesDocument,
    "\n  query FreeSlots($resourceIds: [ID!]!, $from: DateTime!, $to: DateTime!, $durationMinutes: Int!, $quantity: Int, $limit: Int) {\n    freeSlots(resourceIds: $resourceIds, from: $from, to: $to, durationMinutes: $durationMinutes, quantity: $quantity, limit: $limit) {\n      resource {\n        id\n        name\n      }\n      start\n      end\n    }\n  }\n": types.FreeSlotsDocument,
    "\n  query MyReservations($memberId: ID!, $from: DateTime!, $to: DateTime!) {\n    reservations(memberId: $memberId, from: $from, to: $to) {\n      ...CalendarReservation\n      resource {\n        hourlyRateCents\n        rules {\n          cancellationDeadlineMinutes\n        }\n      }\n    }\n  }\n": types.MyReservationsDocument,
    "\n  query PlanningResources($siteId: ID, $kind: ResourceKind) {\n    sites {\n      id\n      name\n      address\n    }\n    resources(siteId: $siteId, kind: $kind) {\n      ...BookableResource\n    }\n  }\n": types.PlanningResourcesDocument,
    "\n  query ReservableMembers {\n    members {\n      id\n      name\n      joinedOn\n      leftOn\n    }\n  }\n": types.ReservableMembersDocument,
    "\n  fragment CalendarReservation on Reservation {\n    id\n    start\n    end\n    quantity\n    status\n    purpose\n    seriesId\n    rejectionReason\n    cancellationReason\n    cancelledLate\n    member {\n      id\n      name\n    }\n    resource {\n      id\n      name\n    }\n  }\n": types.CalendarReservationFragmentDoc,
    "\n  subscription ReservationsChanged($resourceIds: [ID!]) {\n    reservationsChanged(resourceIds: $resourceIds) {\n      id\n      status\n      resource {\n        id\n      }\n    }\n  }\n": types.ReservationsChangedDocument,
    "\n  mutation Reserve($input: ReserveInput!) {\n    reserve(input: $input) {\n      ...CalendarReservation\n    }\n  }\n": types.ReserveDocument,
    "\n  mutation ReserveSeries($input: ReserveSeriesInput!) {\n    reserveSeries(input: $input) {\n      seriesId\n      booked {\n        ...CalendarReservation\n      }\n      conflicts {\n        start\n        end\n        code\n        message\n      }\n    }\n  }\n": types.ReserveSeriesDocument,
    "\n  fragment BookableResource on Resource {\n    id\n    name\n    kind\n    capacity\n    hourlyRateCents\n    areaM2\n    owner {\n      id\n      name\n    }\n    openingHours {\n      weekday\n      opens\n      closes\n    }\n    rules { ...BookingRulesFields }\n    closures {\n      from\n      to\n      reason\n    }\n    site {\n      id\n      name\n    }\n  }\n": types.BookableResourceFragmentDoc,
    "\n  query BookableResource($id: ID!) {\n    resource(id: $id) {\n      ...BookableResource\n    }\n  }\n": types.BookableResourceDocument,
    "\n  query AdminResource($id: ID!) {\n    resource(id: $id) {\n      ...AdminResource\n    }\n  }\n": types.AdminResourceDocument,
    "\n  mutation ChangeBookingSettings($resourceId: ID!, $input: BookingSettingsInput!) {\n    changeBookingSettings(resourceId: $resourceId, input: $input) {\n      ...AdminResource\n    }\n  }\n": types.ChangeBookingSettingsDocument,
    "\n  query OwnerMembers {\n    members {\n      id\n      name\n      leftOn\n    }\n  }\n": types.OwnerMembersDocument,
    "\n  mutation RegisterResource($input: RegisterResourceInput!) {\n    registerResource(input: $input) {\n      id\n      name\n    }\n  }\n": types.RegisterResourceDocument,
    "\n  mutation RegisterSite($input: RegisterSiteInput!) {\n    registerSite(input: $input) {\n      ...SiteSummary\n    }\n  }\n": types.RegisterSiteDocument,
    "\n  fragment AdminResource on Resource {\n    id\n    name\n    kind\n    capacity\n    hourlyRateCents\n    owner { id name }\n    site { id name }\n    openingHours { weekday opens closes }\n    rules { ...BookingRulesFields }\n    closures { from to reason }\n  }\n": types.AdminResourceFragmentDoc,
    "\n  query Sites {\n    sites {\n      ...SiteSummary\n    }\n  }\n": types.SitesDocument,
    "\n  fragment SiteSummary on Site {\n    id\n    name\n    address\n  }\n": types.SiteSummaryFragmentDoc,
    "\n  query Resources {\n    resources {\n      id\n      name\n      kind\n      capacity\n      hourlyRateCents\n      owner {\n        id\n        name\n      }\n      site {\n        id\n        name\n      }\n      rules {\n        requiresApproval\n      }\n    }\n  }\n": types.ResourcesDocument,
    "\n  query UsageEntries($from: DateTime!, $to: DateTime!, $memberId: ID, $resourceId: ID) {\n    usageEntries(from: $from, to: $to, memberId: $memberId, resourceId: $resourceId) {\n      id\n      start\n      end\n      durationMinutes\n      note\n      reversed\n      reversalReason\n      inClosedPeriod\n      resource {\n        id\n        name\n      }\n      member {\n        id\n        name\n      }\n    }\n  }\n": types.UsageEntriesDocument,
    "\n  query UsageChoices($withMembers: Boolean!) {\n    resources {\n      id\n      name\n    }\n    members @include(if: $withMembers) {\n      id\n      name\n    }\n  }\n": types.UsageChoicesDocument,
    "\n  mutation RecordUsage($input: RecordUsageInput!) {\n    recordUsage(input: $input)\n  }\n": types.RecordUsageDocument,
    "\n  mutation ReverseUsage($input: ReverseUsageInput!) {\n    reverseUsage(input: $input)\n  }\n": types.ReverseUsageDocument,
    "\n  fragment BookingRulesFields on BookingRules {\n    minDurationMinutes\n    maxDurationMinutes\n    minNoticeMinutes\n    maxAdvanceDays\n    cancellationDeadlineMinutes\n    slotGranularityMinutes\n    bufferMinutes\n    requiresApproval\n  }\n": types.BookingRulesFieldsFragmentDoc,
    "\n  mutation DownloadLink($path: String!) {\n    downloadLink(path: $path) {\n      url\n      expiresAt\n    }\n  }\n": types.DownloadLinkDocument,
    "\n  fragment Viewer on User {\n    id\n    email\n    role\n    member {\n      id\n      name\n    }\n  }\n": types.ViewerFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNotices {\n    me {\n      id\n      noticesEnabled\n    }\n  }\n"): (typeof documents)["\n  query MyNotices {\n    me {\n      id\n      noticesEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNoticesEnabled($enabled: Boolean!) {\n    setNoticesEnabled(enabled: $enabled)\n  }\n"): (typeof documents)["\n  mutation SetNoticesEnabled($enabled: Boolean!) {\n    setNoticesEnabled(enabled: $enabled)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteAccount($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      ...AccountRow\n    }\n  }\n"): (typeof documents)["\n  mutation InviteAccount($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      ...AccountRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeUserRole($input: ChangeUserRoleInput!) {\n    changeUserRole(input: $input) {\n      ...AccountRow\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeUserRole($input: ChangeUserRoleInput!) {\n    changeUserRole(input: $input) {\n      ...AccountRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) {\n      ...AccountRow\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) {\n      ...AccountRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EraseUser($userId: ID!) {\n    eraseUser(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation EraseUser($userId: ID!) {\n    eraseUser(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Accounts {\n    users {\n      ...AccountRow\n    }\n    members {\n      id\n      name\n      leftOn\n    }\n  }\n"): (typeof documents)["\n  query Accounts {\n    users {\n      ...AccountRow\n    }\n    members {\n      id\n      name\n      leftOn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountRow on User {\n    id\n    email\n    role\n    disabled\n    member {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AccountRow on User {\n    id\n    email\n    role\n    disabled\n    member {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveReservation($input: DecideReservationInput!) {\n    approveReservation(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveReservation($input: DecideReservationInput!) {\n    approveReservation(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PendingChanged {\n    reservationsChanged {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription PendingChanged {\n    reservationsChanged {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingReservations {\n    pendingReservations {\n      id\n      start\n      end\n      quantity\n      purpose\n      seriesId\n      member {\n        id\n        name\n      }\n      resource {\n        id\n        name\n        capacity\n        site {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PendingReservations {\n    pendingReservations {\n      id\n      start\n      end\n      quantity\n      purpose\n      seriesId\n      member {\n        id\n        name\n      }\n      resource {\n        id\n        name\n        capacity\n        site {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectReservation($input: DecideReservationInput!) {\n    rejectReservation(input: $input) {\n      id\n      status\n      rejectionReason\n    }\n  }\n"): (typeof documents)["\n  mutation RejectReservation($input: DecideReservationInput!) {\n    rejectReservation(input: $input) {\n      id\n      status\n      rejectionReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        ...Viewer\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        ...Viewer\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...Viewer\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...Viewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OneTimeLink($token: String!) {\n    oneTimeLink(token: $token) {\n      email\n      purpose\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query OneTimeLink($token: String!) {\n    oneTimeLink(token: $token) {\n      email\n      purpose\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalendarFeeds {\n    calendarFeeds {\n      ...CalendarFeedRow\n    }\n  }\n"): (typeof documents)["\n  query CalendarFeeds {\n    calendarFeeds {\n      ...CalendarFeedRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CalendarFeedRow on CalendarFeed {\n    id\n    url\n    resource {\n      id\n      name\n    }\n    member {\n      id\n      name\n    }\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CalendarFeedRow on CalendarFeed {\n    id\n    url\n    resource {\n      id\n      name\n    }\n    member {\n      id\n      name\n    }\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCalendarFeed($input: CreateCalendarFeedInput!) {\n    createCalendarFeed(input: $input) {\n      ...CalendarFeedRow\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCalendarFeed($input: CreateCalendarFeedInput!) {\n    createCalendarFeed(input: $input) {\n      ...CalendarFeedRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeCalendarFeed($feedId: ID!) {\n    revokeCalendarFeed(feedId: $feedId)\n  }\n"): (typeof documents)["\n  mutation RevokeCalendarFeed($feedId: ID!) {\n    revokeCalendarFeed(feedId: $feedId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Balances($asOf: DateTime) {\n    balances(asOf: $asOf) { member { id name } balanceCents }\n  }\n"): (typeof documents)["\n  query Balances($asOf: DateTime) {\n    balances(asOf: $asOf) { member { id name } balanceCents }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeAllocationKey($input: ChangeAllocationKeyInput!) {\n    changeAllocationKey(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation ChangeAllocationKey($input: ChangeAllocationKeyInput!) {\n    changeAllocationKey(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClosePeriod($periodId: ID!) {\n    closePeriod(periodId: $periodId) { status digest }\n  }\n"): (typeof documents)["\n  mutation ClosePeriod($periodId: ID!) {\n    closePeriod(periodId: $periodId) { status digest }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CorrectionWithoutCreditNoteRow on CorrectionWithoutCreditNote {\n    kind member { id name } correctedPeriodId amountCents vatCents message\n  }\n"): (typeof documents)["\n  fragment CorrectionWithoutCreditNoteRow on CorrectionWithoutCreditNote {\n    kind member { id name } correctedPeriodId amountCents vatCents message\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DefineCostPool($input: DefineCostPoolInput!) {\n    defineCostPool(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation DefineCostPool($input: DefineCostPoolInput!) {\n    defineCostPool(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FinanceOverview {\n    periods { ...PeriodSummary }\n    costPools {\n      id name accountNumber accountLabel\n      key { ...AllocationKeySummary }\n      keys { fromPeriodStart key { ...AllocationKeySummary } resources { id name } }\n      resources { id name }\n    }\n    members { id name leftOn }\n    resources { id name }\n  }\n"): (typeof documents)["\n  query FinanceOverview {\n    periods { ...PeriodSummary }\n    costPools {\n      id name accountNumber accountLabel\n      key { ...AllocationKeySummary }\n      keys { fromPeriodStart key { ...AllocationKeySummary } resources { id name } }\n      resources { id name }\n    }\n    members { id name leftOn }\n    resources { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceRow on Invoice {\n    id number kind issuedOn\n    member { id name }\n    period { id from to }\n    totalExclTaxCents vatCents totalInclTaxCents\n    corrects { id number }\n    pdfPath xmlPath\n  }\n"): (typeof documents)["\n  fragment InvoiceRow on Invoice {\n    id number kind issuedOn\n    member { id name }\n    period { id from to }\n    totalExclTaxCents vatCents totalInclTaxCents\n    corrects { id number }\n    pdfPath xmlPath\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invoices($periodId: ID, $memberId: ID) {\n    invoices(periodId: $periodId, memberId: $memberId) { ...InvoiceRow }\n  }\n"): (typeof documents)["\n  query Invoices($periodId: ID, $memberId: ID) {\n    invoices(periodId: $periodId, memberId: $memberId) { ...InvoiceRow }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoiceArchivePath($year: Int!) { invoiceArchivePath(year: $year) }\n"): (typeof documents)["\n  query InvoiceArchivePath($year: Int!) { invoiceArchivePath(year: $year) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenPeriod($input: OpenPeriodInput!) {\n    openPeriod(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation OpenPeriod($input: OpenPeriodInput!) {\n    openPeriod(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeriodLedger($periodId: ID!) {\n    costs(periodId: $periodId) { id pool { id name } amountCents incurredOn label reference reversal { reason reversedOn } }\n    payments(periodId: $periodId) { id member { id name } amountCents paidOn direction reference reversal { reason reversedOn } }\n    settlement(periodId: $periodId) {\n      period { ...PeriodSummary }\n      status digest closeRefusal\n      blockers { code poolId poolName message }\n      totals { netCostsCents poolSharesCents directChargesCents creditsCents poleIncomeCents vatCents creditVatCents balanceCents }\n      lines { ...SettlementTableLine }\n      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }\n    }\n  }\n"): (typeof documents)["\n  query PeriodLedger($periodId: ID!) {\n    costs(periodId: $periodId) { id pool { id name } amountCents incurredOn label reference reversal { reason reversedOn } }\n    payments(periodId: $periodId) { id member { id name } amountCents paidOn direction reference reversal { reason reversedOn } }\n    settlement(periodId: $periodId) {\n      period { ...PeriodSummary }\n      status digest closeRefusal\n      blockers { code poolId poolName message }\n      totals { netCostsCents poolSharesCents directChargesCents creditsCents poleIncomeCents vatCents creditVatCents balanceCents }\n      lines { ...SettlementTableLine }\n      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PeriodSummary on Period { id from to status closedAt digest digestEventCount }\n"): (typeof documents)["\n  fragment PeriodSummary on Period { id from to status closedAt digest digestEventCount }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Periods { periods { ...PeriodSummary } }\n"): (typeof documents)["\n  query Periods { periods { ...PeriodSummary } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PoleInvoicingProfileFields on PoleInvoicingProfile {\n    name\n    address { line postalCode city countryCode }\n    siret\n    vatNumber\n    iban\n    paymentTermDays\n    latePaymentPenalty\n    vatOnDebits\n  }\n"): (typeof documents)["\n  fragment PoleInvoicingProfileFields on PoleInvoicingProfile {\n    name\n    address { line postalCode city countryCode }\n    siret\n    vatNumber\n    iban\n    paymentTermDays\n    latePaymentPenalty\n    vatOnDebits\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PoleInvoicingProfile { poleInvoicingProfile { ...PoleInvoicingProfileFields } }\n"): (typeof documents)["\n  query PoleInvoicingProfile { poleInvoicingProfile { ...PoleInvoicingProfileFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPoleInvoicingProfile($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { ...PoleInvoicingProfileFields } }\n"): (typeof documents)["\n  mutation SetPoleInvoicingProfile($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { ...PoleInvoicingProfileFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordCost($input: RecordCostInput!) {\n    recordCost(input: $input)\n  }\n"): (typeof documents)["\n  mutation RecordCost($input: RecordCostInput!) {\n    recordCost(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input)\n  }\n"): (typeof documents)["\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReverseCost($input: ReverseCostInput!) {\n    reverseCost(input: $input)\n  }\n"): (typeof documents)["\n  mutation ReverseCost($input: ReverseCostInput!) {\n    reverseCost(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReversePayment($input: ReversePaymentInput!) {\n    reversePayment(input: $input)\n  }\n"): (typeof documents)["\n  mutation ReversePayment($input: ReversePaymentInput!) {\n    reversePayment(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SettlementTableLine on SettlementLine {\n    member { id name }\n    poolSharesCents directChargesCents creditsCents paymentsMadeCents paymentsReceivedCents vatCents creditVatCents balanceCents\n    poolShares { poolId poolName keyKind shareCents explanations {\n      keyKind partPercent splitAmountCents weightUnit memberWeight totalWeight exactShareCents exactShareCentsDecimal\n      floorCents receivedLeftoverCent roundingCentsDecimal shareCents } }\n    directCharges { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }\n    credits { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }\n  }\n"): (typeof documents)["\n  fragment SettlementTableLine on SettlementLine {\n    member { id name }\n    poolSharesCents directChargesCents creditsCents paymentsMadeCents paymentsReceivedCents vatCents creditVatCents balanceCents\n    poolShares { poolId poolName keyKind shareCents explanations {\n      keyKind partPercent splitAmountCents weightUnit memberWeight totalWeight exactShareCents exactShareCentsDecimal\n      floorCents receivedLeftoverCent roundingCentsDecimal shareCents } }\n    directCharges { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }\n    credits { resource { id } resourceName itemCount usageMinutes amountCents correctedPeriod { id from to } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Statement($memberId: ID!, $periodId: ID!) {\n    statement(memberId: $memberId, periodId: $periodId) {\n      member { id name }\n      period { ...PeriodSummary }\n      provisional openingBalanceCents closingBalanceCents\n      line { ...SettlementTableLine }\n      payments { date direction amountCents reference label }\n      invoiceToSend { creditsCents creditVatCents reason besideSelfBilledInvoice mandateHeld }\n      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }\n    }\n  }\n"): (typeof documents)["\n  query Statement($memberId: ID!, $periodId: ID!) {\n    statement(memberId: $memberId, periodId: $periodId) {\n      member { id name }\n      period { ...PeriodSummary }\n      provisional openingBalanceCents closingBalanceCents\n      line { ...SettlementTableLine }\n      payments { date direction amountCents reference label }\n      invoiceToSend { creditsCents creditVatCents reason besideSelfBilledInvoice mandateHeld }\n      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AllocationKeySummary on AllocationKey {\n    kind\n    shares { member { id name } weight }\n    parts { percent kind shares { member { id name } weight } }\n  }\n"): (typeof documents)["\n  fragment AllocationKeySummary on AllocationKey {\n    kind\n    shares { member { id name } weight }\n    parts { percent kind shares { member { id name } weight } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VatSettings($periodId: ID!) {\n    vatSettings(periodId: $periodId) {\n      status\n      treatments { pool { id name } resource { id name } reinvoicesStaff treatment { kind rateBasisPoints exemption mention } }\n    }\n  }\n"): (typeof documents)["\n  query VatSettings($periodId: ID!) {\n    vatSettings(periodId: $periodId) {\n      status\n      treatments { pool { id name } resource { id name } reinvoicesStaff treatment { kind rateBasisPoints exemption mention } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPoleVatStatus($input: SetPoleVatStatusInput!) { setPoleVatStatus(input: $input) { status } }\n"): (typeof documents)["\n  mutation SetPoleVatStatus($input: SetPoleVatStatusInput!) { setPoleVatStatus(input: $input) { status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetVatTreatment($input: SetVatTreatmentInput!) { setVatTreatment(input: $input) { status } }\n"): (typeof documents)["\n  mutation SetVatTreatment($input: SetVatTreatmentInput!) { setVatTreatment(input: $input) { status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveMember($input: LeaveMemberInput!) {\n    leaveMember(input: $input) {\n      id\n      name\n      leftOn\n    }\n  }\n"): (typeof documents)["\n  mutation LeaveMember($input: LeaveMemberInput!) {\n    leaveMember(input: $input) {\n      id\n      name\n      leftOn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberInvoicing on Member {\n    id\n    name\n    siren\n    vatStatus\n    address { line postalCode city countryCode }\n    vatNumber\n    invoiceEmail\n    selfBillingMandate { grantedOn reference vatOnDebits }\n  }\n"): (typeof documents)["\n  fragment MemberInvoicing on Member {\n    id\n    name\n    siren\n    vatStatus\n    address { line postalCode city countryCode }\n    vatNumber\n    invoiceEmail\n    selfBillingMandate { grantedOn reference vatOnDebits }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberInvoicing($id: ID!) { member(id: $id) { ...MemberInvoicing } }\n"): (typeof documents)["\n  query MemberInvoicing($id: ID!) { member(id: $id) { ...MemberInvoicing } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMemberInvoicingDetails($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { ...MemberInvoicing } }\n"): (typeof documents)["\n  mutation SetMemberInvoicingDetails($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { ...MemberInvoicing } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantSelfBillingMandate($input: GrantSelfBillingMandateInput!) { grantSelfBillingMandate(input: $input) { ...MemberInvoicing } }\n"): (typeof documents)["\n  mutation GrantSelfBillingMandate($input: GrantSelfBillingMandateInput!) { grantSelfBillingMandate(input: $input) { ...MemberInvoicing } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSelfBillingMandate($input: RevokeSelfBillingMandateInput!) { revokeSelfBillingMandate(input: $input) { ...MemberInvoicing } }\n"): (typeof documents)["\n  mutation RevokeSelfBillingMandate($input: RevokeSelfBillingMandateInput!) { revokeSelfBillingMandate(input: $input) { ...MemberInvoicing } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterMember($input: RegisterMemberInput!) {\n    registerMember(input: $input) {\n      ...MemberRow\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterMember($input: RegisterMemberInput!) {\n    registerMember(input: $input) {\n      ...MemberRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AmendMember($input: AmendMemberInput!) {\n    amendMember(input: $input) {\n      ...MemberRow\n    }\n  }\n"): (typeof documents)["\n  mutation AmendMember($input: AmendMemberInput!) {\n    amendMember(input: $input) {\n      ...MemberRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members {\n    members {\n      ...MemberRow\n    }\n  }\n"): (typeof documents)["\n  query Members {\n    members {\n      ...MemberRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberRow on Member {\n    id\n    name\n    legalForm\n    siret\n    vatStatus\n    joinedOn\n    leftOn\n  }\n"): (typeof documents)["\n  fragment MemberRow on Member {\n    id\n    name\n    legalForm\n    siret\n    vatStatus\n    joinedOn\n    leftOn\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareStates($from: DateTime!, $to: DateTime!) {\n    compareStates(from: $from, to: $to) {\n      from { ...LedgerStateColumn }\n      to { ...LedgerStateColumn }\n      eventsBetween\n      membersJoined { id name } membersLeft { id name }\n      resourcesRegistered { id name } resourcesChanged { id name }\n      balances { member { id name } fromCents toCents changeCents }\n    }\n  }\n"): (typeof documents)["\n  query CompareStates($from: DateTime!, $to: DateTime!) {\n    compareStates(from: $from, to: $to) {\n      from { ...LedgerStateColumn }\n      to { ...LedgerStateColumn }\n      eventsBetween\n      membersJoined { id name } membersLeft { id name }\n      resourcesRegistered { id name } resourcesChanged { id name }\n      balances { member { id name } fromCents toCents changeCents }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($memberId: ID, $resourceId: ID, $poolId: ID, $periodId: ID, $types: [String!], $actorRole: Role,\n                $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    history(memberId: $memberId, resourceId: $resourceId, poolId: $poolId, periodId: $periodId, types: $types,\n            actorRole: $actorRole, from: $from, to: $to, first: $first, after: $after) {\n      events {\n        cursor position streamId revision eventId type typeLabel technical description\n        actor { userId role label personErased }\n        recordedAt businessDate reason correlationId data metadata hash\n        memberIds resourceIds poolIds periodIds\n      }\n      endCursor hasMore\n    }\n  }\n"): (typeof documents)["\n  query History($memberId: ID, $resourceId: ID, $poolId: ID, $periodId: ID, $types: [String!], $actorRole: Role,\n                $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    history(memberId: $memberId, resourceId: $resourceId, poolId: $poolId, periodId: $periodId, types: $types,\n            actorRole: $actorRole, from: $from, to: $to, first: $first, after: $after) {\n      events {\n        cursor position streamId revision eventId type typeLabel technical description\n        actor { userId role label personErased }\n        recordedAt businessDate reason correlationId data metadata hash\n        memberIds resourceIds poolIds periodIds\n      }\n      endCursor hasMore\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryReferences {\n    auditEventTypes { type label technical }\n    members { id name }\n    resources { id name }\n    costPools { id name }\n    periods { id from to }\n  }\n"): (typeof documents)["\n  query HistoryReferences {\n    auditEventTypes { type label technical }\n    members { id name }\n    resources { id name }\n    costPools { id name }\n    periods { id from to }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Impact($from: Date!, $to: Date!) {\n    impactIndicators(from: $from, to: $to) {\n      from to days memberCount usingMemberCount usingOthersMemberCount totalHours\n      hoursByKind { kind hours }\n      hoursBySite { site { name } hours }\n      occupancy { resource { id name } usedUnitHours occupancyRate }\n      sharedAreaM2 spaceCount staffHours staffFte\n      flows { user { name } owner { name } hours directChargesCents useCount }\n      mutualisedCostsCents\n      costsByPool { pool { id name } amountCents }\n    }\n  }\n"): (typeof documents)["\n  query Impact($from: Date!, $to: Date!) {\n    impactIndicators(from: $from, to: $to) {\n      from to days memberCount usingMemberCount usingOthersMemberCount totalHours\n      hoursByKind { kind hours }\n      hoursBySite { site { name } hours }\n      occupancy { resource { id name } usedUnitHours occupancyRate }\n      sharedAreaM2 spaceCount staffHours staffFte\n      flows { user { name } owner { name } hours directChargesCents useCount }\n      mutualisedCostsCents\n      costsByPool { pool { id name } amountCents }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LedgerStateColumn on LedgerState {\n    asOf eventCount members { id name joinedOn leftOn } resources { id name kind } activeReservationCount balances { member { id name } balanceCents }\n  }\n"): (typeof documents)["\n  fragment LedgerStateColumn on LedgerState {\n    asOf eventCount members { id name joinedOn leftOn } resources { id name kind } activeReservationCount balances { member { id name } balanceCents }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyIntegrity {\n    verifyIntegrity {\n      ok checkedAt eventsChecked streamsChecked periodClosesChecked logDigest\n      problems { kind streamId revision eventId position message }\n    }\n  }\n"): (typeof documents)["\n  query VerifyIntegrity {\n    verifyIntegrity {\n      ok checkedAt eventsChecked streamsChecked periodClosesChecked logDigest\n      problems { kind streamId revision eventId position message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalendarReservations($resourceId: ID, $from: DateTime!, $to: DateTime!) {\n    reservations(resourceId: $resourceId, from: $from, to: $to) {\n      ...CalendarReservation\n    }\n  }\n"): (typeof documents)["\n  query CalendarReservations($resourceId: ID, $from: DateTime!, $to: DateTime!) {\n    reservations(resourceId: $resourceId, from: $from, to: $to) {\n      ...CalendarReservation\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelReservation($input: CancelReservationInput!) {\n    cancelReservation(input: $input) {\n      id\n      status\n      cancelledLate\n    }\n  }\n"): (typeof documents)["\n  mutation CancelReservation($input: CancelReservationInput!) {\n    cancelReservation(input: $input) {\n      id\n      status\n      cancelledLate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelSeries($input: CancelSeriesInput!) {\n    cancelSeries(input: $input) {\n      id\n      status\n      cancelledLate\n    }\n  }\n"): (typeof documents)["\n  mutation CancelSeries($input: CancelSeriesInput!) {\n    cancelSeries(input: $input) {\n      id\n      status\n      cancelledLate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FreeSlots($resourceIds: [ID!]!, $from: DateTime!, $to: DateTime!, $durationMinutes: Int!, $quantity: Int, $limit: Int) {\n    freeSlots(resourceIds: $resourceIds, from: $from, to: $to, durationMinutes: $durationMinutes, quantity: $quantity, limit: $limit) {\n      resource {\n        id\n        name\n      }\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  query FreeSlots($resourceIds: [ID!]!, $from: DateTime!, $to: DateTime!, $durationMinutes: Int!, $quantity: Int, $limit: Int) {\n    freeSlots(resourceIds: $resourceIds, from: $from, to: $to, durationMinutes: $durationMinutes, quantity: $quantity, limit: $limit) {\n      resource {\n        id\n        name\n      }\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyReservations($memberId: ID!, $from: DateTime!, $to: DateTime!) {\n    reservations(memberId: $memberId, from: $from, to: $to) {\n      ...CalendarReservation\n      resource {\n        hourlyRateCents\n        rules {\n          cancellationDeadlineMinutes\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyReservations($memberId: ID!, $from: DateTime!, $to: DateTime!) {\n    reservations(memberId: $memberId, from: $from, to: $to) {\n      ...CalendarReservation\n      resource {\n        hourlyRateCents\n        rules {\n          cancellationDeadlineMinutes\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlanningResources($siteId: ID, $kind: ResourceKind) {\n    sites {\n      id\n      name\n      address\n    }\n    resources(siteId: $siteId, kind: $kind) {\n      ...BookableResource\n    }\n  }\n"): (typeof documents)["\n  query PlanningResources($siteId: ID, $kind: ResourceKind) {\n    sites {\n      id\n      name\n      address\n    }\n    resources(siteId: $siteId, kind: $kind) {\n      ...BookableResource\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReservableMembers {\n    members {\n      id\n      name\n      joinedOn\n      leftOn\n    }\n  }\n"): (typeof documents)["\n  query ReservableMembers {\n    members {\n      id\n      name\n      joinedOn\n      leftOn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CalendarReservation on Reservation {\n    id\n    start\n    end\n    quantity\n    status\n    purpose\n    seriesId\n    rejectionReason\n    cancellationReason\n    cancelledLate\n    member {\n      id\n      name\n    }\n    resource {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment CalendarReservation on Reservation {\n    id\n    start\n    end\n    quantity\n    status\n    purpose\n    seriesId\n    rejectionReason\n    cancellationReason\n    cancelledLate\n    member {\n      id\n      name\n    }\n    resource {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReservationsChanged($resourceIds: [ID!]) {\n    reservationsChanged(resourceIds: $resourceIds) {\n      id\n      status\n      resource {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ReservationsChanged($resourceIds: [ID!]) {\n    reservationsChanged(resourceIds: $resourceIds) {\n      id\n      status\n      resource {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reserve($input: ReserveInput!) {\n    reserve(input: $input) {\n      ...CalendarReservation\n    }\n  }\n"): (typeof documents)["\n  mutation Reserve($input: ReserveInput!) {\n    reserve(input: $input) {\n      ...CalendarReservation\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReserveSeries($input: ReserveSeriesInput!) {\n    reserveSeries(input: $input) {\n      seriesId\n      booked {\n        ...CalendarReservation\n      }\n      conflicts {\n        start\n        end\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReserveSeries($input: ReserveSeriesInput!) {\n    reserveSeries(input: $input) {\n      seriesId\n      booked {\n        ...CalendarReservation\n      }\n      conflicts {\n        start\n        end\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookableResource on Resource {\n    id\n    name\n    kind\n    capacity\n    hourlyRateCents\n    areaM2\n    owner {\n      id\n      name\n    }\n    openingHours {\n      weekday\n      opens\n      closes\n    }\n    rules { ...BookingRulesFields }\n    closures {\n      from\n      to\n      reason\n    }\n    site {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment BookableResource on Resource {\n    id\n    name\n    kind\n    capacity\n    hourlyRateCents\n    areaM2\n    owner {\n      id\n      name\n    }\n    openingHours {\n      weekday\n      opens\n      closes\n    }\n    rules { ...BookingRulesFields }\n    closures {\n      from\n      to\n      reason\n    }\n    site {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookableResource($id: ID!) {\n    resource(id: $id) {\n      ...BookableResource\n    }\n  }\n"): (typeof documents)["\n  query BookableResource($id: ID!) {\n    resource(id: $id) {\n      ...BookableResource\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminResource($id: ID!) {\n    resource(id: $id) {\n      ...AdminResource\n    }\n  }\n"): (typeof documents)["\n  query AdminResource($id: ID!) {\n    resource(id: $id) {\n      ...AdminResource\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeBookingSettings($resourceId: ID!, $input: BookingSettingsInput!) {\n    changeBookingSettings(resourceId: $resourceId, input: $input) {\n      ...AdminResource\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeBookingSettings($resourceId: ID!, $input: BookingSettingsInput!) {\n    changeBookingSettings(resourceId: $resourceId, input: $input) {\n      ...AdminResource\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnerMembers {\n    members {\n      id\n      name\n      leftOn\n    }\n  }\n"): (typeof documents)["\n  query OwnerMembers {\n    members {\n      id\n      name\n      leftOn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterResource($input: RegisterResourceInput!) {\n    registerResource(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterResource($input: RegisterResourceInput!) {\n    registerResource(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterSite($input: RegisterSiteInput!) {\n    registerSite(input: $input) {\n      ...SiteSummary\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterSite($input: RegisterSiteInput!) {\n    registerSite(input: $input) {\n      ...SiteSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminResource on Resource {\n    id\n    name\n    kind\n    capacity\n    hourlyRateCents\n    owner { id name }\n    site { id name }\n    openingHours { weekday opens closes }\n    rules { ...BookingRulesFields }\n    closures { from to reason }\n  }\n"): (typeof documents)["\n  fragment AdminResource on Resource {\n    id\n    name\n    kind\n    capacity\n    hourlyRateCents\n    owner { id name }\n    site { id name }\n    openingHours { weekday opens closes }\n    rules { ...BookingRulesFields }\n    closures { from to reason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sites {\n    sites {\n      ...SiteSummary\n    }\n  }\n"): (typeof documents)["\n  query Sites {\n    sites {\n      ...SiteSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SiteSummary on Site {\n    id\n    name\n    address\n  }\n"): (typeof documents)["\n  fragment SiteSummary on Site {\n    id\n    name\n    address\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Resources {\n    resources {\n      id\n      name\n      kind\n      capacity\n      hourlyRateCents\n      owner {\n        id\n        name\n      }\n      site {\n        id\n        name\n      }\n      rules {\n        requiresApproval\n      }\n    }\n  }\n"): (typeof documents)["\n  query Resources {\n    resources {\n      id\n      name\n      kind\n      capacity\n      hourlyRateCents\n      owner {\n        id\n        name\n      }\n      site {\n        id\n        name\n      }\n      rules {\n        requiresApproval\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageEntries($from: DateTime!, $to: DateTime!, $memberId: ID, $resourceId: ID) {\n    usageEntries(from: $from, to: $to, memberId: $memberId, resourceId: $resourceId) {\n      id\n      start\n      end\n      durationMinutes\n      note\n      reversed\n      reversalReason\n      inClosedPeriod\n      resource {\n        id\n        name\n      }\n      member {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageEntries($from: DateTime!, $to: DateTime!, $memberId: ID, $resourceId: ID) {\n    usageEntries(from: $from, to: $to, memberId: $memberId, resourceId: $resourceId) {\n      id\n      start\n      end\n      durationMinutes\n      note\n      reversed\n      reversalReason\n      inClosedPeriod\n      resource {\n        id\n        name\n      }\n      member {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageChoices($withMembers: Boolean!) {\n    resources {\n      id\n      name\n    }\n    members @include(if: $withMembers) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query UsageChoices($withMembers: Boolean!) {\n    resources {\n      id\n      name\n    }\n    members @include(if: $withMembers) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordUsage($input: RecordUsageInput!) {\n    recordUsage(input: $input)\n  }\n"): (typeof documents)["\n  mutation RecordUsage($input: RecordUsageInput!) {\n    recordUsage(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReverseUsage($input: ReverseUsageInput!) {\n    reverseUsage(input: $input)\n  }\n"): (typeof documents)["\n  mutation ReverseUsage($input: ReverseUsageInput!) {\n    reverseUsage(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookingRulesFields on BookingRules {\n    minDurationMinutes\n    maxDurationMinutes\n    minNoticeMinutes\n    maxAdvanceDays\n    cancellationDeadlineMinutes\n    slotGranularityMinutes\n    bufferMinutes\n    requiresApproval\n  }\n"): (typeof documents)["\n  fragment BookingRulesFields on BookingRules {\n    minDurationMinutes\n    maxDurationMinutes\n    minNoticeMinutes\n    maxAdvanceDays\n    cancellationDeadlineMinutes\n    slotGranularityMinutes\n    bufferMinutes\n    requiresApproval\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DownloadLink($path: String!) {\n    downloadLink(path: $path) {\n      url\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation DownloadLink($path: String!) {\n    downloadLink(path: $path) {\n      url\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Viewer on User {\n    id\n    email\n    role\n    member {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment Viewer on User {\n    id\n    email\n    role\n    member {\n      id\n      name\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;