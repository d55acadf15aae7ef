import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatDate, formatMoneyCents } from '../../shared/format.js';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays, startOfParisDay } from '../../../../shared/paris-time.js';
import { parisToday } from '../../shared/paris-today.js';
import { BarChart } from '../../shared/ui/bar-chart.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { useReturnFocus } from '../../shared/ui/return-focus.js';
import { Loading, StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { keyDraftOf, keyEditorMembers, keyInputOf, type KeyDraft } from './allocation-key-input.js';
import { useBalancesQuery } from './balances-query.js';
import { useChangeAllocationKeyMutation } from './change-allocation-key-mutation.js';
import { useDefineCostPoolMutation } from './define-cost-pool-mutation.js';
import { FinanceErrorAlert } from './finance-error-alert.js';
import { useFinanceOverviewQuery, type FinanceOverviewData } from './finance-overview-query.js';
import type { AllocationKey, CostPool, Period } from './finance-types.js';
import { KeyEditor } from './key-editor.js';
import { OpenPeriodForm } from './open-period-form.js';
import { PoleInvoicingSection } from './pole-invoicing-section.js';
import { formatHundredths } from './share-explanation.js';

/** An allocation key as `KeySummary` describes it: its kind, fixed weights, composite parts. */
export const AllocationKeySummaryFragment = graphql(`
  fragment AllocationKeySummary on AllocationKey {
    kind
    shares { member { id name } weight }
    parts { percent kind shares { member { id name } weight } }
  }
`);

export interface TreasuryScreenProps {
  viewer: Viewer;
  periodHref: (periodId: string) => string;
}

export function TreasuryScreen({ viewer, periodHref }: TreasuryScreenProps) {
  const { t } = useI18n();
  const [{ data, error, fetching }, reexecute] = useFinanceOverviewQuery();
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const canWrite = viewer.role === 'TREASURER';
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.treasury')}</h1>
        <p className="muted">{t(canWrite ? 'finance.intro' : 'finance.readOnly')}</p>
      </header>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data ? (
        <>
          <PeriodsSection periods={data.periods} periodHref={periodHref} canWrite={canWrite} onChanged={refresh} />
          <PoolsSection data={data} canWrite={canWrite} onChanged={refresh} />
          <BalancesSection periods={data.periods} />
          <PoleInvoicingSection canWrite={canWrite} />
        </>
      ) : null}
    </>
  );
}

function PeriodsSection({ periods, periodHref, canWrite, onChanged }: { periods: Period[]; periodHref: (id: string) => string; canWrite: boolean; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const sorted = [...periods].sort((left, right) => right.from.localeCompare(left.from));
  return (
    <section className="settings-section" aria-labelledby="periods-heading">
      <h2 id="periods-heading">{t('finance.periods.title')}</h2>
      {sorted.length === 0 ? <p className="muted">{t('finance.periods.empty')}</p> : (
        <ul className="period-list">
          {sorted.map((period) => (
            <li key={period.id}>
              <a href={periodHref(period.id)}>{t('finance.period.title', { from: formatDate(period.from, locale), to: formatDate(addDays(period.to, -1), locale) })}</a>{' '}
              <span className={period.status === 'OPEN' ? 'badge badge-pending' : 'badge badge-positive'}>{t(period.status === 'OPEN' ? 'finance.period.open' : 'finance.period.closed')}</span>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? <OpenPeriodForm periods={periods} periodHref={periodHref} onOpened={onChanged} /> : null}
    </section>
  );
}

function KeySummary({ keyValue }: { keyValue: AllocationKey }) {
  const { t, locale } = useI18n();
  if (keyValue.kind === 'COMPOSITE') {
    return <>{(keyValue.parts ?? []).map((part) => `${formatHundredths(part.percent, locale)} % ${t(`finance.keyKind.${part.kind}`)}`).join(' + ')}</>;
  }
  if (keyValue.kind === 'FIXED_SHARES') {
    return <>{t('finance.keyKind.FIXED_SHARES')} : {(keyValue.shares ?? []).map((share) => `${share.member.name} ${String(share.weight).replace('.', ',')}`).join(', ')}</>;
  }
  return <>{t(`finance.keyKind.${keyValue.kind}`)}</>;
}

const EMPTY_DRAFT: KeyDraft = { kind: 'EQUAL', weights: {}, percents: {} };

function PoolsSection({ data, canWrite, onChanged }: { data: FinanceOverviewData; canWrite: boolean; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const [changing, setChanging] = useState<CostPool | null>(null);
  const focus = useReturnFocus();
  const today = parisToday();
  return (
    <section className="settings-section" aria-labelledby="pools-heading">
      <h2 id="pools-heading">{t('finance.pools.title')}</h2>
      <p className="muted">{t('finance.pools.intro')}</p>
      {data.costPools.length === 0 ? <p className="muted">{t('finance.pools.empty')}</p> : (
        <ul className="pool-list">
          {data.costPools.map((pool) => (
            <li key={pool.id} className="card">
              <h3>{pool.name}</h3>
              <p className="muted small">{pool.accountNumber} {pool.accountLabel}</p>
              <ul>
                {pool.keys.map((version, index) => (
                  <li key={index}>
                    {version.fromPeriodStart ? t('finance.pools.keyFrom', { date: formatDate(version.fromPeriodStart, locale) }) : t('finance.pools.keyInitial')}{' '}
                    <KeySummary keyValue={version.key} />
                    {version.resources.length > 0 ? ` — ${t('finance.pools.linked', { resources: version.resources.map((resource) => resource.name).join(', ') })}` : null}
                  </li>
                ))}
              </ul>
              {canWrite ? (
                <button type="button" className="button button-small" onClick={(event) => { focus.remember(event); setChanging(pool); }} aria-label={t('finance.pools.changeKeyLabel', { pool: pool.name })}>
                  {t('finance.pools.changeKey')}
                </button>
              ) : null}
              {changing?.id === pool.id ? (
                <ChangeKeyForm pool={pool} data={data} members={keyEditorMembers(data.members, pool.key, today)} onDone={() => { setChanging(null); focus.giveBack(); onChanged(); }} onCancel={() => { setChanging(null); focus.giveBack(); }} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? <DefinePoolForm data={data} members={keyEditorMembers(data.members, null, today)} onDefined={onChanged} /> : null}
    </section>
  );
}

function DefinePoolForm({ data, members, onDefined }: { data: FinanceOverviewData; members: FinanceOverviewData['members']; onDefined: () => void }) {
  const { t } = useI18n();
  const [result, define] = useDefineCostPoolMutation();
  const [name, setName] = useState('');
  const [account, setAccount] = useState('');
  const [draft, setDraft] = useState<KeyDraft>(EMPTY_DRAFT);
  const [resourceIds, setResourceIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const key = keyInputOf(draft);
    if (name.trim() === '') return setProblem(t('finance.form.missing'));
    if (typeof key === 'string') return setProblem(t(`finance.keyProblem.${key}`));
    setProblem(null);
    const answer = await define({ input: { name: name.trim(), key, ...(resourceIds.length ? { resourceIds } : {}), ...(account.trim() ? { accountNumber: account.trim() } : {}) } });
    if (!answer.error) {
      setName('');
      setAccount('');
      setDraft(EMPTY_DRAFT);
      setResourceIds([]);
      setDone(true);
      onDefined();
    }
  };
  return (
    <form className="form card" onSubmit={submit} noValidate data-testid="define-pool-form">
      <h3>{t('finance.pools.define')}</h3>
      {problem ? <ErrorAlert><p>{problem}</p></ErrorAlert> : null}
      {!problem && result.error ? <FinanceErrorAlert error={result.error} /> : null}
      <div className="field-row">
        <label className="field"><span>{t('finance.pools.name')}</span><input value={name} onChange={(event) => setName(event.target.value)} required /></label>
        <label className="field"><span>{t('finance.pools.account')}</span><input value={account} onChange={(event) => setAccount(event.target.value)} inputMode="numeric" placeholder="613200" /></label>
      </div>
      <KeyEditor draft={draft} onChange={setDraft} members={members} resources={data.resources} resourceIds={resourceIds} onResourcesChange={setResourceIds} idPrefix="define" />
      <div className="form-actions"><button type="submit" className="button button-primary" disabled={result.fetching}>{t('finance.pools.submit')}</button></div>
      {done ? <StatusMessage tone="success">{t('finance.pools.defined')}</StatusMessage> : null}
    </form>
  );
}

function ChangeKeyForm({ pool, data, members, onDone, onCancel }: { pool: CostPool; data: FinanceOverviewData; members: FinanceOverviewData['members']; onDone: () => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const [result, change] = useChangeAllocationKeyMutation();
  const openPeriods = data.periods.filter((period) => period.status === 'OPEN').sort((left, right) => left.from.localeCompare(right.from));
  const [periodId, setPeriodId] = useState(openPeriods[0]?.id ?? '');
  const [draft, setDraft] = useState<KeyDraft>(() => keyDraftOf(pool.key, locale));
  const [resourceIds, setResourceIds] = useState<string[]>(pool.resources.map((resource) => resource.id));
  const [problem, setProblem] = useState<string | null>(null);
  const periodSelect = useRef<HTMLSelectElement>(null);
  // Opened from the pool's button: the form's first field is what comes next.
  useEffect(() => periodSelect.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = keyInputOf(draft);
    if (!periodId) return setProblem(t('finance.pools.noOpenPeriod'));
    if (typeof key === 'string') return setProblem(t(`finance.keyProblem.${key}`));
    setProblem(null);
    const answer = await change({ input: { poolId: pool.id, fromPeriodId: periodId, key, resourceIds } });
    if (!answer.error) onDone();
  };
  return (
    <form className="form confirm-box" onSubmit={submit} noValidate>
      <p><strong>{t('finance.pools.changeKeyTitle', { pool: pool.name })}</strong></p>
      <p className="muted">{t('finance.pools.changeKeyHelp')}</p>
      {problem ? <ErrorAlert><p>{problem}</p></ErrorAlert> : null}
      {!problem && result.error ? <FinanceErrorAlert error={result.error} /> : null}
      <label className="field">
        <span>{t('finance.pools.fromPeriod')}</span>
        <select ref={periodSelect} value={periodId} onChange={(event) => setPeriodId(event.target.value)}>
          {openPeriods.map((period) => <option key={period.id} value={period.id}>{formatDate(period.from, locale)} – {formatDate(addDays(period.to, -1), locale)}</option>)}
        </select>
      </label>
      <KeyEditor draft={draft} onChange={setDraft} members={members} resources={data.resources} resourceIds={resourceIds} onResourcesChange={setResourceIds} idPrefix={`change-${pool.id}`} />
      <FormActions
        cancelLabel={t('finance.cancel')} onCancel={onCancel}
        submitLabel={t('finance.pools.changeKeySubmit')} busyLabel={t('finance.pools.changingKey')} tone="primary" busy={result.fetching}
      />
    </form>
  );
}

/** Balances as of a date (end of that day, Paris), and at the end of each closed period. */
function BalancesSection({ periods }: { periods: Period[] }) {
  const { t, locale } = useI18n();
  const [date, setDate] = useState(parisToday());
  const asOf = startOfParisDay(addDays(date, 1)).toISOString();
  const [{ data, error }] = useBalancesQuery(asOf);
  const closed = periods.filter((period) => period.status === 'CLOSED').sort((left, right) => left.to.localeCompare(right.to)).slice(-6);
  const money = (cents: number) => formatMoneyCents(cents, locale);
  return (
    <section className="settings-section" aria-labelledby="balances-heading">
      <h2 id="balances-heading">{t('finance.balances.title')}</h2>
      <p className="muted">{t('finance.balances.sign')}</p>
      <label className="field field-inline">
        <span>{t('finance.balances.asOf')}</span>
        <input type="date" value={date} onChange={(event) => event.target.value && setDate(event.target.value)} />
      </label>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {data ? (
        <BarChart emptyText={t('app.chartEmpty')}
          title={t('finance.balances.chart', { date: formatDate(date, locale) })}
          labelHeading={t('finance.column.member')}
          valueHeading={t('finance.column.balance')}
          data={data.balances.map((balance) => ({ label: balance.member.name, value: balance.balanceCents }))}
          format={money}
        />
      ) : null}
      {closed.length > 0 ? (
        <>
          <h3>{t('finance.balances.overTime')}</h3>
          {closed.map((period) => <BalancesAtPeriodEnd key={period.id} period={period} />)}
        </>
      ) : null}
    </section>
  );
}

function BalancesAtPeriodEnd({ period }: { period: Period }) {
  const { t, locale } = useI18n();
  // Pool shares enter the books at the close: the balances just after it are the period's outcome.
  const [{ data }] = useBalancesQuery(period.closedAt ?? startOfParisDay(period.to).toISOString());
  if (!data) return null;
  return (
    <BarChart emptyText={t('app.chartEmpty')}
      title={t('finance.balances.atEnd', { from: formatDate(period.from, locale), to: formatDate(addDays(period.to, -1), locale) })}
      labelHeading={t('finance.column.member')}
      valueHeading={t('finance.column.balance')}
      data={data.balances.map((balance) => ({ label: balance.member.name, value: balance.balanceCents }))}
      format={(cents) => formatMoneyCents(cents, locale)}
    />
  );
}
