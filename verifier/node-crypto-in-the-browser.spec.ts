import { createHash as nodeCreateHash, hash as nodeHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHash, hash } from './node-crypto-in-the-browser.js';

describe('the offline verifier’s SHA-256', () => {
  it('gives Node’s digest of any text, accents and emoji included, in one update or several', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }), (parts) => {
      const node = nodeCreateHash('sha256');
      const browser = createHash('sha256');
      for (const part of parts) {
        node.update(part);
        browser.update(part);
      }
      expect(browser.digest('hex')).toBe(node.digest('hex'));
    }));
  });

  it('gives Node’s one-shot digest of any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      expect(hash('sha256', text, 'hex')).toBe(nodeHash('sha256', text, 'hex'));
    }));
  });
});
