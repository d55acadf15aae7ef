import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { type BundleLines, type BundleVerification, bundleEvents, type ExpectedDigest, verifyBundle } from './verify-bundle.js';

/** A bundle file's lines, streamed (a bundle holds the whole ledger: it is never read whole). */
function fileLines(file: string): BundleLines {
  return () => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
}

export function verifyBundleFile(file: string, options: { expect?: ExpectedDigest } = {}): Promise<BundleVerification> {
  return verifyBundle(fileLines(file), options);
}

export function bundleFileEvents(file: string): AsyncGenerator<RecordedEvent> {
  return bundleEvents(fileLines(file));
}
