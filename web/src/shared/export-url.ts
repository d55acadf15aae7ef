import { readStoredToken } from './session-token.js';

/**
 * The address of a file the API serves (statement, CSV, FEC, audit bundle). A link a browser
 * opens cannot send the `Authorization` header, so the session token rides as `?token=`, which
 * the export routes accept.
 */
export function exportUrl(path: string, params: Record<string, string> = {}, token: string | null = readStoredToken()): string {
  const query = new URLSearchParams(params);
  if (token) query.set('token', token);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}
