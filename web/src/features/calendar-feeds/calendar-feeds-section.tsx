import { useEffect, useId, useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import { formatParisDateTime } from '../../shared/format.js';
import type { CalendarFeedRowFragment as CalendarFeed } from '../../shared/generated/graphql.js';
import { graphql } from '../../shared/generated/index.js';
import { explainGraphqlError } from '../../shared/graphql-error.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { useReturnFocus } from '../../shared/ui/return-focus.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { useCalendarFeedsQuery } from './calendar-feeds-query.js';
import { useCreateCalendarFeedMutation } from './create-calendar-feed-mutation.js';
import { useRevokeCalendarFeedMutation } from './revoke-calendar-feed-mutation.js';

/** What the feed follows: one resource's reservations, or one member structure's. */
export type FeedTarget = { kind: 'resource'; resourceId: string; name: string } | { kind: 'member'; memberId: string; name: string };

/**
 * "External calendar (iCal)": a secret address to paste into Thunderbird, Google Calendar or
 * Outlook, which then show the reservations and follow their changes. Whoever holds the address
 * reads them, so it can be revoked at any time.
 */
export function CalendarFeedsSection({ target }: { target: FeedTarget }) {
  const { t } = useI18n();
  const titleId = useId();
  const [{ data, error, fetching }, reexecute] = useCalendarFeedsQuery();
  const [{ fetching: creating }, createFeed] = useCreateCalendarFeedMutation();
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  // The addresses of the feeds created on this page: the server gives each once, in its creation's answer.
  const [createdUrls, setCreatedUrls] = useState<Record<string, string>>({});
  const feeds = (data?.calendarFeeds ?? []).filter((feed) =>
    target.kind === 'resource' ? feed.resource?.id === target.resourceId && !feed.member : feed.member?.id === target.memberId && !feed.resource,
  );
  // A server without calendar feeds answers with a schema error that carries no code.
  const unavailable = error !== undefined && error.graphQLErrors.length > 0 && explainGraphqlError(error).code === 'UNKNOWN';

  async function handleCreate() {
    setFailure(null);
    setAnnouncement(null);
    const result = await createFeed({ input: target.kind === 'resource' ? { resourceId: target.resourceId } : { memberId: target.memberId } });
    const created = result.data?.createCalendarFeed;
    if (result.error || !created) {
      setFailure(result.error ?? null);
      return;
    }
    if (created.url) setCreatedUrls((urls) => ({ ...urls, [created.id]: created.url! }));
    setAnnouncement(`${t('feeds.created')} ${t('feeds.shownOnce')}`);
  }

  return (
    <section className="card feeds-section" aria-labelledby={titleId} data-testid="calendar-feeds">
      <h2 id={titleId}>{t('feeds.title')}</h2>
      <p className="muted">
        {target.kind === 'resource' ? t('feeds.introResource', { name: target.name }) : t('feeds.introMember', { name: target.name })}
      </p>
      {unavailable ? <p className="muted">{t('feeds.unavailable')}</p> : null}
      {error && !unavailable ? <GraphqlErrorAlert error={error} /> : null}
      {announcement ? <StatusMessage tone="success">{announcement}</StatusMessage> : null}
      {feeds.map((feed) => (
        <FeedRow
          key={feed.id}
          feed={feed}
          url={createdUrls[feed.id] ?? feed.url}
          onRevoked={() => {
            setAnnouncement(t('feeds.revoked'));
            reexecute({ requestPolicy: 'network-only' });
          }}
        />
      ))}
      {failure ? <GraphqlErrorAlert error={failure} /> : null}
      {!unavailable && data && feeds.length === 0 ? (
        <button type="button" className="button" onClick={handleCreate} disabled={creating || fetching} data-testid="create-feed">
          {creating ? t('feeds.creating') : t('feeds.create')}
        </button>
      ) : null}
      {feeds.length > 0 ? <p className="field-hint">{t('feeds.secretHint')}</p> : null}
    </section>
  );
}

/**
 * A secret iCalendar address that an agenda (Thunderbird, Google, Outlook) subscribes to. Its `url`
 * is given only in the answer that created the feed: the server keeps the secret's hash, not the secret.
 */
export const CalendarFeedRowFragment = graphql(`
  fragment CalendarFeedRow on CalendarFeed {
    id
    url
    resource {
      id
      name
    }
    member {
      id
      name
    }
    createdAt
  }
`);

function FeedRow({ feed, url, onRevoked }: { feed: CalendarFeed; url: string | null; onRevoked: () => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyStatus, setCopyStatus] = useState<'copied' | 'failed' | null>(null);
  const confirmation = useRevokeConfirmation();
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [{ fetching: revoking }, revoke] = useRevokeCalendarFeedMutation();

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(url ?? '');
      setCopyStatus('copied');
    } catch {
      // The clipboard is refused outside a secure context: select the address for a manual copy.
      inputRef.current?.select();
      setCopyStatus('failed');
    }
  }

  async function handleRevoke() {
    setFailure(null);
    const result = await revoke({ feedId: feed.id });
    if (result.error) setFailure(result.error);
    else onRevoked();
  }

  return (
    <div className="feed-row" data-testid="calendar-feed">
      {url === null ? <p>{t('feeds.address')}</p> : <label htmlFor={`${id}-url`}>{t('feeds.address')}</label>}
      <div className="feed-url">
        {url === null ? (
          <p className="field-hint">{t('feeds.hidden')}</p>
        ) : (
          <>
            <input id={`${id}-url`} ref={inputRef} type="text" readOnly value={url} onFocus={(event) => event.target.select()} />
            <button type="button" className="button button-small" onClick={handleCopy}>
              {t('feeds.copy')}
            </button>
          </>
        )}
        {confirmation.confirming ? null : (
          <button type="button" ref={confirmation.revokeButton} className="button button-small button-danger-quiet" onClick={confirmation.ask}>
            {t('feeds.revoke')}
          </button>
        )}
      </div>
      <p className="field-hint">{t('feeds.createdAt', { date: formatParisDateTime(feed.createdAt, locale) })}</p>
      {copyStatus === 'copied' ? <StatusMessage tone="success">{t('feeds.copied')}</StatusMessage> : null}
      {copyStatus === 'failed' ? <StatusMessage>{t('feeds.copyFailed')}</StatusMessage> : null}
      {confirmation.confirming ? (
        <div className="confirm-box" role="group" aria-label={t('feeds.revoke')}>
          <p ref={confirmation.question} tabIndex={-1}>{t('feeds.revokeQuestion')}</p>
          <div className="form-actions form-actions-start">
            <button type="button" className="button button-danger" onClick={handleRevoke} disabled={revoking}>
              {revoking ? t('feeds.revoking') : t('feeds.confirmRevoke')}
            </button>
            <button type="button" className="button" onClick={confirmation.keep}>
              {t('feeds.keep')}
            </button>
          </div>
        </div>
      ) : null}
      {failure ? <GraphqlErrorAlert error={failure} /> : null}
    </div>
  );
}

/**
 * Whether a row asks to revoke its address, and where the keyboard focus goes: to the question as
 * it replaces « Révoquer », and back to that button, drawn anew, once the address is kept.
 */
function useRevokeConfirmation() {
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const focus = useReturnFocus();
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  return {
    confirming, question, revokeButton: focus.openerRef,
    ask: () => setConfirming(true),
    keep: () => { setConfirming(false); focus.giveBack(); },
  };
}
