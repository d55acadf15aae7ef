import { useState, type FormEvent } from 'react';
import { documentPath } from '../../shared/document-path.js';
import { formText } from '../../shared/form-text.js';
import { DownloadLink } from '../../shared/ui/download-link.js';
import { formatMoneyCents } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays } from '../../../../shared/paris-time.js';
import { parisToday } from '../../shared/paris-today.js';
import { BarChart } from '../../shared/ui/bar-chart.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import type { ImpactQuery } from '../../shared/generated/graphql.js';
import { useImpactQuery } from './impact-query.js';
import { staffFigure } from './staff-figure.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

function firstOfYear(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}

/** Impact indicators over a date range, for funders' reports: figures, charts with their tables, and the files. */
export function ImpactScreen() {
  const { t, locale, label } = useI18n();
  const today = parisToday();
  const [range, setRange] = useState({ from: firstOfYear(today), last: today });
  const [problem, setProblem] = useState(false);
  const variables = { from: range.from, to: addDays(range.last, 1) };
  const [{ data, error, fetching }] = useImpactQuery(variables);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = formText(form, 'from');
    const last = formText(form, 'last');
    if (!from || !last || last < from) return setProblem(true);
    setProblem(false);
    setRange({ from, last });
  };
  const impact = data?.impactIndicators;
  const number = (value: number, digits = 1) => value.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits });
  const hours = (value: number) => t('partners.impact.hours', { hours: number(value) });
  const money = (cents: number) => formatMoneyCents(cents, locale);
  return (
    <>
      <header className="page-header">
        <h1>{t('partners.impact.title')}</h1>
        <p className="muted">{t('partners.impact.intro')}</p>
      </header>
      <form className="form card" onSubmit={submit} noValidate>
        {problem ? <ErrorAlert><p>{t('partners.timeTravel.badDates')}</p></ErrorAlert> : null}
        <div className="field-row">
          <label className="field"><span>{t('partners.impact.from')}</span><input type="date" name="from" defaultValue={range.from} /></label>
          <label className="field"><span>{t('partners.impact.last')}</span><input type="date" name="last" defaultValue={range.last} /></label>
        </div>
        <div className="form-actions"><button type="submit" className="button button-primary">{t('partners.impact.submit')}</button></div>
      </form>
      <p className="inline-list">
        <DownloadLink path={documentPath('/exports/impact.csv', variables)}>{t('partners.impact.csv')}</DownloadLink>
        <DownloadLink path={documentPath('/exports/impact.json', variables)}>{t('partners.impact.json')}</DownloadLink>
      </p>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {fetching && !impact ? <Loading /> : null}
      {impact ? (
        <>
          <ImpactFigures impact={impact} number={number} hours={hours} money={money} />
          <div className="chart-grid">
            <BarChart emptyText={t('app.chartEmpty')} title={t('partners.impact.byKind')} labelHeading={t('partners.impact.kind')} valueHeading={t('partners.impact.hoursHeading')}
              data={impact.hoursByKind.map((row) => ({ label: label('resourceKind', row.kind), value: row.hours }))} format={hours} />
            <BarChart emptyText={t('app.chartEmpty')} title={t('partners.impact.bySite')} labelHeading={t('partners.impact.site')} valueHeading={t('partners.impact.hoursHeading')}
              data={impact.hoursBySite.map((row) => ({ label: row.site?.name ?? t('partners.impact.noSite'), value: row.hours }))} format={hours} />
            <BarChart emptyText={t('app.chartEmpty')} title={t('partners.impact.byPool')} labelHeading={t('finance.column.pool')} valueHeading={t('finance.column.amount')}
              data={impact.costsByPool.map((row) => ({ label: row.pool.name, value: row.amountCents }))} format={money} />
            <BarChart emptyText={t('app.chartEmpty')} title={t('partners.impact.occupancy')} labelHeading={t('partners.filter.resource')} valueHeading={t('partners.impact.rate')}
              data={impact.occupancy.map((row) => ({ label: row.resource.name, value: Math.round((row.occupancyRate ?? 0) * 1000) / 10 }))} format={(value) => `${number(value)} %`} />
          </div>
          {impact.flows.length > 0 ? <UsageFlows flows={impact.flows} hours={hours} money={money} /> : null}
        </>
      ) : null}
    </>
  );
}

interface UsageFlow {
  user: { name: string };
  owner: { name: string } | null;
  hours: number;
  useCount: number;
  directChargesCents: number;
}

type Indicators = ImpactQuery['impactIndicators'];

/** The report's headline figures, each beside its name. */
function ImpactFigures({ impact, number, hours, money }: {
  impact: Indicators;
  number: (value: number, digits?: number) => string;
  hours: (value: number) => string;
  money: (cents: number) => string;
}) {
  const { t } = useI18n();
  const staff = staffFigure(impact.staffFte);
  return (
    <dl className="facts facts-wide impact-figures" data-testid="impact-figures">
      <dt>{t('partners.impact.members')}</dt><dd>{impact.memberCount}</dd>
      <dt>{t('partners.impact.usingMembers')}</dt><dd>{impact.usingMemberCount}</dd>
      <dt>{t('partners.impact.usingOthers')}</dt><dd>{impact.usingOthersMemberCount}</dd>
      <dt>{t('partners.impact.totalHours')}</dt><dd>{hours(impact.totalHours)}</dd>
      <dt>{t('partners.impact.area')}</dt><dd>{t('partners.impact.areaValue', { area: number(impact.sharedAreaM2), count: impact.spaceCount })}</dd>
      <dt>{t('partners.impact.staff')}</dt><dd>{t(staff.message, { hours: number(impact.staffHours), fte: number(staff.fte, 2) })}</dd>
      <dt>{t('partners.impact.costs')}</dt><dd>{money(impact.mutualisedCostsCents)}</dd>
    </dl>
  );
}

/** Who used whose resources, how long and for what direct charges. */
function UsageFlows({ flows, hours, money }: { flows: readonly UsageFlow[]; hours: (value: number) => string; money: (cents: number) => string }) {
  const { t } = useI18n();
  return (
    <TableScroll label={t('partners.impact.flows')}>
      <table className="table table-stack">
        <caption>{t('partners.impact.flows')}</caption>
        <thead><tr>
          <th scope="col">{t('partners.impact.user')}</th>
          <th scope="col">{t('partners.impact.owner')}</th>
          <th scope="col" className="numeric">{t('partners.impact.hoursHeading')}</th>
          <th scope="col" className="numeric">{t('partners.impact.uses')}</th>
          <th scope="col" className="numeric">{t('finance.column.directCharges')}</th>
        </tr></thead>
        <tbody>
          {flows.map((flow, index) => (
            <tr key={index}>
              <th scope="row" data-label={t('partners.impact.user')}>{flow.user.name}</th>
              <td data-label={t('partners.impact.owner')}>{flow.owner?.name ?? t('partners.impact.pole')}</td>
              <td className="numeric" data-label={t('partners.impact.hoursHeading')}>{hours(flow.hours)}</td>
              <td className="numeric" data-label={t('partners.impact.uses')}>{flow.useCount}</td>
              <td className="numeric" data-label={t('finance.column.directCharges')}>{money(flow.directChargesCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
