import { gql, useQuery } from 'urql';
import { LINE_FIELDS, PERIOD_FIELDS, type Period, type PaymentDirection, type SettlementLine } from './finance-types.js';

export interface StatementData {
  statement: {
    member: { id: string; name: string };
    period: Period;
    provisional: boolean;
    openingBalanceCents: number;
    closingBalanceCents: number;
    line: SettlementLine;
    payments: { date: string; direction: PaymentDirection; amountCents: number; reference: string | null; label: string }[];
  };
}

export const StatementQuery = gql<StatementData, { memberId: string; periodId: string }>`
  query Statement($memberId: ID!, $periodId: ID!) {
    statement(memberId: $memberId, periodId: $periodId) {
      member { id name }
      period { ${PERIOD_FIELDS} }
      provisional openingBalanceCents closingBalanceCents
      line { ${LINE_FIELDS} }
      payments { date direction amountCents reference label }
    }
  }
`;

export function useStatementQuery(memberId: string, periodId: string | null) {
  return useQuery({ query: StatementQuery, variables: { memberId, periodId: periodId ?? '' }, pause: periodId === null, requestPolicy: 'cache-and-network' });
}
