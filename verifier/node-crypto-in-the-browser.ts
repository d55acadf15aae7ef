import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * What the offline verifier page gets for `import { createHash, hash } from 'node:crypto'`: the
 * verification modules it bundles (event hashes, day chains, the log digest) hash with Node's
 * `createHash('sha256').update(text).digest('hex')`, synchronously, one event at a time. The
 * browser's WebCrypto is asynchronous only, so the page uses Paul Miller's audited `@noble/hashes`
 * behind the same three calls, and verifies with exactly the code `npm run verify` runs.
 */
export function createHash(algorithm: 'sha256') {
  if (algorithm !== 'sha256') throw new Error(`Only SHA-256 is available offline, not ${String(algorithm)}`);
  const hash = sha256.create();
  const hasher = {
    update(text: string) {
      hash.update(utf8ToBytes(text));
      return hasher;
    },
    digest(encoding: 'hex') {
      if (encoding !== 'hex') throw new Error(`Digests are given in hex offline, not ${String(encoding)}`);
      return bytesToHex(hash.digest());
    },
  };
  return hasher;
}

/** Node's one-shot `hash('sha256', text, 'hex')`, which the day chains use (a rebuild extends one per event). */
export function hash(algorithm: 'sha256', text: string, encoding: 'hex'): string {
  return createHash(algorithm).update(text).digest(encoding);
}
