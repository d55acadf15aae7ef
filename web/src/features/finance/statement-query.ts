import { useQuery } from 'urql';
import { graphql } from '../../shared/generated/index.js';

export const StatementQuery = graphql(`
  query Statement($memberId: ID!, $periodId: ID!) {
    statement(memberId: $memberId, periodId: $periodId) {
      member { id name }
      period { ...PeriodSummary }
      provisional openingBalanceCents closingBalanceCents
      line { ...SettlementTableLine }
      payments { date direction amountCents reference label }
      invoiceToSend { creditsCents creditVatCents reason besideSelfBilledInvoice mandateHeld }
      correctionsWithoutCreditNote { ...CorrectionWithoutCreditNoteRow }
    }
  }
`);

export function useStatementQuery(memberId: string, periodId: string | null) {
  return useQuery({ query: StatementQuery, variables: { memberId, periodId: periodId ?? '' }, pause: periodId === null, requestPolicy: 'cache-and-network' });
}
