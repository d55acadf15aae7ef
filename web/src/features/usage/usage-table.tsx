import { useState } from 'react';
import { formatDayHeading, formatDurationMinutes } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useDescribeTimes } from '../../shared/slot-times.js';
import { useReturnFocus } from '../../shared/ui/return-focus.js';
import { parisDateOf } from '../../../../shared/paris-time.js';
import type { UsageEntry } from './usage-operations.js';
import { ReverseUsageDialog } from './reverse-usage-dialog.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

export interface UsageTableProps {
  /** Newest first. */
  entries: readonly UsageEntry[];
  caption: string;
  /** The coordination reads everyone's entries: each row then names its structure. */
  showMember: boolean;
  /** The coordination also reverses the entries of a closed period; a structure does not. */
  isCoordinator: boolean;
  /** An entry was reversed; `message` says which. */
  onReversed: (message: string) => void;
}

/** The month's entries, each with its reversal or the button that asks for one. */
export function UsageTable({ entries, caption, showMember, isCoordinator, onReversed }: UsageTableProps) {
  const { t, locale } = useI18n();
  const describeTimes = useDescribeTimes();
  const [reversing, setReversing] = useState<UsageEntry | null>(null);
  const focus = useReturnFocus();
  const dayOf = (entry: UsageEntry) => formatDayHeading(parisDateOf(entry.start), locale);
  return (
    <>
      <TableScroll label={caption}>
        <table className="table table-stack" data-testid="usage-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('usage.column.day')}</th>
              <th scope="col">{t('usage.column.times')}</th>
              <th scope="col" className="numeric">{t('usage.column.duration')}</th>
              <th scope="col">{t('usage.column.resource')}</th>
              {showMember ? <th scope="col">{t('usage.column.member')}</th> : null}
              <th scope="col">{t('usage.column.note')}</th>
              <th scope="col"><span className="visually-hidden">{t('usage.column.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="usage-entry">
                <td data-label={t('usage.column.day')}>{dayOf(entry)}</td>
                <td data-label={t('usage.column.times')}>{describeTimes(entry)}</td>
                <td className="numeric" data-label={t('usage.column.duration')}>{formatDurationMinutes(entry.durationMinutes, locale)}</td>
                <th scope="row" data-label={t('usage.column.resource')}>
                  {entry.resource.name}
                  {entry.reversed ? <span className="status-reason"> {t('usage.reversed', { reason: entry.reversalReason ?? '' })}</span> : null}
                </th>
                {showMember ? <td data-label={t('usage.column.member')}>{entry.member.name}</td> : null}
                <td data-label={t('usage.column.note')}>{entry.note ?? '—'}</td>
                <td className="actions">
                  {entry.reversed ? null : entry.inClosedPeriod && !isCoordinator ? (
                    <span className="muted small">{t('usage.closedPeriod')}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      aria-label={t('usage.reverse.buttonLabel', { resource: entry.resource.name, day: dayOf(entry), times: describeTimes(entry) })}
                      onClick={(event) => {
                        focus.remember(event);
                        setReversing(entry);
                      }}
                    >
                      {t('usage.reverse.button')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ReverseUsageDialog
        entry={reversing}
        onClose={() => {
          setReversing(null);
          focus.giveBack();
        }}
        onReversed={(entry) => {
          setReversing(null);
          onReversed(t('usage.reverse.done', { resource: entry.resource.name, day: dayOf(entry), times: describeTimes(entry) }));
        }}
      />
    </>
  );
}
