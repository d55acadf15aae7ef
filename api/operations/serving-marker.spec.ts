import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liveServingProcesses, markServing } from './serving-marker.js';

describe('the serving markers of a data directory', () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-serving-'));
  afterEach(() => rmSync(join(dataDirectory, 'serving'), { recursive: true, force: true }));

  /** The pid of a process that has ended: what a server killed mid-run leaves in its marker's name. */
  const endedPid = () => spawnSync(process.execPath, ['-e', '']).pid;

  it('removes the markers of ended processes as a process starts serving, and its own as it stops', () => {
    const stopServing = markServing(dataDirectory);
    for (const pid of [endedPid(), endedPid()]) writeFileSync(join(dataDirectory, 'serving', String(pid)), '{}\n');

    const stopAgain = markServing(dataDirectory);
    expect(readdirSync(join(dataDirectory, 'serving'))).toEqual([String(process.pid)]);
    expect(liveServingProcesses(dataDirectory)).toEqual([process.pid]);

    stopAgain();
    stopServing();
    expect(existsSync(join(dataDirectory, 'serving', String(process.pid)))).toBe(false);
    expect(liveServingProcesses(dataDirectory)).toEqual([]);
  });
});
