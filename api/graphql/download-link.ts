import { z } from 'zod';
import { type DownloadLink } from '../auth/download-links.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';

const DownloadLinkRef = builder.objectRef<DownloadLink>('DownloadLink');

DownloadLinkRef.implement({
  description: 'A link to one file of the API (statement, export), for this session, for two minutes: the session token never travels in an address.',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'The file’s path on the API’s origin, with its download token as `?token=`.' }),
    expiresAt: t.field({ type: 'DateTime', resolve: (link) => link.expiresAt }),
  }),
});

builder.mutationFields((t) => ({
  downloadLink: t.field({
    type: DownloadLinkRef,
    description:
      'A short-lived link to the file at `path` (e.g. `/statements/<periodId>/<memberId>.pdf`, `/exports/impact.csv?from=…&to=…`). '
      + 'Following it is authorised as the file is for this session: a member reads its own statement only.',
    args: { path: t.arg.string({ required: true, validate: z.string().min(1).max(2_000) }) },
    resolve: allow('SIGNED_IN', (_parent, { path }, { mutua, token }) => mutua.downloads.issue(token!, path)),
  }),
}));
