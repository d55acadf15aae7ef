import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Outside `dist/web`: the server hands it out as a download, never runs it under its own origin. */
export const VERIFIER_FILE = join(HERE, '..', 'dist', 'verifier', 'verificateur-mutua.html');

/**
 * `npm run build` writes the offline verifier: one HTML file with its script inside, so that a
 * funder can keep it, open it from disk and check a bundle with no server and no network.
 */
async function buildVerifier(): Promise<void> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { 'node:crypto': join(HERE, 'node-crypto-in-the-browser.ts') } },
    build: {
      write: false,
      minify: true,
      lib: { entry: join(HERE, 'verifier-page.ts'), formats: ['iife'], name: 'MutuaVerifier' },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output] as Rollup.RollupOutput[]).flatMap((result) => result.output);
  const script = chunks.find((chunk): chunk is Rollup.OutputChunk => chunk.type === 'chunk' && chunk.isEntry);
  if (!script) throw new Error('The verifier page was built without a script');
  if (script.code.includes('</script')) throw new Error('The verifier script contains </script and cannot be inlined');
  const template = await readFile(join(HERE, 'verifier.html'), 'utf8');
  await mkdir(dirname(VERIFIER_FILE), { recursive: true });
  await writeFile(VERIFIER_FILE, template.replace('%VERIFIER_SCRIPT%', () => script.code));
}

if (import.meta.url === `file://${process.argv[1]}`) await buildVerifier();
