import { type AnchorHTMLAttributes, type MouseEvent, type ReactNode, useState } from 'react';
import { type CombinedError, useMutation } from 'urql';
import { describeError } from '../error-messages.js';
import { graphql } from '../generated/index.js';
import { explainGraphqlError } from '../graphql-error.js';
import { useI18n } from '../i18n/i18n.js';

export const DownloadLinkMutation = graphql(`
  mutation DownloadLink($path: String!) {
    downloadLink(path: $path) {
      url
      expiresAt
    }
  }
`);

type DownloadLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick' | 'target' | 'download'> & {
  /** The file's path on the API, with its parameters (see `documentPath`). */
  path: string;
  /** Opens the file in a new tab (a statement to read or print) rather than saving it. */
  newTab?: boolean;
  children: ReactNode;
};

/**
 * A link to a file of the API. A link cannot send the `Authorization` header, and the session
 * token must never go into an address (addresses end up in logs and histories): on click, the app
 * asks for a download link valid two minutes for this file and this session, and follows it.
 */
export function DownloadLink({ path, newTab = false, children, ...anchor }: DownloadLinkProps) {
  const { t } = useI18n();
  const [, requestLink] = useMutation(DownloadLinkMutation);
  const [failure, setFailure] = useState<CombinedError | null>(null);

  async function follow(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setFailure(null);
    // Opened within the click, so that it is not taken for a pop-up; its address comes with the link.
    const tab = newTab ? window.open('', '_blank') : null;
    const result = await requestLink({ path });
    const url = result.data?.downloadLink.url;
    if (!url) {
      tab?.close();
      setFailure(result.error ?? null);
      return;
    }
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
      return;
    }
    const save = document.createElement('a');
    save.href = url;
    save.download = '';
    save.click();
  }

  return (
    <>
      <a {...anchor} href={path} onClick={follow}>
        {children}
      </a>
      {/* A span, not the block alert: these links sit inside paragraphs. */}
      {failure ? <span className="alert-inline" role="alert">{describeError(explainGraphqlError(failure), t).message}</span> : null}
    </>
  );
}
