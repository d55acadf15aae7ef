import type { ViewerFragment as ViewerFields } from './generated/graphql.js';
import { graphql } from './generated/index.js';

/**
 * The signed-in user as every screen needs it, as `me` and `login` return it (they spread this
 * fragment). `member` is the structure a MEMBER user acts for; null for the pôle's own staff and
 * auditors. Its type is the generated `ViewerFragment`.
 */
export const ViewerFragment = graphql(`
  fragment Viewer on User {
    id
    email
    role
    member {
      id
      name
    }
  }
`);

export type Viewer = ViewerFields;
