import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteIdentityStore } from '../identity/sqlite-identity-store.js';
import { AuthenticationError, AuthService } from './auth-service.js';
import { canonicalDocument, DOWNLOAD_LINK_SECONDS, DownloadLinks } from './download-links.js';

async function signedInWithLinks(startMs: number) {
  let nowMs = startMs;
  const clock = () => new Date(nowMs);
  const identity = new SqliteIdentityStore(new Database(':memory:'));
  const auth = new AuthService(identity, 12, clock);
  await auth.createUser({ email: 'tresorerie@pole.test', password: 'un-mot-de-passe-long', role: 'TREASURER', memberId: null });
  const { token } = await auth.login('tresorerie@pole.test', 'un-mot-de-passe-long');
  const links = new DownloadLinks(identity, auth, clock);
  const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('token')!;
  return { auth, links, token, tokenOf, advance: (ms: number) => (nowMs += ms), identity, clock };
}

describe('download links', () => {
  it('work for two minutes, and not a millisecond longer', async () => {
    const { links, token, tokenOf, advance } = await signedInWithLinks(Date.UTC(2026, 0, 15, 9));
    const link = await links.issue(token, '/exports/fec/all');
    expect(link.expiresAt).toBe('2026-01-15T09:02:00.000Z');
    advance(DOWNLOAD_LINK_SECONDS * 1000 - 1);
    await expect(links.authenticate(tokenOf(link.url), '/exports/fec/all')).resolves.toMatchObject({ role: 'TREASURER' });
    advance(1);
    await expect(links.authenticate(tokenOf(link.url), '/exports/fec/all')).rejects.toThrow(AuthenticationError);
  });

  it('are refused when any part of the token is changed', async () => {
    const { links, token, tokenOf } = await signedInWithLinks(Date.UTC(2026, 0, 15, 9));
    const downloadToken = tokenOf((await links.issue(token, '/exports/fec/all')).url);
    const [expiry, session, signature] = downloadToken.split('.') as [string, string, string];
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    for (const forged of [`${(Number.parseInt(expiry, 36) + 60_000).toString(36)}.${session}.${signature}`, `${expiry}.${flip(session)}.${signature}`, `${expiry}.${session}.${flip(signature)}`, token]) {
      await expect(links.authenticate(forged, '/exports/fec/all')).rejects.toThrow(AuthenticationError);
    }
  });

  it('are checked against a key kept in the store, so that another process accepts them', async () => {
    const { auth, links, token, tokenOf, identity, clock } = await signedInWithLinks(Date.UTC(2026, 0, 15, 9));
    const url = (await links.issue(token, '/exports/impact.csv?to=2026-02-01&from=2026-01-01')).url;
    const otherProcess = new DownloadLinks(identity, auth, clock);
    await expect(otherProcess.authenticate(tokenOf(url), '/exports/impact.csv?from=2026-01-01&to=2026-02-01&token=x')).resolves.toMatchObject({ role: 'TREASURER' });
  });
});

describe('canonicalDocument', () => {
  it('names a document by its path and sorted parameters, token left out', () => {
    expect(canonicalDocument('/exports/impact.csv?to=2026-02-01&token=abc&from=2026-01-01')).toBe('/exports/impact.csv?from=2026-01-01&to=2026-02-01');
    expect(canonicalDocument('/statements/p%201/m1.pdf')).toBe('/statements/p%201/m1.pdf');
  });

  it('knows no address on another origin', () => {
    for (const address of ['https://elsewhere.example/exports/fec/all', '//elsewhere.example/exports/fec/all', 'exports/fec/all', '/\\elsewhere.example/x']) {
      expect(canonicalDocument(address), address).toBeUndefined();
    }
  });
});
