const MINUTE_MS = 60_000;

/** What cancelling a reservation now costs, as the member must know before confirming. */
export type CancellationTerms =
  /** A request never approved was never charged. */
  | { kind: 'request' }
  /** The resource is not charged by the hour: cancelling costs nothing. */
  | { kind: 'notCharged' }
  /** Free until `deadline`; charged after it. */
  | { kind: 'freeUntil'; deadline: Date }
  /** The deadline has passed: the reservation stays charged. */
  | { kind: 'charged'; deadline: Date };

export interface CancellableSlot {
  start: string;
  status: string;
}

/**
 * The cancellation terms of a reservation: free until `cancellationDeadlineMinutes` before its
 * start, charged after (the server records such a cancellation as late and keeps the charge).
 */
export function cancellationTerms(
  reservation: CancellableSlot,
  resource: { hourlyRateCents: number; rules: { cancellationDeadlineMinutes: number } },
  now: Date,
): CancellationTerms {
  if (reservation.status === 'REQUESTED') return { kind: 'request' };
  if (resource.hourlyRateCents === 0) return { kind: 'notCharged' };
  const deadline = new Date(Date.parse(reservation.start) - resource.rules.cancellationDeadlineMinutes * MINUTE_MS);
  return now.getTime() <= deadline.getTime() ? { kind: 'freeUntil', deadline } : { kind: 'charged', deadline };
}
