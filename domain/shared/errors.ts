/** The stable codes of expected failures, shared with the GraphQL contract. */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'RESERVATION_CONFLICT'
  | 'OUTSIDE_OPENING_HOURS'
  | 'BOOKING_RULE_VIOLATED'
  | 'PERIOD_CLOSED'
  | 'CONCURRENCY_CONFLICT'
  | 'MEMBER_INACTIVE'
  | 'NO_ALLOCATION_WEIGHT'
  | 'FORBIDDEN';

/** An expected refusal of a command. Bugs are assertions, never DomainErrors. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Facts a client may show, e.g. the rule that was broken. */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
