import { useState, type FormEvent } from 'react';
import { formatDate } from '../../shared/format.js';
import type { MemberInvoicingFragment } from '../../shared/generated/graphql.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { ModalDialog } from '../../shared/ui/modal-dialog.js';
import { EMPTY_ADDRESS, invalidFieldOf, PostalAddressFields } from '../../shared/ui/postal-address-fields.js';
import { Loading, StatusMessage } from '../../shared/ui/status-message.js';
import {
  useGrantSelfBillingMandateMutation, useMemberInvoicingQuery, useRevokeSelfBillingMandateMutation, useSetMemberInvoicingDetailsMutation,
} from './member-invoicing-mutations.js';

export interface MemberInvoicingDialogProps {
  /** The structure whose identité de facturation is shown; the dialog is open while it is set. */
  member: { id: string; name: string } | null;
  /** The treasurer records and revokes the mandat d’autofacturation; the others read it. */
  canManageMandate: boolean;
  today: string;
  onClose: () => void;
}

/**
 * « Facturation » of a structure: its postal address, VAT number and invoicing e-mail (the
 * treasurer, the coordination, or the structure itself set them), and its self-billing mandate.
 */
export function MemberInvoicingDialog({ member, ...props }: MemberInvoicingDialogProps) {
  return (
    <ModalDialog open={member !== null} onClose={props.onClose} testId="member-invoicing-dialog">
      {(titleId) => (member ? <MemberInvoicing key={member.id} titleId={titleId} member={member} {...props} /> : null)}
    </ModalDialog>
  );
}

function MemberInvoicing({ titleId, member, canManageMandate, today, onClose }: Omit<MemberInvoicingDialogProps, 'member'> & { titleId: string; member: { id: string; name: string } }) {
  const { t } = useI18n();
  const [{ data, error }] = useMemberInvoicingQuery(member.id);
  const invoicing = data?.member;
  return (
    <div className="form">
      <h2 id={titleId}>{t('invoicing.member.title', { member: member.name })}</h2>
      <p className="muted small">{t('invoicing.member.intro')}</p>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {invoicing ? (
        <>
          <p>{invoicing.siren ? t('invoicing.member.siren', { siren: invoicing.siren }) : t('invoicing.member.noSiren')}</p>
          <DetailsForm titleId={titleId} invoicing={invoicing} />
          <MandateSection titleId={titleId} invoicing={invoicing} canManage={canManageMandate} today={today} />
        </>
      ) : error ? null : <Loading />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>{t('invoicing.member.close')}</button>
      </div>
    </div>
  );
}

function DetailsForm({ titleId, invoicing }: { titleId: string; invoicing: MemberInvoicingFragment }) {
  const { t } = useI18n();
  const [address, setAddress] = useState(invoicing.address ?? EMPTY_ADDRESS);
  const [vatNumber, setVatNumber] = useState(invoicing.vatNumber ?? '');
  const [invoiceEmail, setInvoiceEmail] = useState(invoicing.invoiceEmail ?? '');
  const [result, setDetails] = useSetMemberInvoicingDetailsMutation();
  const invalid = invalidFieldOf(result.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { line, postalCode, city, countryCode } = address;
    await setDetails({ input: { memberId: invoicing.id, address: { line, postalCode, city, countryCode }, vatNumber: vatNumber.trim() || null, invoiceEmail: invoiceEmail.trim() || null } });
  };
  const id = `${titleId}-details`;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('invoicing.member.title', { member: invoicing.name })}>
      <PostalAddressFields idPrefix={id} value={address} onChange={setAddress} invalidField={invalid} />
      <div className="field">
        <label htmlFor={`${id}-vat`}>{t('invoicing.vatNumber')}</label>
        <input id={`${id}-vat`} type="text" maxLength={40} autoComplete="off" aria-describedby={`${id}-vat-hint`}
          aria-invalid={invalid === 'vatNumber' ? true : undefined} value={vatNumber} onChange={(event) => setVatNumber(event.target.value)} />
        <p id={`${id}-vat-hint`} className="field-hint">{t('invoicing.vatNumberHint')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('invoicing.invoiceEmail')}</label>
        <input id={`${id}-email`} type="email" maxLength={254} autoComplete="email" aria-describedby={`${id}-email-hint`}
          aria-invalid={invalid === 'invoiceEmail' ? true : undefined} value={invoiceEmail} onChange={(event) => setInvoiceEmail(event.target.value)} />
        <p id={`${id}-email-hint`} className="field-hint">{t('invoicing.invoiceEmailHint')}</p>
      </div>
      {result.error ? <GraphqlErrorAlert error={result.error} /> : null}
      {result.data && !result.error ? <StatusMessage tone="success">{t('invoicing.saved')}</StatusMessage> : null}
      <button type="submit" className="button button-primary" disabled={result.fetching}>{t('invoicing.member.save')}</button>
    </form>
  );
}

function MandateSection({ titleId, invoicing, canManage, today }: { titleId: string; invoicing: MemberInvoicingFragment; canManage: boolean; today: string }) {
  const { t, locale } = useI18n();
  const mandate = invoicing.selfBillingMandate;
  // When VAT falls due is said of a structure that charges it: one not subject to VAT has no « encaissement » to wait for.
  const vatTiming = mandate === null ? null
    : mandate.vatOnDebits ? 'invoicing.mandate.inForceOnDebits'
    : invoicing.vatStatus === 'SUBJECT' ? 'invoicing.mandate.inForceOnReceipt' : null;
  const headingId = `${titleId}-mandate`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('invoicing.mandate.title')}</h3>
      <p className="muted small">{t('invoicing.mandate.intro')}</p>
      <p data-testid="mandate-status">
        {mandate === null ? t('invoicing.mandate.noneInForce')
          : mandate.reference ? t('invoicing.mandate.inForceReference', { date: formatDate(mandate.grantedOn, locale), reference: mandate.reference })
          : t('invoicing.mandate.inForce', { date: formatDate(mandate.grantedOn, locale) })}
        {vatTiming === null ? null : ` ${t(vatTiming)}`}
      </p>
      {!canManage ? <p className="muted small">{t('invoicing.mandate.treasurerOnly')}</p>
        : mandate === null ? <GrantForm id={headingId} memberId={invoicing.id} today={today} />
        : <RevokeForm id={headingId} memberId={invoicing.id} today={today} />}
    </section>
  );
}

function GrantForm({ id, memberId, today }: { id: string; memberId: string; today: string }) {
  const { t } = useI18n();
  const [grantedOn, setGrantedOn] = useState(today);
  const [reference, setReference] = useState('');
  const [vatOnDebits, setVatOnDebits] = useState(false);
  const [result, grant] = useGrantSelfBillingMandateMutation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await grant({ input: { memberId, grantedOn, reference: reference.trim() || null, vatOnDebits } });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-granted-on`}>{t('invoicing.mandate.grantedOn')}</label>
        <input id={`${id}-granted-on`} type="date" required value={grantedOn} onChange={(event) => setGrantedOn(event.target.value)}
          aria-invalid={invalidFieldOf(result.error) === 'grantedOn' ? true : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reference`}>{t('invoicing.mandate.reference')}</label>
        <input id={`${id}-reference`} type="text" maxLength={100} value={reference} onChange={(event) => setReference(event.target.value)} />
      </div>
      <div className="checkbox-field">
        <input id={`${id}-vat-on-debits`} type="checkbox" checked={vatOnDebits} onChange={(event) => setVatOnDebits(event.target.checked)}
          aria-describedby={`${id}-vat-on-debits-hint`} />
        <label htmlFor={`${id}-vat-on-debits`}>{t('invoicing.mandate.vatOnDebits')}</label>
      </div>
      <p id={`${id}-vat-on-debits-hint`} className="field-hint">{t('invoicing.mandate.vatOnDebitsHint')}</p>
      <button type="submit" className="button" disabled={result.fetching}>{t('invoicing.mandate.grant')}</button>
      {result.error ? <GraphqlErrorAlert error={result.error} /> : null}
    </form>
  );
}

function RevokeForm({ id, memberId, today }: { id: string; memberId: string; today: string }) {
  const { t } = useI18n();
  const [revokedOn, setRevokedOn] = useState(today);
  const [result, revoke] = useRevokeSelfBillingMandateMutation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await revoke({ input: { memberId, revokedOn } });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-revoked-on`}>{t('invoicing.mandate.revokedOn')}</label>
        <input id={`${id}-revoked-on`} type="date" required value={revokedOn} onChange={(event) => setRevokedOn(event.target.value)}
          aria-describedby={`${id}-revoked-on-hint`} aria-invalid={invalidFieldOf(result.error) === 'revokedOn' ? true : undefined} />
        <p id={`${id}-revoked-on-hint`} className="field-hint">{t('invoicing.mandate.revokedOnHint')}</p>
      </div>
      <button type="submit" className="button button-danger" disabled={result.fetching}>{t('invoicing.mandate.revoke')}</button>
      {result.error ? <GraphqlErrorAlert error={result.error} /> : null}
    </form>
  );
}
