import { useState, type FormEvent } from 'react';
import { formText } from '../../shared/form-text.js';
import { formatDate, formatMoneyCents } from '../../shared/format.js';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays, startOfParisDay } from '../../../../shared/paris-time.js';
import { parisToday } from '../../shared/paris-today.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import { useCompareStatesQuery, type LedgerState } from './compare-states-query.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

/** The end of a Paris day, as the instant `asOf` reads: everything recorded that day is in. */
function endOfDay(date: string): string {
  return startOfParisDay(addDays(date, 1)).toISOString();
}

export function TimeTravelScreen({ thingHref }: { thingHref: (kind: 'member' | 'resource', id: string) => string }) {
  const { t, locale } = useI18n();
  const today = parisToday();
  const [dates, setDates] = useState({ from: addDays(today, -30), to: today });
  const [problem, setProblem] = useState(false);
  const [{ data, error, fetching }] = useCompareStatesQuery({ from: endOfDay(dates.from), to: endOfDay(dates.to) });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = formText(form, 'from');
    const to = formText(form, 'to');
    if (!from || !to || to < from) return setProblem(true);
    setProblem(false);
    setDates({ from, to });
  };
  const comparison = data?.compareStates;
  return (
    <>
      <header className="page-header">
        <h1>{t('partners.timeTravel.title')}</h1>
        <p className="muted">{t('partners.timeTravel.intro')}</p>
      </header>
      <form className="form card" onSubmit={submit} noValidate>
        {problem ? <ErrorAlert><p>{t('partners.timeTravel.badDates')}</p></ErrorAlert> : null}
        <div className="field-row">
          <label className="field"><span>{t('partners.timeTravel.from')}</span><input type="date" name="from" defaultValue={dates.from} max={today} /></label>
          <label className="field"><span>{t('partners.timeTravel.to')}</span><input type="date" name="to" defaultValue={dates.to} max={today} /></label>
        </div>
        <div className="form-actions"><button type="submit" className="button button-primary">{t('partners.timeTravel.submit')}</button></div>
      </form>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {fetching && !comparison ? <Loading /> : null}
      {comparison ? (
        <>
          <section className="settings-section" aria-labelledby="changes-heading">
            <h2 id="changes-heading">{t('partners.timeTravel.changes', { from: formatDate(dates.from, locale), to: formatDate(dates.to, locale) })}</h2>
            <ul>
              <li>{t('partners.timeTravel.eventsBetween', { count: comparison.eventsBetween })}</li>
              {comparison.membersJoined.map((member) => <li key={`j${member.id}`}>{t('partners.timeTravel.joined', { name: member.name })}</li>)}
              {comparison.membersLeft.map((member) => <li key={`l${member.id}`}>{t('partners.timeTravel.left', { name: member.name })}</li>)}
              {comparison.resourcesRegistered.map((resource) => <li key={`r${resource.id}`}>{t('partners.timeTravel.registered', { name: resource.name })}</li>)}
              {comparison.resourcesChanged.map((resource) => <li key={`c${resource.id}`}>{t('partners.timeTravel.changed', { name: resource.name })}</li>)}
            </ul>
            {comparison.balances.length > 0 ? <BalanceChanges balances={comparison.balances} dates={dates} /> : null}
          </section>
          <div className="side-by-side">
            <StateColumn title={t('partners.timeTravel.stateAt', { date: formatDate(dates.from, locale) })} state={comparison.from} thingHref={thingHref} testId="state-from" />
            <StateColumn title={t('partners.timeTravel.stateAt', { date: formatDate(dates.to, locale) })} state={comparison.to} thingHref={thingHref} testId="state-to" />
          </div>
        </>
      ) : null}
    </>
  );
}

type BalanceChange = { member: { id: string; name: string }; fromCents: number; toCents: number; changeCents: number };

/** Each structure's balance at both dates, and how it moved. */
function BalanceChanges({ balances, dates }: { balances: readonly BalanceChange[]; dates: { from: string; to: string } }) {
  const { t, locale } = useI18n();
  const money = (cents: number) => formatMoneyCents(cents, locale);
  return (
    <TableScroll label={t('partners.timeTravel.balances')}>
      <table className="table table-stack">
        <caption>{t('partners.timeTravel.balances')}</caption>
        <thead><tr>
          <th scope="col">{t('finance.column.member')}</th>
          <th scope="col" className="numeric">{formatDate(dates.from, locale)}</th>
          <th scope="col" className="numeric">{formatDate(dates.to, locale)}</th>
          <th scope="col" className="numeric">{t('partners.timeTravel.change')}</th>
        </tr></thead>
        <tbody>
          {balances.map((balance) => (
            <tr key={balance.member.id}>
              <th scope="row" data-label={t('finance.column.member')}>{balance.member.name}</th>
              <td className="numeric" data-label={formatDate(dates.from, locale)}>{money(balance.fromCents)}</td>
              <td className="numeric" data-label={formatDate(dates.to, locale)}>{money(balance.toCents)}</td>
              <td className="numeric" data-label={t('partners.timeTravel.change')}>{money(balance.changeCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The ledger at one instant, as one column of the comparison shows it. */
export const LedgerStateColumnFragment = graphql(`
  fragment LedgerStateColumn on LedgerState {
    asOf eventCount members { id name joinedOn leftOn } resources { id name kind } activeReservationCount balances { member { id name } balanceCents }
  }
`);

function StateColumn({ title, state, thingHref, testId }: { title: string; state: LedgerState; thingHref: (kind: 'member' | 'resource', id: string) => string; testId: string }) {
  const { t, locale, label } = useI18n();
  return (
    <section className="card" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      <p className="muted small">{t('partners.timeTravel.asRecorded')}</p>
      <p className="muted small">{t('partners.timeTravel.eventCount', { count: state.eventCount, reservations: state.activeReservationCount })}</p>
      <h3>{t('partners.timeTravel.members', { count: state.members.length })}</h3>
      <ul>
        {state.members.map((member) => (
          <li key={member.id}>
            <a href={thingHref('member', member.id)}>{member.name}</a>{' '}
            <span className="muted small">{member.leftOn ? t('partners.timeTravel.memberLeft', { date: formatDate(member.leftOn, locale) }) : t('partners.timeTravel.memberSince', { date: formatDate(member.joinedOn, locale) })}</span>
          </li>
        ))}
      </ul>
      <h3>{t('partners.timeTravel.resources', { count: state.resources.length })}</h3>
      <ul>
        {state.resources.map((resource) => (
          <li key={resource.id}><a href={thingHref('resource', resource.id)}>{resource.name}</a> <span className="muted small">{label('resourceKind', resource.kind)}</span></li>
        ))}
      </ul>
      <h3>{t('partners.timeTravel.balancesAt')}</h3>
      <ul>
        {state.balances.map((balance) => <li key={balance.member.id}>{balance.member.name} : {formatMoneyCents(balance.balanceCents, locale)}</li>)}
      </ul>
    </section>
  );
}
