import { randomBytes } from 'node:crypto';

/**
 * A UUID of version 7 (RFC 9562): the instant's milliseconds since 1970 in its first 48 bits, then
 * 74 random bits. Ids made later sort after those made earlier, so a unique index over them grows
 * at its end: each new event or reservation writes the index's last page, which the write before
 * it wrote too, instead of a random page of an index as large as the log (README, « Time-ordered
 * ids »). They are kept for what is recorded by the thousand (events, reservations); a member's or
 * a resource's id stays a random UUID. The instant is the command's, read from its clock, and only
 * orders the ids: nothing is decided from it.
 */
export function timeOrderedId(at: Date): string {
  const milliseconds = at.getTime();
  assert48Bits(milliseconds);
  const bytes = randomBytes(16);
  bytes.writeUIntBE(milliseconds, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function assert48Bits(milliseconds: number): void {
  if (!Number.isInteger(milliseconds) || milliseconds < 0 || milliseconds >= 2 ** 48) {
    throw new RangeError(`A time-ordered id needs an instant from 1970 to the year 10889, not ${milliseconds}`);
  }
}
