import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether this machine lets the tests set the immutable attribute (`chattr +i`), which needs root
 * (CI and the dev machines have it): a file so marked refuses writes even through descriptors
 * already open, as a store file turned read-only under a running server does.
 */
export const canMakeImmutable = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'mutua-chattr-probe-'));
  try {
    writeFileSync(join(probe, 'file'), '');
    execFileSync('chattr', ['+i', join(probe, 'file')], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', join(probe, 'file')], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();
