import { useI18n } from '../i18n/i18n.js';

export interface AddressDraft {
  line: string;
  postalCode: string;
  city: string;
  countryCode: string;
}

export const EMPTY_ADDRESS: AddressDraft = { line: '', postalCode: '', city: '', countryCode: 'FR' };

/** The server names the field it refused (`extensions.field`): that control is marked invalid. */
export type InvalidField = string | null;

/**
 * A postal address as invoices print it: one line, postal code, city, ISO country code. The
 * fields' ids start with `idPrefix`, so that two forms on one page keep their labels apart.
 */
export function PostalAddressFields({ idPrefix, value, onChange, invalidField }: {
  idPrefix: string;
  value: AddressDraft;
  onChange: (address: AddressDraft) => void;
  invalidField: InvalidField;
}) {
  const { t } = useI18n();
  const input = (name: keyof AddressDraft, label: string, props: { maxLength: number; autoComplete: string; inputMode?: 'numeric' }) => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <input
        id={`${idPrefix}-${name}`}
        type="text"
        required
        aria-invalid={invalidField === name ? true : undefined}
        value={value[name]}
        onChange={(event) => onChange({ ...value, [name]: event.target.value })}
        {...props}
      />
    </div>
  );
  return (
    <>
      {input('line', t('invoicing.address.line'), { maxLength: 200, autoComplete: 'street-address' })}
      <div className="field-row">
        {input('postalCode', t('invoicing.address.postalCode'), { maxLength: 20, autoComplete: 'postal-code' })}
        {input('city', t('invoicing.address.city'), { maxLength: 200, autoComplete: 'address-level2' })}
        {input('countryCode', t('invoicing.address.countryCode'), { maxLength: 2, autoComplete: 'country' })}
      </div>
    </>
  );
}

/** The field a VALIDATION_FAILED refusal names, when the server said (`extensions.field`). */
export function invalidFieldOf(error: { graphQLErrors: ReadonlyArray<{ extensions?: Readonly<Record<string, unknown>> | undefined }> } | undefined): InvalidField {
  const field = error?.graphQLErrors[0]?.extensions?.field;
  return typeof field === 'string' ? field : null;
}
