/** The path of a file the API serves (statement, CSV, FEC, audit bundle), with its parameters: never a token. */
export function documentPath(path: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return query === '' ? path : `${path}?${query}`;
}
