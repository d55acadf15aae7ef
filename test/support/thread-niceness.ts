import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';

/**
 * How many threads of this process run at a lower priority than the calling one (a higher
 * niceness), from `/proc/self/task/<id>/stat` (niceness is its 19th field; the command name in
 * parentheses before it may hold spaces). Linux only, as `runAtBackgroundPriority` is.
 */
export function nicerThreadCount(): number {
  const own = getPriority();
  return readdirSync('/proc/self/task').filter((threadId) => {
    const stat = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8');
    const fieldsAfterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fieldsAfterName[16]) > own;
  }).length;
}
