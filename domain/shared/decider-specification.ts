import { expect } from 'vitest';
import { type Decider, foldEvents } from './decider.js';
import { DomainError, type DomainErrorCode } from './errors.js';

/**
 * Given/When/Then for deciders: given past events, when a command is decided, then these events
 * are produced, or the command is refused with this code.
 */
export function specification<State, Command, Event>(decider: Decider<State, Command, Event>) {
  return (given: Event[]) => ({
    when: (command: Command) => ({
      then(expected: Event[]) {
        expect(decider.decide(command, foldEvents(decider, given))).toEqual(expected);
      },
      /** `details`, when given, are facts the refusal must carry (such as the rule it names). */
      thenRefusedWith(code: DomainErrorCode, message?: RegExp, details?: Readonly<Record<string, unknown>>) {
        let refusal: unknown;
        try {
          decider.decide(command, foldEvents(decider, given));
        } catch (error) {
          refusal = error;
        }
        expect(refusal).toBeInstanceOf(DomainError);
        expect((refusal as DomainError).code).toBe(code);
        if (message) expect((refusal as DomainError).message).toMatch(message);
        if (details) expect((refusal as DomainError).details).toMatchObject(details);
      },
    }),
  });
}
