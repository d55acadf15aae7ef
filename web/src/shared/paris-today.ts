import { parisDateOf } from '../../../shared/paris-time.js';

/** Today's calendar date in Paris, by the browser's clock unless another instant is given. */
export function parisToday(now: Date = new Date()): string {
  return parisDateOf(now);
}
