import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formatDayHeading } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useDescribeTimes } from '../../shared/slot-times.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { ModalDialog } from '../../shared/ui/modal-dialog.js';
import { parisDateOf } from '../../../../shared/paris-time.js';
import { useReverseUsageMutation, type UsageEntry } from './usage-operations.js';

export interface ReverseUsageDialogProps {
  /** The entry to reverse; the dialog is open while it is set. */
  entry: UsageEntry | null;
  onClose: () => void;
  onReversed: (entry: UsageEntry) => void;
}

/** Asks the mandatory reason before reversing a usage entry: entries are never edited, only reversed. */
export function ReverseUsageDialog({ entry, onClose, onReversed }: ReverseUsageDialogProps) {
  return (
    <ModalDialog open={entry !== null} onClose={onClose} testId="reverse-usage-dialog">
      {(titleId) => (entry ? <ReverseForm key={entry.id} titleId={titleId} entry={entry} onClose={onClose} onReversed={onReversed} /> : null)}
    </ModalDialog>
  );
}

type Failure = { kind: 'reasonMissing' } | { kind: 'server'; error: CombinedError };

function ReverseForm({ titleId, entry, onClose, onReversed }: { titleId: string; entry: UsageEntry } & Omit<ReverseUsageDialogProps, 'entry'>) {
  const { t, locale } = useI18n();
  const describeTimes = useDescribeTimes();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, reverse] = useReverseUsageMutation();
  const errorId = useId();
  const reasonId = `${titleId}-reason`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed === '') return setFailure({ kind: 'reasonMissing' });
    setFailure(null);
    const result = await reverse({ input: { entryId: entry.id, reason: trimmed } });
    if (result.error) setFailure({ kind: 'server', error: result.error });
    else onReversed(entry);
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <h2 id={titleId}>{t('usage.reverse.title')}</h2>
      <p>
        <strong>{entry.resource.name}</strong> — {entry.member.name}, {formatDayHeading(parisDateOf(entry.start), locale)}, {describeTimes(entry)}
      </p>
      <p className="muted">{entry.inClosedPeriod ? t('usage.reverse.closedHelp') : t('usage.reverse.help')}</p>
      <div className="field">
        <label htmlFor={reasonId}>{t('usage.reverse.reason')}</label>
        <textarea
          id={reasonId}
          rows={3}
          maxLength={500}
          required
          aria-invalid={failure?.kind === 'reasonMissing' ? true : undefined}
          aria-describedby={failure ? errorId : undefined}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      {failure?.kind === 'reasonMissing' ? <ErrorAlert id={errorId}>{t('usage.reverse.reasonMissing')}</ErrorAlert> : null}
      {failure?.kind === 'server' ? <GraphqlErrorAlert id={errorId} error={failure.error} /> : null}
      <FormActions tone="danger" busy={fetching} onCancel={onClose}
        cancelLabel={t('usage.reverse.keep')} submitLabel={t('usage.reverse.confirm')} busyLabel={t('usage.reverse.submitting')} />
    </form>
  );
}
