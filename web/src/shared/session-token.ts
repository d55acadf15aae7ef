/**
 * The bearer token returned by `login`, kept in localStorage so a reload keeps the session.
 * Other tabs are told through the `storage` event, so signing out in one signs out all.
 */
export const TOKEN_STORAGE_KEY = 'mutua.token';

export function readStoredToken(): string | null {
  try {
    const token = window.localStorage.getItem(TOKEN_STORAGE_KEY);
    return token === null || token === '' ? null : token;
  } catch {
    return null;
  }
}

export function storeToken(token: string): void {
  try {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage refused (private browsing): the session lasts until the page is reloaded.
  }
}

export function clearStoredToken(): void {
  try {
    window.localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

/** Calls `onChange` with the new token when another tab signs in or out. */
export function subscribeToStoredToken(onChange: (token: string | null) => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key === TOKEN_STORAGE_KEY || event.key === null) onChange(readStoredToken());
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
