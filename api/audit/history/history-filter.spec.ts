import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { asMemberSees, historyMatcher, visibleToMember } from './history-filter.js';

const recorded = (type: string, data: unknown): RecordedEvent => ({
  id: `${type}-1`, type, data, streamId: 'invoice-numbers-2027', revision: 0, position: 1, recordedAt: '2027-01-02T10:00:00.000Z',
  metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'TREASURER' },
});

const numbering = recorded('InvoicesNumbered', {
  year: 2027, periodId: 'q4', issuedOn: '2027-01-02',
  numbers: [{ invoiceId: 'q4.FA.coop', number: 'FA-2027-000001' }, { invoiceId: 'q4.FA.fablab', number: 'FA-2027-000002' }, { invoiceId: 'q4.AV.coop.x', number: 'AV-2027-000001' }],
});
const coopDocuments = new Set(['q4.FA.coop', 'q4.AV.coop.x', 'q3.FA.coop']);

describe('what a member reads of the invoice numberings', () => {
  it('sees a numbering of one of its documents, with its own numbers only; never one numbering only others’', () => {
    expect(visibleToMember('coop', coopDocuments)(numbering)).toBe(true);
    expect(visibleToMember('blob', new Set(['q4.FA.blob']))(numbering)).toBe(false);
    expect(visibleToMember('blob', new Set())(numbering)).toBe(false);
    const seen = asMemberSees(numbering, coopDocuments);
    expect((seen.data as { numbers: unknown[] }).numbers).toEqual([{ invoiceId: 'q4.FA.coop', number: 'FA-2027-000001' }, { invoiceId: 'q4.AV.coop.x', number: 'AV-2027-000001' }]);
    expect(JSON.stringify(seen)).not.toContain('fablab');
    expect(seen.metadata).toBe(numbering.metadata);
  });

  it('still hides the closes, which hold every structure’s settlement and drafts, and sees other events as before', () => {
    expect(visibleToMember('coop', coopDocuments)(recorded('PeriodClosed', { periodId: 'q4', invoices: [{ invoiceId: 'q4.FA.coop', memberId: 'coop' }] }))).toBe(false);
    expect(visibleToMember('coop', coopDocuments)(recorded('PaymentRecorded', { memberId: 'coop' }))).toBe(true);
    expect(asMemberSees(recorded('PaymentRecorded', { memberId: 'coop' }), coopDocuments).data).toEqual({ memberId: 'coop' });
  });

  it('finds a numbering in a structure’s history when it numbers one of the structure’s documents, and an unreadable one nowhere', () => {
    expect(historyMatcher({ memberId: 'coop' }, { memberDocumentIds: coopDocuments })(numbering)).toBe(true);
    expect(historyMatcher({ memberId: 'blob' }, { memberDocumentIds: new Set(['q4.FA.blob']) })(numbering)).toBe(false);
    const unreadable = recorded('InvoicesNumbered', { numbers: [null, 3] });
    expect(visibleToMember('coop', coopDocuments)(unreadable)).toBe(false);
    expect(historyMatcher({ memberId: 'coop' }, { memberDocumentIds: coopDocuments })(unreadable)).toBe(false);
  });
});
