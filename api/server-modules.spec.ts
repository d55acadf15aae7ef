import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const PROJECT_DIRECTORY = fileURLToPath(new URL('..', import.meta.url));

/** The packages a module imports, and the project's modules it imports, statically or on demand, as esbuild resolves them. */
async function serverModuleGraph(): Promise<Metafile> {
  const { metafile } = await build({
    absWorkingDir: PROJECT_DIRECTORY,
    entryPoints: ['api/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: 'server.mjs',
  });
  return metafile;
}

/** What loading `entry` loads before anything runs: its static imports, and theirs. */
function staticallyLoaded(metafile: Metafile, entry: string): Set<string> {
  const loaded = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const module = pending.pop()!;
    if (loaded.has(module)) continue;
    loaded.add(module);
    for (const imported of metafile.inputs[module]?.imports ?? []) {
      if (imported.kind === 'import-statement') pending.push(imported.path);
    }
  }
  return loaded;
}

describe('what a server process loads at its start', () => {
  it('leaves the clients of KurrentDB and PostgreSQL to the servers that use them, and the zip writer to the year\'s download, which import them on demand', async () => {
    const metafile = await serverModuleGraph();
    const atStart = staticallyLoaded(metafile, 'api/main.ts');
    expect(atStart.has('api/server.ts')).toBe(true);
    expect([...atStart].filter((module) => module.startsWith('@eventstore/') || /^pg(-|\/|$)/.test(module) || module === 'fflate')).toEqual([]);
    // Still part of the server, on demand.
    const onDemand = Object.values(metafile.inputs).flatMap((input) => input.imports)
      .filter((imported) => imported.kind === 'dynamic-import').map((imported) => imported.path);
    expect(onDemand).toEqual(expect.arrayContaining([
      'eventstore/kurrentdb/kurrentdb-event-store.ts',
      'eventstore/postgres/postgres-event-store.ts',
      'projections/tables/postgres-read-model-database.ts',
      'api/invoicing/invoice-archive.ts',
    ]));
  }, 30_000);
});
