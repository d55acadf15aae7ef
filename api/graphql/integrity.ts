import { type LedgerProblem, describeLedgerReport } from '../audit/integrity/ledger-verifier.js';
import { type IntegrityCheck, PARTNER_ROOM_READERS, partnerRoomOf } from '../audit/partner-room.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';

const IntegrityProblemRef = builder.objectRef<LedgerProblem>('IntegrityProblem');
IntegrityProblemRef.implement({
  description: 'One broken place of the ledger, named so that an auditor can find it.',
  fields: (t) => ({
    kind: t.exposeString('kind', {
      description: 'HASH_MISMATCH, BROKEN_LINK, REVISION_GAP, MISSING_HASH, PERIOD_DIGEST_MISMATCH, NOT_IN_PERIOD_DIGEST, DATED_IN_CLOSED_PERIOD or INVOICE_NUMBERING_MISMATCH.',
    }),
    streamId: t.exposeString('streamId', { nullable: true }),
    revision: t.exposeInt('revision', { nullable: true }),
    eventId: t.exposeID('eventId', { nullable: true }),
    position: t.exposeFloat('position', { nullable: true }),
    message: t.exposeString('message', { description: 'In French.' }),
  }),
});

const IntegrityReportRef = builder.objectRef<IntegrityCheck>('IntegrityReport');
IntegrityReportRef.implement({
  description: 'The same check as `npm run verify`, run on the live store: every stream’s hash chain, the log’s positions, every period close’s digest.',
  fields: (t) => ({
    ok: t.boolean({ resolve: (check) => check.report.problems.length === 0 }),
    checkedAt: t.field({ type: 'DateTime', resolve: (check) => check.checkedAt }),
    eventsChecked: t.int({ resolve: (check) => check.report.eventsChecked }),
    streamsChecked: t.int({ resolve: (check) => check.report.streamsChecked }),
    periodClosesChecked: t.int({ resolve: (check) => check.report.periodClosesChecked }),
    logDigest: t.string({
      description: 'The chain of every event’s hash in log order, as an audit bundle’s trailer holds it: note it with eventsChecked to check a later bundle continues this log.',
      resolve: (check) => check.report.logDigest,
    }),
    problems: t.field({ type: [IntegrityProblemRef], resolve: (check) => check.report.problems }),
    summary: t.string({ description: 'The report as `npm run verify` prints it.', resolve: (check) => describeLedgerReport(check.report) }),
  }),
});

builder.queryFields((t) => ({
  verifyIntegrity: t.field({
    type: IntegrityReportRef,
    description: 'Verifies the whole ledger now: OK, or each altered event named by stream, revision, id and position. Reads the whole log: seconds on a large pôle.',
    resolve: allow(PARTNER_ROOM_READERS, (_parent, _args, { mutua }) => partnerRoomOf(mutua).verifyIntegrity()),
  }),
}));
