import { formatMoneyCents } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import { useResourcesQuery, type ResourceSummary } from './resources-query.js';

export interface ResourcesScreenProps {
  /** The address of a resource's week view; the app owns the routes. */
  resourceHref: (resourceId: string) => string;
}

export function ResourcesScreen({ resourceHref }: ResourcesScreenProps) {
  const { t } = useI18n();
  const [{ data, error, fetching }, reexecute] = useResourcesQuery();
  const resources = [...(data?.resources ?? [])].sort(byName);

  return (
    <>
      <header className="page-header">
        <h1>{t('resources.title')}</h1>
        <p className="muted">{t('resources.intro')}</p>
      </header>
      {error ? (
        <>
          <GraphqlErrorAlert error={error} />
          <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            {t('app.retry')}
          </button>
        </>
      ) : null}
      {fetching && !data ? <Loading /> : null}
      {data && resources.length === 0 ? <p>{t('resources.empty')}</p> : null}
      {resources.length > 0 ? <ResourcesTable resources={resources} resourceHref={resourceHref} /> : null}
    </>
  );
}

function byName(left: ResourceSummary, right: ResourceSummary): number {
  return left.name.localeCompare(right.name, 'fr');
}

function ResourcesTable({ resources, resourceHref }: { resources: ResourceSummary[]; resourceHref: (id: string) => string }) {
  const { t, label, locale } = useI18n();
  const columns = {
    name: t('resources.column.name'),
    kind: t('resources.column.kind'),
    capacity: t('resources.column.capacity'),
    hourlyRate: t('resources.column.hourlyRate'),
    owner: t('resources.column.owner'),
  };
  return (
    <div className="table-wrapper">
      <table className="table table-stack">
        <caption className="visually-hidden">{t('resources.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.kind}</th>
            <th scope="col" className="numeric">{columns.capacity}</th>
            <th scope="col" className="numeric">{columns.hourlyRate}</th>
            <th scope="col">{columns.owner}</th>
          </tr>
        </thead>
        <tbody>
          {resources.map((resource) => (
            <tr key={resource.id}>
              <th scope="row" data-label={columns.name}>
                <a href={resourceHref(resource.id)}>{resource.name}</a>
              </th>
              <td data-label={columns.kind}>{label('resourceKind', resource.kind)}</td>
              <td data-label={columns.capacity} className="numeric">{resource.capacity}</td>
              <td data-label={columns.hourlyRate} className="numeric">
                {resource.hourlyRateCents === 0
                  ? t('resources.pooled')
                  : t('resources.hourlyRate', { amount: formatMoneyCents(resource.hourlyRateCents, locale) })}
              </td>
              <td data-label={columns.owner}>{resource.owner?.name ?? t('resources.ownerPole')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
