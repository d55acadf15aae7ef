import { useState } from 'react';
import { formatDate, formatParisDateTime } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import type { HistoryReferencesData } from './history-references-query.js';
import { useHistoryQuery, type HistoryEvent, type HistoryVariables } from './history-query.js';

export type ThingKind = 'member' | 'resource' | 'pool' | 'period';
export type ThingHref = (kind: ThingKind, id: string) => string;

const PAGE_SIZE = 25;

/** The history's events for the given filters, newest first, one page after another (cursor paging). */
export function HistoryList({ filters, references, thingHref }: { filters: Omit<HistoryVariables, 'first' | 'after'>; references: HistoryReferencesData | undefined; thingHref: ThingHref }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return (
    <ol className="history-list" data-testid="history-list">
      {cursors.map((after, index) => (
        <HistoryPage
          key={after ?? 'first'}
          variables={{ ...filters, first: PAGE_SIZE, ...(after ? { after } : {}) }}
          isLast={index === cursors.length - 1}
          isFirst={index === 0}
          onMore={(cursor) => setCursors((current) => [...current, cursor])}
          references={references}
          thingHref={thingHref}
        />
      ))}
    </ol>
  );
}

function HistoryPage({ variables, isLast, isFirst, onMore, references, thingHref }: {
  variables: HistoryVariables;
  isLast: boolean;
  isFirst: boolean;
  onMore: (cursor: string) => void;
  references: HistoryReferencesData | undefined;
  thingHref: ThingHref;
}) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useHistoryQuery(variables);
  if (error) return <li><GraphqlErrorAlert error={error} /></li>;
  if (!data) return fetching ? <li><Loading /></li> : null;
  const { events, endCursor, hasMore } = data.history;
  return (
    <>
      {isFirst && events.length === 0 && !hasMore ? <li className="muted">{t('partners.history.empty')}</li> : null}
      {events.map((event) => <HistoryEventItem key={event.eventId} event={event} references={references} thingHref={thingHref} />)}
      {isLast && hasMore && endCursor ? (
        <li className="history-more">
          <button type="button" className="button" onClick={() => onMore(endCursor)}>{t('partners.history.more')}</button>
        </li>
      ) : null}
    </>
  );
}

function HistoryEventItem({ event, references, thingHref }: { event: HistoryEvent; references: HistoryReferencesData | undefined; thingHref: ThingHref }) {
  const { t, locale } = useI18n();
  const name = (list: { id: string; name: string }[] | undefined, id: string) => list?.find((item) => item.id === id)?.name ?? id;
  const periodName = (id: string) => {
    const period = references?.periods.find((item) => item.id === id);
    return period ? t('partners.periodName', { from: formatDate(period.from, locale) }) : id;
  };
  const links: { kind: ThingKind; id: string; label: string }[] = [
    ...event.memberIds.map((id) => ({ kind: 'member' as const, id, label: name(references?.members, id) })),
    ...event.resourceIds.map((id) => ({ kind: 'resource' as const, id, label: name(references?.resources, id) })),
    ...event.poolIds.map((id) => ({ kind: 'pool' as const, id, label: name(references?.costPools, id) })),
    ...event.periodIds.map((id) => ({ kind: 'period' as const, id, label: periodName(id) })),
  ];
  return (
    <li className="history-event" data-testid="history-event">
      <p className="history-description">{event.description}</p>
      <p className="muted small">
        <span className="badge badge-muted">{event.typeLabel}</span>{' '}
        {t('partners.history.by', { actor: event.actor.label })} ·{' '}
        <time dateTime={event.recordedAt}>{formatParisDateTime(event.recordedAt, locale)}</time>
        {event.businessDate ? ` · ${t('partners.history.businessDate', { date: formatDate(event.businessDate, locale) })}` : null}
      </p>
      {event.reason ? <p className="small">{t('partners.history.reason', { reason: event.reason })}</p> : null}
      {links.length > 0 ? (
        <p className="inline-list small">
          {links.map((link) => (
            <a key={`${link.kind}-${link.id}`} href={thingHref(link.kind, link.id)}>
              {t('partners.history.thingLink', { thing: link.label })}
            </a>
          ))}
        </p>
      ) : null}
      <details className="raw-event">
        <summary>{t('partners.history.raw')}</summary>
        <dl className="facts">
          <dt>{t('partners.raw.stream')}</dt><dd><code>{event.streamId}</code> #{event.revision}</dd>
          <dt>{t('partners.raw.position')}</dt><dd>{event.position}</dd>
          <dt>{t('partners.raw.type')}</dt><dd><code>{event.type}</code></dd>
          <dt>{t('partners.raw.correlation')}</dt><dd><code>{event.correlationId}</code></dd>
          <dt>{t('partners.raw.hash')}</dt><dd><code className="digest">{event.hash ?? '—'}</code></dd>
        </dl>
        <p className="small">{t('partners.raw.data')}</p>
        <pre className="raw-json">{pretty(event.data)}</pre>
        <p className="small">{t('partners.raw.metadata')}</p>
        <pre className="raw-json">{pretty(event.metadata)}</pre>
      </details>
    </li>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
