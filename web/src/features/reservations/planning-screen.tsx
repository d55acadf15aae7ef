import { useId, useMemo } from 'react';
import { formatDate, formatLongDate } from '../../shared/format.js';
import { byFrenchName } from '../../../../shared/french-order.js';
import type { ResourceKind } from '../../shared/generated/graphql.js';
import { RESOURCE_KINDS } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays } from '../../../../shared/paris-time.js';
import { parisToday } from '../../shared/paris-today.js';
import { parisWeekOf, shiftWeek } from '../../shared/paris-week.js';
import { NamedSelect } from '../../shared/ui/named-select.js';
import { QueryStatus } from '../../shared/ui/query-status.js';
import type { Viewer } from '../../shared/viewer.js';
import { DayPlanning } from './day-planning.js';
import { usePlanningResourcesQuery } from './planning-resources-query.js';
import { SiteWeekOverview } from './site-week-overview.js';

/** What the planning shows: a site (or all), one day or a week, one kind of resource (or all). */
export interface PlanningParams {
  siteId: string | null;
  view: 'day' | 'week';
  /** Any date of the period shown (`YYYY-MM-DD`); null for today. */
  date: string | null;
  kind: ResourceKind | null;
}

export interface PlanningScreenProps {
  viewer: Viewer;
  params: PlanningParams;
  /** The app owns the routes; the screen only asks for addresses and navigation. */
  planningHref: (params: PlanningParams) => string;
  showPlanning: (params: PlanningParams) => void;
  resourceHref: (resourceId: string) => string;
}

/**
 * The shared planning of a site: its resources side by side for one day (where a range is picked
 * and reserved), or a week at a glance, one row per resource.
 */
export function PlanningScreen(props: PlanningScreenProps) {
  const { t, locale } = useI18n();
  const { params, planningHref, showPlanning } = props;
  const today = parisToday();
  const date = params.date ?? today;
  const [{ data, error, fetching }, reexecute] = usePlanningResourcesQuery(params.siteId, params.kind);
  const titleId = useId();
  const resources = useMemo(() => byFrenchName(data?.resources ?? []), [data]);
  const sites = data?.sites ?? [];
  const site = sites.find((candidate) => candidate.id === params.siteId) ?? null;
  const with_ = (change: Partial<PlanningParams>): PlanningParams => ({ ...params, ...change });
  const week = parisWeekOf(date);
  const previous = params.view === 'day' ? addDays(date, -1) : shiftWeek(week.startDate, -1);
  const next = params.view === 'day' ? addDays(date, 1) : shiftWeek(week.startDate, 1);
  const isCurrent = params.view === 'day' ? date === today : week.dates.includes(today);

  return (
    <>
      <header className="page-header">
        <h1>{site ? t('planning.titleSite', { site: site.name }) : t('planning.title')}</h1>
        <p className="muted">{site ? site.address : t('planning.intro')}</p>
      </header>
      <PlanningFilters params={params} sites={sites} planningHref={planningHref} showPlanning={showPlanning} />
      <section className="week-section" aria-labelledby={titleId}>
        <div className="week-toolbar">
          <h2 id={titleId}>
            {params.view === 'day' ? formatLongDate(date, locale) : t('week.title', { date: formatDate(week.startDate, locale) })}
          </h2>
          <nav className="week-nav" aria-label={params.view === 'day' ? t('planning.changeDay') : t('week.navigation')}>
            <a className="button" href={planningHref(with_({ date: previous }))}>
              <span aria-hidden="true">←</span>
              {params.view === 'day' ? t('planning.previousDay') : t('week.previous')}
            </a>
            <a className="button" href={planningHref(with_({ date: today }))} aria-current={isCurrent ? 'date' : undefined}>
              {params.view === 'day' ? t('planning.today') : t('week.current')}
            </a>
            <a className="button" href={planningHref(with_({ date: next }))}>
              {params.view === 'day' ? t('planning.nextDay') : t('week.next')}
              <span aria-hidden="true">→</span>
            </a>
          </nav>
        </div>
        <p className="muted small">{t('week.timeZoneNote')}</p>
        <QueryStatus fetching={fetching} hasData={Boolean(data)} error={error} reexecute={reexecute} />
        {data && resources.length === 0 ? <p>{t('planning.noResource')}</p> : null}
        {resources.length > 0 && params.view === 'day' ? (
          <DayPlanning
            key={`${params.siteId ?? ''}-${params.kind ?? ''}`}
            viewer={props.viewer}
            resources={resources}
            date={date}
            today={today}
            resourceHref={props.resourceHref}
            showDay={(day) => showPlanning(with_({ date: day, view: 'day' }))}
          />
        ) : null}
        {resources.length > 0 && params.view === 'week' ? (
          <SiteWeekOverview
            viewer={props.viewer}
            resources={resources}
            week={week}
            today={today}
            resourceHref={props.resourceHref}
            dayHref={(day) => planningHref(with_({ date: day, view: 'day' }))}
          />
        ) : null}
      </section>
    </>
  );
}

/** Which site, which kind of resource, and the day or the week: each choice is an address. */
function PlanningFilters({
  params,
  sites,
  planningHref,
  showPlanning,
}: Pick<PlanningScreenProps, 'params' | 'planningHref' | 'showPlanning'> & { sites: readonly { id: string; name: string }[] }) {
  const { t, label } = useI18n();
  const siteFieldId = useId();
  const kindFieldId = useId();
  const with_ = (change: Partial<PlanningParams>): PlanningParams => ({ ...params, ...change });
  return (
  <div className="planning-filters" role="group" aria-label={t('planning.filters')}>
    {sites.length > 0 ? (
      <NamedSelect
        id={siteFieldId}
        label={t('planning.site')}
        emptyOption={t('planning.allSites')}
        choices={sites}
        value={params.siteId ?? ''}
        onChange={(event) => showPlanning(with_({ siteId: event.target.value || null }))}
      />
    ) : null}
    <div className="field">
      <label htmlFor={kindFieldId}>{t('planning.kind')}</label>
      <select
        id={kindFieldId}
        value={params.kind ?? ''}
        onChange={(event) => showPlanning(with_({ kind: RESOURCE_KINDS.find((kind) => kind === event.target.value) ?? null }))}
      >
        <option value="">{t('planning.allKinds')}</option>
        {RESOURCE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {label('resourceKind', kind)}
          </option>
        ))}
      </select>
    </div>
    <nav className="segmented" aria-label={t('planning.view')}>
      <a href={planningHref(with_({ view: 'day' }))} aria-current={params.view === 'day' ? 'page' : undefined}>
        {t('planning.day')}
      </a>
      <a href={planningHref(with_({ view: 'week' }))} aria-current={params.view === 'week' ? 'page' : undefined}>
        {t('planning.week')}
      </a>
    </nav>
  </div>
  );
}
