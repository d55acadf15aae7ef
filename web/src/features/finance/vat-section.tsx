import { useState, type FormEvent } from 'react';
import type { PoleVatStatus, VatExemption, VatSettingsQuery } from '../../shared/generated/graphql.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { POLE_VAT_STATUSES, VAT_EXEMPTION_CODES, VAT_EXEMPTIONS, VAT_RATES_BASIS_POINTS, frenchRate } from '../../../../shared/vat.js';
import { FinanceErrorAlert } from './finance-error-alert.js';
import { useSetPoleVatStatusMutation, useSetVatTreatmentMutation, useVatSettingsQuery } from './vat-mutations.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

type Target = VatSettingsQuery['vatSettings']['treatments'][number];

const STATUS_LABELS: Record<PoleVatStatus, MessageKey> = {
  NOT_SUBJECT: 'finance.vat.status.NOT_SUBJECT',
  SUBJECT: 'finance.vat.status.SUBJECT',
  COST_SHARING_GROUPING: 'finance.vat.status.COST_SHARING_GROUPING',
};

/** A treatment as one select value: `NONE`, `RATE:2000`, `EXEMPT:ART_261_B`. */
function choiceOf(treatment: Target['treatment']): string {
  if (treatment.kind === 'RATE') return `RATE:${treatment.rateBasisPoints ?? 0}`;
  if (treatment.kind === 'EXEMPT') return `EXEMPT:${treatment.exemption ?? ''}`;
  return 'NONE';
}

function treatmentInput(choice: string): { kind: 'NONE' | 'RATE' | 'EXEMPT'; rateBasisPoints?: number; exemption?: VatExemption } {
  const [kind, value = ''] = choice.split(':');
  if (kind === 'RATE') return { kind, rateBasisPoints: Number(value) };
  if (kind === 'EXEMPT') return { kind, exemption: value as VatExemption };
  return { kind: 'NONE' };
}

/**
 * « TVA »: the pôle's VAT status, and what each pool's shares and each resource's charges are
 * re-invoiced with, from this period on (earlier periods keep theirs). Read-only but for the treasurer.
 */
export function VatSection({ periodId, canWrite, open, onChanged }: { periodId: string; canWrite: boolean; open: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [{ data }, reexecute] = useVatSettingsQuery(periodId);
  if (!data) return null;
  const changed = () => {
    reexecute({ requestPolicy: 'network-only' });
    onChanged();
  };
  const editable = canWrite && open;
  const { status, treatments } = data.vatSettings;
  return (
    <section className="settings-section" aria-labelledby="vat-heading">
      <h2 id="vat-heading">{t('finance.vat.title')}</h2>
      <p className="muted">{t('finance.vat.intro')}</p>
      {editable ? <PoleStatusForm periodId={periodId} status={status} onChanged={changed} /> : <p>{t('finance.vat.statusIs', { status: t(STATUS_LABELS[status]) })}</p>}
      {status === 'NOT_SUBJECT' ? null : (
        <TableScroll label={t('finance.vat.caption')}>
          <table className="table" data-testid="vat-treatments">
            <caption className="visually-hidden">{t('finance.vat.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('finance.vat.column.reinvoiced')}</th>
                <th scope="col">{t('finance.vat.column.treatment')}</th>
              </tr>
            </thead>
            <tbody>
              {treatments.map((target) => (
                <TreatmentRow key={target.pool?.id ?? target.resource?.id} periodId={periodId} target={target} editable={editable} onChanged={changed} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="muted small">{t('finance.vat.staffNote')}</p>
    </section>
  );
}

function PoleStatusForm({ periodId, status, onChanged }: { periodId: string; status: PoleVatStatus; onChanged: () => void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<PoleVatStatus>(status);
  const [result, setStatus] = useSetPoleVatStatusMutation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await setStatus({ input: { fromPeriodId: periodId, status: chosen } })).error) onChanged();
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label>
        {t('finance.vat.statusLabel')}
        <select value={chosen} onChange={(event) => setChosen(event.target.value as PoleVatStatus)}>
          {POLE_VAT_STATUSES.map((value) => <option key={value} value={value}>{t(STATUS_LABELS[value])}</option>)}
        </select>
      </label>
      <button type="submit" className="button" disabled={result.fetching}>{t('finance.vat.saveStatus')}</button>
      {result.error ? <FinanceErrorAlert error={result.error} /> : null}
      {result.data && !result.error ? <StatusMessage tone="success">{t('finance.vat.saved')}</StatusMessage> : null}
    </form>
  );
}

function TreatmentRow({ periodId, target, editable, onChanged }: { periodId: string; target: Target; editable: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const name = target.pool ? t('finance.vat.pool', { name: target.pool.name }) : t('finance.vat.resource', { name: target.resource?.name ?? '' });
  const [choice, setChoice] = useState(choiceOf(target.treatment));
  const [result, setTreatment] = useSetVatTreatmentMutation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const targetId = target.pool ? { poolId: target.pool.id } : { resourceId: target.resource?.id ?? '' };
    if (!(await setTreatment({ input: { fromPeriodId: periodId, ...targetId, ...treatmentInput(choice) } })).error) onChanged();
  };
  return (
    <tr>
      <th scope="row">{name}{target.reinvoicesStaff ? <span className="muted small"> — {t('finance.vat.staff')}</span> : null}</th>
      <td>
        {editable ? (
          <form className="inline-form" onSubmit={submit}>
            <select aria-label={t('finance.vat.treatmentOf', { name })} value={choice} onChange={(event) => setChoice(event.target.value)}>
              <option value="NONE">{t('finance.vat.none')}</option>
              {VAT_RATES_BASIS_POINTS.map((rate) => <option key={rate} value={`RATE:${rate}`}>{t('finance.vat.rate', { rate: frenchRate(rate) })}</option>)}
              {VAT_EXEMPTION_CODES.map((code) => <option key={code} value={`EXEMPT:${code}`}>{VAT_EXEMPTIONS[code]}</option>)}
            </select>
            <button type="submit" className="button button-quiet" disabled={result.fetching} aria-label={t('finance.vat.saveTreatmentOf', { name })}>
              {t('finance.vat.saveTreatment')}
            </button>
            {result.error ? <FinanceErrorAlert error={result.error} /> : null}
          </form>
        ) : (target.treatment.mention ?? t('finance.vat.none'))}
      </td>
    </tr>
  );
}
