/**
 * The reading of a PostgreSQL URL, with libpq's host lists and `target_session_attrs` (see
 * host-list.ts for why Mutua reads them itself). Apart from node-postgres, so that checking the
 * configuration does not load the client on a server that does not use PostgreSQL.
 */
export interface HostAndPort {
  host: string;
  port: number;
}

export class PostgresUrlError extends Error {
  override name = 'PostgresUrlError';
  readonly code = 'INVALID_DATABASE_URL';
}

const DEFAULT_PORT = 5432;
const URL_PARTS = /^(postgres(?:ql)?:\/\/)([^@/?]*@)?([^/?]*)(.*)$/;
const HOST_PART = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d+))?$/;
const TARGET_SESSION_ATTRS = /([?&])target_session_attrs=([^&]*)&?/;

/** A URL's hosts, in order, what it asks of them, and the URL node-postgres takes to reach each. */
export function parsePostgresUrl(url: string): {
  hosts: HostAndPort[];
  targetSessionAttrs: 'any' | 'read-write';
  urlForHost: (host: HostAndPort) => string;
} {
  const parts = URL_PARTS.exec(url);
  if (!parts) throw new PostgresUrlError('DATABASE_URL is a PostgreSQL URL such as postgres://mutua:secret@db1:5432,db2:5432/mutua?target_session_attrs=read-write');
  const [, scheme, userInfo = '', hostList, rest = ''] = parts;
  const hosts = hostList!.split(',').map((entry) => {
    const host = HOST_PART.exec(entry);
    if (!host) throw new PostgresUrlError(`DATABASE_URL names a host that is not host or host:port: « ${entry} »`);
    return { host: host[1]!, port: host[2] === undefined ? DEFAULT_PORT : Number(host[2]) };
  });
  const attrs = TARGET_SESSION_ATTRS.exec(rest);
  const targetSessionAttrs = attrs?.[2] ?? 'any';
  if (targetSessionAttrs !== 'any' && targetSessionAttrs !== 'read-write') {
    throw new PostgresUrlError(`DATABASE_URL: target_session_attrs is any or read-write, not ${targetSessionAttrs}`);
  }
  // node-postgres would pass an unknown parameter to the server, which refuses it: it is Mutua's to honour.
  const restWithoutAttrs = attrs ? rest.replace(TARGET_SESSION_ATTRS, (_whole, separator: string) => separator).replace(/[?&]$/, '') : rest;
  return {
    hosts,
    targetSessionAttrs,
    urlForHost: ({ host, port }) => `${scheme}${userInfo}${host}:${port}${restWithoutAttrs}`,
  };
}
