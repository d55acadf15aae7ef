import { useId, type FormEvent } from 'react';
import { formText } from '../../shared/form-text.js';
import { formatDate } from '../../shared/format.js';
import type { Role } from '../../shared/generated/graphql.js';
import { ROLES } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays, startOfParisDay } from '../../../../shared/paris-time.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { HistoryList, type ThingHref, type ThingKind } from './history-list.js';
import type { HistoryVariables } from './history-query.js';
import { useHistoryReferencesQuery } from './history-references-query.js';

export type HistoryFilterValues = Partial<Record<'member' | 'resource' | 'pool' | 'type' | 'actor' | 'from' | 'to', string>>;

/** The URL's filters as the `history` query's arguments; dates are whole Paris days, `to` included. */
export function historyVariablesOf(filters: HistoryFilterValues): Omit<HistoryVariables, 'first' | 'after'> {
  const variables: Omit<HistoryVariables, 'first' | 'after'> = {};
  if (filters.member) variables.memberId = filters.member;
  if (filters.resource) variables.resourceId = filters.resource;
  if (filters.pool) variables.poolId = filters.pool;
  if (filters.type) variables.types = [filters.type];
  // A role the schema does not know goes to the server as typed, which refuses it with a message.
  if (filters.actor) variables.actorRole = filters.actor as Role;
  if (filters.from) variables.from = startOfParisDay(filters.from).toISOString();
  if (filters.to) variables.to = startOfParisDay(addDays(filters.to, 1)).toISOString();
  return variables;
}

export function HistoryScreen({ filters, historyHref, thingHref }: { filters: HistoryFilterValues; historyHref: (filters: HistoryFilterValues) => string; thingHref: ThingHref }) {
  const { t, label } = useI18n();
  const [{ data, error }] = useHistoryReferencesQuery();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: HistoryFilterValues = {};
    for (const name of ['member', 'resource', 'pool', 'type', 'actor', 'from', 'to'] as const) {
      const value = formText(form, name);
      if (value) next[name] = value;
    }
    window.location.hash = historyHref(next).replace(/^#/, '');
  };
  const key = JSON.stringify(filters);
  return (
    <>
      <header className="page-header">
        <h1>{t('partners.history.title')}</h1>
        <p className="muted">{t('partners.history.intro')}</p>
      </header>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      <form className="form card history-filters" onSubmit={submit} key={`filters-${key}`} aria-label={t('partners.history.filters')}>
        <div className="field-row">
          <FilterSelect name="member" label={t('partners.filter.member')} value={filters.member} options={data?.members ?? []} />
          <FilterSelect name="resource" label={t('partners.filter.resource')} value={filters.resource} options={data?.resources ?? []} />
          <FilterSelect name="pool" label={t('partners.filter.pool')} value={filters.pool} options={data?.costPools ?? []} />
        </div>
        <div className="field-row">
          <FilterSelect name="type" label={t('partners.filter.type')} value={filters.type}
            options={(data?.auditEventTypes ?? []).map((type) => ({ id: type.type, name: type.label }))} />
          <FilterSelect name="actor" label={t('partners.filter.actor')} value={filters.actor}
            options={ROLES.map((role) => ({ id: role, name: label('role', role) }))} />
        </div>
        <div className="field-row">
          <label className="field"><span>{t('partners.filter.from')}</span><input type="date" name="from" defaultValue={filters.from ?? ''} /></label>
          <label className="field"><span>{t('partners.filter.to')}</span><input type="date" name="to" defaultValue={filters.to ?? ''} /></label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">{t('partners.filter.apply')}</button>
          <a className="button button-quiet" href={historyHref({})}>{t('partners.filter.clear')}</a>
        </div>
      </form>
      <HistoryList key={`list-${key}`} filters={historyVariablesOf(filters)} references={data} thingHref={thingHref} />
    </>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: { id: string; name: string }[] }) {
  const { t } = useI18n();
  // A label beside (not around) the select, so its name is the label alone, not the options' text.
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ''}>
        <option value="">{t('partners.filter.all')}</option>
        {options.map((option) => <option key={option.id} value={option.id}>{option.name}</option>)}
      </select>
    </div>
  );
}

/** One member's, resource's, pool's or period's own history. */
export function ThingHistoryScreen({ kind, id, historyHref, thingHref }: { kind: ThingKind; id: string; historyHref: string; thingHref: ThingHref }) {
  const { t, locale } = useI18n();
  const [{ data }] = useHistoryReferencesQuery();
  const named = (list: { id: string; name: string }[] | undefined) => list?.find((item) => item.id === id)?.name;
  const period = data?.periods.find((item) => item.id === id);
  const name =
    kind === 'member' ? named(data?.members) : kind === 'resource' ? named(data?.resources) : kind === 'pool' ? named(data?.costPools)
      : period ? t('partners.periodName', { from: formatDate(period.from, locale) }) : undefined;
  const filters = kind === 'member' ? { memberId: id } : kind === 'resource' ? { resourceId: id } : kind === 'pool' ? { poolId: id } : { periodId: id };
  return (
    <>
      <nav className="breadcrumb" aria-label={t('finance.breadcrumb')}><a href={historyHref}>{t('partners.history.title')}</a></nav>
      <header className="page-header">
        <h1>{t(`partners.thing.${kind}`, { name: name ?? id })}</h1>
      </header>
      <HistoryList filters={filters} references={data} thingHref={thingHref} />
    </>
  );
}
