import { useState, type FormEvent } from 'react';
import type { PoleInvoicingProfileFieldsFragment } from '../../shared/generated/graphql.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { EMPTY_ADDRESS, invalidFieldOf, PostalAddressFields } from '../../shared/ui/postal-address-fields.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { usePoleInvoicingProfileQuery, useSetPoleInvoicingProfileMutation } from './pole-invoicing-mutations.js';

/** What the screen suggests for the late-payment penalties (C. com. L441-10's floor, as usually written). */
const SUGGESTED_PENALTY = 'Trois fois le taux d’intérêt légal';

/**
 * « Identité de facturation du pôle »: who the pôle is on the invoices it issues. The treasurer
 * sets it; the coordination and the auditors read it.
 */
export function PoleInvoicingSection({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const [{ data, error }] = usePoleInvoicingProfileQuery();
  const profile = data?.poleInvoicingProfile ?? null;
  return (
    <section className="settings-section" aria-labelledby="pole-invoicing-heading">
      <h2 id="pole-invoicing-heading">{t('invoicing.pole.title')}</h2>
      <p className="muted">{t('invoicing.pole.intro')}</p>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {data && canWrite ? <PoleProfileForm profile={profile} /> : null}
      {data && !canWrite ? <PoleProfileSummary profile={profile} /> : null}
    </section>
  );
}

function PoleProfileSummary({ profile }: { profile: PoleInvoicingProfileFieldsFragment | null }) {
  const { t } = useI18n();
  if (profile === null) return <p>{t('invoicing.pole.notSet')}</p>;
  const { address } = profile;
  return (
    <>
      <p>{t('invoicing.pole.summary', { name: profile.name, siret: profile.siret, days: profile.paymentTermDays })}</p>
      <p>{address.line}, {address.postalCode} {address.city} ({address.countryCode})</p>
      <p>{t('invoicing.vatNumber')} : {profile.vatNumber ?? t('invoicing.none')} · {t('invoicing.pole.iban')} : {profile.iban ?? t('invoicing.none')}</p>
    </>
  );
}

interface Draft {
  name: string;
  siret: string;
  vatNumber: string;
  iban: string;
  paymentTermDays: string;
  latePaymentPenalty: string;
  vatOnDebits: boolean;
}

function draftOf(profile: PoleInvoicingProfileFieldsFragment | null): Draft {
  return {
    name: profile?.name ?? '',
    siret: profile?.siret ?? '',
    vatNumber: profile?.vatNumber ?? '',
    iban: profile?.iban ?? '',
    paymentTermDays: String(profile?.paymentTermDays ?? 30),
    latePaymentPenalty: profile?.latePaymentPenalty ?? SUGGESTED_PENALTY,
    vatOnDebits: profile?.vatOnDebits ?? false,
  };
}

function PoleProfileForm({ profile }: { profile: PoleInvoicingProfileFieldsFragment | null }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => draftOf(profile));
  const [address, setAddress] = useState(profile?.address ?? EMPTY_ADDRESS);
  const [result, save] = useSetPoleInvoicingProfileMutation();
  const invalid = invalidFieldOf(result.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const days = Number(draft.paymentTermDays);
    await save({ input: {
      name: draft.name, siret: draft.siret, vatNumber: draft.vatNumber.trim() || null, iban: draft.iban.trim() || null,
      // A non-number is sent as -1, which the server refuses with PAYMENT_TERM_INVALID and its explanation.
      paymentTermDays: Number.isInteger(days) ? days : -1,
      latePaymentPenalty: draft.latePaymentPenalty, vatOnDebits: draft.vatOnDebits,
      address: { line: address.line, postalCode: address.postalCode, city: address.city, countryCode: address.countryCode },
    } });
  };
  const text = (name: 'name' | 'siret' | 'vatNumber' | 'iban' | 'paymentTermDays' | 'latePaymentPenalty', label: string, props: { maxLength: number; inputMode?: 'numeric'; hint?: string }) => (
    <div className="field">
      <label htmlFor={`pole-invoicing-${name}`}>{label}</label>
      <input id={`pole-invoicing-${name}`} type="text" maxLength={props.maxLength} inputMode={props.inputMode} autoComplete="off"
        aria-invalid={invalid === name ? true : undefined} aria-describedby={props.hint ? `pole-invoicing-${name}-hint` : undefined}
        value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} />
      {props.hint ? <p id={`pole-invoicing-${name}-hint`} className="field-hint">{props.hint}</p> : null}
    </div>
  );
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="pole-invoicing-heading">
      {text('name', t('invoicing.pole.name'), { maxLength: 200 })}
      <PostalAddressFields idPrefix="pole-invoicing-address" value={address} onChange={setAddress} invalidField={invalid} />
      {text('siret', t('invoicing.pole.siret'), { maxLength: 20, inputMode: 'numeric' })}
      {text('vatNumber', t('invoicing.vatNumber'), { maxLength: 40, hint: t('invoicing.vatNumberHint') })}
      {text('iban', t('invoicing.pole.iban'), { maxLength: 50 })}
      {text('paymentTermDays', t('invoicing.pole.paymentTermDays'), { maxLength: 2, inputMode: 'numeric' })}
      {text('latePaymentPenalty', t('invoicing.pole.latePaymentPenalty'), { maxLength: 200, hint: t('invoicing.pole.latePaymentPenaltyHint') })}
      <label className="checkbox-field">
        <input type="checkbox" checked={draft.vatOnDebits} onChange={(event) => setDraft({ ...draft, vatOnDebits: event.target.checked })} />
        {t('invoicing.pole.vatOnDebits')}
      </label>
      {result.error ? <GraphqlErrorAlert error={result.error} /> : null}
      {result.data && !result.error ? <StatusMessage tone="success">{t('invoicing.saved')}</StatusMessage> : null}
      <button type="submit" className="button button-primary" disabled={result.fetching}>{t('invoicing.pole.save')}</button>
    </form>
  );
}
