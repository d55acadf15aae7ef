import { formatMoneyCents } from '../../shared/format.js';
import { byFrenchName } from '../../../../shared/french-order.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { QueryStatus } from '../../shared/ui/query-status.js';
import { useResourcesQuery, type ResourceSummary } from './resources-query.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

/** The coordination's ways to the admin pages; null for everyone else. */
export interface ResourcesAdminLinks {
  newResourceHref: string;
  sitesHref: string;
  settingsHref: (resourceId: string) => string;
}

export interface ResourcesScreenProps {
  /** The address of a resource's week view; the app owns the routes. */
  resourceHref: (resourceId: string) => string;
  /** The shared planning, where resources are shown side by side. */
  planningHref: string;
  admin: ResourcesAdminLinks | null;
}

export function ResourcesScreen({ resourceHref, planningHref, admin }: ResourcesScreenProps) {
  const { t } = useI18n();
  const [{ data, error, fetching }, reexecute] = useResourcesQuery();
  const resources = byFrenchName(data?.resources ?? []);

  return (
    <>
      <header className="page-header">
        <h1>{t('resources.title')}</h1>
        <p className="muted">{t('resources.intro')}</p>
        <div className="page-actions">
          <a className="button" href={planningHref}>
            {t('resources.planning')}
          </a>
          {admin ? (
            <>
              <a className="button button-primary" href={admin.newResourceHref} data-testid="new-resource-link">
                {t('resources.newResource')}
              </a>
              <a className="button" href={admin.sitesHref}>
                {t('resources.sites')}
              </a>
            </>
          ) : null}
        </div>
      </header>
      <QueryStatus fetching={fetching} hasData={Boolean(data)} error={error} reexecute={reexecute} />
      {data && resources.length === 0 ? <p>{t('resources.empty')}</p> : null}
      {resources.length > 0 ? <ResourcesTable resources={resources} resourceHref={resourceHref} admin={admin} /> : null}
    </>
  );
}

function ResourcesTable({
  resources,
  resourceHref,
  admin,
}: {
  resources: ResourceSummary[];
  resourceHref: (id: string) => string;
  admin: ResourcesAdminLinks | null;
}) {
  const { t, label, locale } = useI18n();
  const columns = {
    name: t('resources.column.name'),
    kind: t('resources.column.kind'),
    capacity: t('resources.column.capacity'),
    hourlyRate: t('resources.column.hourlyRate'),
    owner: t('resources.column.owner'),
    site: t('resources.column.site'),
  };
  // A pôle without sites has no use for an empty column.
  const showSite = resources.some((resource) => resource.site !== null);
  return (
    <TableScroll label={t('resources.title')}>
      <table className="table table-stack">
        <caption className="visually-hidden">{t('resources.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.kind}</th>
            <th scope="col" className="numeric">{columns.capacity}</th>
            <th scope="col" className="numeric">{columns.hourlyRate}</th>
            <th scope="col">{columns.owner}</th>
            {showSite ? <th scope="col">{columns.site}</th> : null}
            {admin ? (
              <th scope="col">
                <span className="visually-hidden">{t('reservations.column.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {resources.map((resource) => (
            <tr key={resource.id}>
              <th scope="row" data-label={columns.name} id={`resource-${resource.id}`}>
                <a href={resourceHref(resource.id)}>{resource.name}</a>
                {resource.rules.requiresApproval ? <span className="badge badge-pending resource-badge">{t('resources.onApproval')}</span> : null}
              </th>
              <td data-label={columns.kind}>{label('resourceKind', resource.kind)}</td>
              <td data-label={columns.capacity} className="numeric">{resource.capacity}</td>
              <td data-label={columns.hourlyRate} className="numeric">
                {resource.hourlyRateCents === 0
                  ? t('resources.pooled')
                  : t('resources.hourlyRate', { amount: formatMoneyCents(resource.hourlyRateCents, locale) })}
              </td>
              <td data-label={columns.owner}>{resource.owner?.name ?? t('resources.ownerPole')}</td>
              {showSite ? <td data-label={columns.site}>{resource.site?.name ?? ''}</td> : null}
              {admin ? (
                <td className="actions">
                  {/* Described, not named, by the resource: its link keeps the only accessible name with the resource's name. */}
                  <a href={admin.settingsHref(resource.id)} aria-describedby={`resource-${resource.id}`}>
                    {t('resources.settings')}
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
