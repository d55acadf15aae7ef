import { type DomainErrorCode } from '../../shared/error-codes.js';

/** The stable codes of expected failures are listed once, with the API's, in `shared/error-codes.ts`. */
export type { DomainErrorCode };

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
