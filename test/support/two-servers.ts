import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, startServer, temporaryDataDirectory } from './mutua-server.js';

/**
 * Two server processes started separately on one data directory, as two machines' services
 * sharing a disk would be: started before the suite's tests, stopped and removed after them.
 */
export function twoServersSharingAStore(env: Record<string, string> = {}): { readonly first: RunningServer; readonly second: RunningServer } {
  const dataDirectory = temporaryDataDirectory();
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    servers.push(await startServer({ dataDirectory, env }), await startServer({ dataDirectory, env }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dataDirectory, { recursive: true, force: true });
  });
  return {
    get first() { return servers[0]!; },
    get second() { return servers[1]!; },
  };
}
