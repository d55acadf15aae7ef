import { existsSync } from 'node:fs';
import { verifyBundleFile } from './audit/bundle/bundle-file.js';
import { type ExpectedDigest } from './audit/bundle/verify-bundle.js';
import { describeLedgerReport } from './audit/integrity/ledger-verifier.js';
import { verifyLedgerStore } from './audit/integrity/verify-ledger.js';
import { readConfig } from './config.js';
import { openConfiguredStore } from './operations/configured-store.js';

const USAGE = 'Usage : npm run verify   (le registre configuré)\n        npm run verify -- --bundle <paquet.jsonl> [--expect <nombre>:<empreinte>]';

/**
 * `npm run verify`: checks the hash chain of every stream of the live store (the one configured by
 * MUTUA_STORE / MUTUA_DATA_DIR / DATABASE_URL / KURRENTDB_URL) and the digest of every period close, prints OK
 * or names each altered event and stream, and exits non-zero when anything is wrong.
 *
 * `npm run verify -- --bundle <file>` checks an audit bundle offline the same way, plus its
 * header and trailer; `--expect N:digest` also checks that its first N events are those of a log
 * digest noted earlier (from an older bundle, or the partner room's integrity check).
 */
async function verifyLiveStore(): Promise<number> {
  const opened = await openConfiguredStore(readConfig());
  if ('missingFile' in opened) {
    console.error(`Aucun registre à vérifier : ${opened.missingFile} n’existe pas (MUTUA_DATA_DIR).`);
    return 2;
  }
  try {
    const report = await verifyLedgerStore(opened.store);
    console.log(describeLedgerReport(report));
    return report.problems.length === 0 ? 0 : 1;
  } finally {
    await opened.close();
  }
}

async function verifyBundle(file: string, expect: ExpectedDigest | undefined): Promise<number> {
  if (!existsSync(file)) {
    console.error(`Paquet d’audit introuvable : ${file}.`);
    return 2;
  }
  const { report, header } = await verifyBundleFile(file, expect ? { expect } : {});
  const origin = header ? ` (exporté le ${header.exportedAt}${header.pole.name ? ` par ${header.pole.name}` : ''}${header.pole.siren ? `, SIREN ${header.pole.siren}` : ''})` : '';
  console.log(`Paquet d’audit ${file}${origin}`);
  console.log(describeLedgerReport(report, 'bundle'));
  return report.problems.length === 0 ? 0 : 1;
}

function parseExpect(value: string | undefined): ExpectedDigest | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value);
  return match ? { eventCount: Number(match[1]), digest: match[2]! } : 'invalid';
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0) return verifyLiveStore();
  const bundleAt = argv.indexOf('--bundle');
  const expectAt = argv.indexOf('--expect');
  const file = bundleAt >= 0 ? argv[bundleAt + 1] : undefined;
  const expect = parseExpect(expectAt >= 0 ? argv[expectAt + 1] ?? '' : undefined);
  const known = argv.length === (expectAt >= 0 ? 4 : 2);
  if (!file || expect === 'invalid' || !known) {
    console.error(USAGE);
    return 2;
  }
  return verifyBundle(file, expect);
}

process.exitCode = await main(process.argv.slice(2));
