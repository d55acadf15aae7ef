import { useMemo, useState } from 'react';
import { formatMonth } from '../../shared/format.js';
import { byFrenchName } from '../../../../shared/french-order.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisToday } from '../../shared/paris-today.js';
import { ErrorAlert } from '../../shared/ui/error-alert.js';
import type { NamedChoice } from '../../shared/ui/named-select.js';
import { QueryStatus } from '../../shared/ui/query-status.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { monthBounds, monthOf, newestFirst, shiftMonth } from './usage-month.js';
import { useUsageChoicesQuery, useUsageEntriesQuery, type UsageChoices } from './usage-operations.js';
import { UsageForm } from './usage-form.js';
import { usageListRefusal } from './usage-list-refusal.js';
import { UsageTable } from './usage-table.js';

/** The structure whose entries a member's account shows and enters, or null for the coordination. */
type OwnMember = { id: string; name: string } | null;

/**
 * « Saisies d'usage »: usage that happened without a reservation, entered by the structure that
 * used it (or by the coordination for it), listed a month at a time, and reversed with a reason.
 * A member sees and enters its own structure's; the coordination sees everyone's, filtered.
 */
export function UsageScreen({ viewer, month, showMonth }: { viewer: Viewer } & MonthShown) {
  const { t } = useI18n();
  if (viewer.role === 'MEMBER' && !viewer.member) {
    return (
      <>
        <h1>{t('usage.title')}</h1>
        <p className="notice">{t('usage.noMember')}</p>
      </>
    );
  }
  return <UsageEntries viewer={viewer} ownMember={viewer.role === 'MEMBER' ? viewer.member ?? null : null} month={month} showMonth={showMonth} />;
}

/** The month shown, from the address (`#/usage?month=2026-03`), so that a reload or a link keeps it; null for the current one. */
interface MonthShown {
  month: string | null;
  showMonth: (month: string) => void;
}

function UsageEntries({ viewer, ownMember, month: monthAsked, showMonth }: { viewer: Viewer; ownMember: OwnMember } & MonthShown) {
  const { t, locale } = useI18n();
  const today = parisToday();
  const month = monthAsked ?? monthOf(today);
  const [filters, setFilters] = useState({ memberId: '', resourceId: '' });
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [{ data: choices, error: choicesError }] = useUsageChoicesQuery(ownMember === null);
  const bounds = useMemo(() => monthBounds(month), [month]);
  const variables = useMemo(
    () => ({ ...bounds, memberId: ownMember?.id ?? (filters.memberId || null), resourceId: filters.resourceId || null }),
    [bounds, ownMember, filters],
  );
  const [{ data, error, fetching }, reexecute] = useUsageEntriesQuery(variables);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const entries = newestFirst(data?.usageEntries ?? []);
  const refusal = usageListRefusal(error);
  const monthName = formatMonth(month, locale);

  return (
    <>
      <header className="page-header">
        <h1>{t('usage.title')}</h1>
        <p className="muted">{ownMember ? t('usage.introMember', { member: ownMember.name }) : t('usage.introCoordinator')}</p>
        <p className="notice small">{t('usage.correctionRule')}</p>
      </header>
      {choicesError ? <p className="notice">{t('usage.choicesUnavailable')}</p> : null}
      <UsageForm
        ownMember={ownMember}
        choices={choices ?? null}
        today={today}
        onRecorded={(date) => {
          setAnnouncement(null);
          showMonth(monthOf(date));
          refresh();
        }}
      />
      <section className="settings-section" aria-labelledby="usage-list-heading">
        <div className="week-toolbar">
          <h2 id="usage-list-heading">{t('usage.list.title', { month: monthName })}</h2>
          <MonthNav onShift={(months) => showMonth(shiftMonth(month, months))} />
        </div>
        <UsageFilters choices={choices ?? null} filters={filters} onChange={setFilters} withMembers={ownMember === null} />
        {refusal ? <ErrorAlert>{refusal}</ErrorAlert> : null}
        <QueryStatus fetching={fetching} hasData={Boolean(data)} error={refusal ? undefined : error} reexecute={reexecute} />
        {announcement ? <StatusMessage tone="success">{announcement}</StatusMessage> : null}
        {data && entries.length === 0 ? <p className="muted">{t('usage.list.empty', { month: monthName })}</p> : null}
        {entries.length > 0 ? (
          <UsageTable
            entries={entries}
            caption={t('usage.list.title', { month: monthName })}
            showMember={ownMember === null}
            isCoordinator={viewer.role === 'COORDINATOR'}
            onReversed={(message) => {
              setAnnouncement(message);
              refresh();
            }}
          />
        ) : null}
      </section>
    </>
  );
}

/** Previous and next month: each moves the address's month, as « Précédent » then comes back to the one before. */
function MonthNav({ onShift }: { onShift: (months: number) => void }) {
  const { t } = useI18n();
  return (
    <nav className="week-nav" aria-label={t('usage.month.nav')}>
      <button type="button" className="button" onClick={() => onShift(-1)}>
        <span aria-hidden="true">←</span> {t('usage.month.previous')}
      </button>
      <button type="button" className="button" onClick={() => onShift(1)}>
        {t('usage.month.next')} <span aria-hidden="true">→</span>
      </button>
    </nav>
  );
}

type Filters = { memberId: string; resourceId: string };

interface UsageFiltersProps {
  choices: UsageChoices | null;
  filters: Filters;
  onChange: (filters: Filters) => void;
  /** The coordination's: a member's account lists its own structure's entries only. */
  withMembers: boolean;
}

/**
 * One resource, or all; for the coordination one structure too. A member filters by resource as
 * well: a month of more entries than one answer holds is refused, and a filter narrows it.
 */
function UsageFilters({ choices, filters, onChange, withMembers }: UsageFiltersProps) {
  const { t } = useI18n();
  return (
    <div className="planning-filters" role="group" aria-label={t('usage.filters')}>
      {withMembers ? (
        <FilterSelect
          label={t('usage.filter.member')}
          all={t('usage.filter.allMembers')}
          choices={choices?.members ?? []}
          value={filters.memberId}
          onChange={(memberId) => onChange({ ...filters, memberId })}
        />
      ) : null}
      <FilterSelect
        label={t('usage.filter.resource')}
        all={t('usage.filter.allResources')}
        choices={choices?.resources ?? []}
        value={filters.resourceId}
        onChange={(resourceId) => onChange({ ...filters, resourceId })}
      />
    </div>
  );
}

interface FilterSelectProps {
  label: string;
  /** The first option, which lifts the filter. */
  all: string;
  choices: readonly NamedChoice[];
  value: string;
  onChange: (id: string) => void;
}

/**
 * One filter, its choices in French order. Unlike the shared `NamedSelect`, its label wraps the
 * select: the text beside it is not set in bold, and its accessible name is the label followed by
 * the option chosen (« Structure Toutes les structures »), as it has always been.
 */
function FilterSelect({ label, all, choices, value, onChange }: FilterSelectProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{all}</option>
        {byFrenchName(choices).map((choice) => (
          <option key={choice.id} value={choice.id}>{choice.name}</option>
        ))}
      </select>
    </label>
  );
}
