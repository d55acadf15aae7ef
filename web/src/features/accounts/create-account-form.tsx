import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { INVITATION_VALID_HOURS } from '../../../../shared/account-links.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import {
  accountFormFailureOf,
  checkAccountForm,
  firstAccountFieldInTrouble,
  memberIdFor,
  type AccountField,
  type AccountFormFailure,
  type AccountValues,
} from './account-form.js';
import { useInviteAccountMutation } from './account-mutations.js';
import type { AccountSummary } from './accounts-query.js';
import { describedBy, FieldProblem, RoleAndMemberFields, type FieldsProps } from './role-and-member-fields.js';

const FIELDS: readonly AccountField[] = ['email', 'role', 'memberId'];
const EMPTY: AccountValues = { email: '', role: 'MEMBER', memberId: '' };

type Members = ReadonlyArray<{ id: string; name: string }>;

/**
 * « Inviter une personne »: an address, a role, the structure of a MEMBER account. The server
 * mails the person a link with which they choose their own password.
 */
export function CreateAccountForm({ members, onCreated }: { members: Members; onCreated: (account: AccountSummary) => void }) {
  const { t } = useI18n();
  const id = useId();
  const { values, setValues, failure, fetching, register, handleSubmit } = useInviteAccountForm(onCreated);
  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const fieldsProps: FieldsProps = {
    idPrefix: id,
    values,
    onChange: (patch) => setValues((current) => ({ ...current, ...patch })),
    problems,
    register,
    members,
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('accounts.create.title')}</h2>
      <p className="muted">{t('accounts.create.intro', { hours: INVITATION_VALID_HOURS })}</p>
      <form className="form" onSubmit={handleSubmit} noValidate data-testid="create-account-form">
        <EmailField {...fieldsProps} />
        <RoleAndMemberFields {...fieldsProps} />
        {failure?.kind === 'server' ? <GraphqlErrorAlert error={failure.error} /> : null}
        <button type="submit" className="button button-primary" disabled={fetching}>
          {fetching ? t('accounts.create.submitting') : t('accounts.create.submit')}
        </button>
      </form>
    </section>
  );
}

/** The form's state: checked before asking the server, the first field in trouble focused, emptied once the invitation is sent. */
function useInviteAccountForm(onCreated: (account: AccountSummary) => void) {
  const [values, setValues] = useState<AccountValues>(EMPTY);
  const [failure, setFailure] = useState<AccountFormFailure<CombinedError> | null>(null);
  const [{ fetching }, inviteAccount] = useInviteAccountMutation();
  const inputs = useRef<Partial<Record<AccountField, HTMLInputElement | HTMLSelectElement | null>>>({});
  const register = (field: AccountField) => (element: HTMLInputElement | HTMLSelectElement | null) => {
    inputs.current[field] = element;
  };

  useEffect(() => {
    const field = firstAccountFieldInTrouble(failure?.kind === 'fields' ? failure.problems : []);
    if (field) inputs.current[field]?.focus();
  }, [failure]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkAccountForm(values, FIELDS);
    if (found.length > 0) {
      setFailure({ kind: 'fields', problems: found });
      return;
    }
    setFailure(null);
    const result = await inviteAccount({ input: { email: values.email.trim(), role: values.role, memberId: memberIdFor(values) } });
    if (result.data) {
      setValues(EMPTY);
      onCreated(result.data.inviteUser);
    } else if (result.error) {
      setFailure(accountFormFailureOf(result.error, FIELDS));
    }
  }

  return { values, setValues, failure, fetching, register, handleSubmit };
}

function EmailField({ idPrefix, values, onChange, problems, register }: FieldsProps) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={`${idPrefix}-email`}>{t('accounts.create.email')}</label>
      <input
        id={`${idPrefix}-email`}
        ref={register('email')}
        type="email"
        autoComplete="off"
        maxLength={254}
        required
        value={values.email}
        aria-invalid={problems.some((problem) => problem.field === 'email') ? true : undefined}
        aria-describedby={describedBy(idPrefix, 'email', problems)}
        onChange={(event) => onChange({ email: event.target.value })}
      />
      <FieldProblem idPrefix={idPrefix} field="email" problems={problems} />
    </div>
  );
}
