import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
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
import { useCreateAccountMutation } from './account-mutations.js';
import type { AccountSummary } from './accounts-query.js';
import { describedBy, FieldProblem, RoleAndMemberFields } from './role-and-member-fields.js';

const FIELDS: readonly AccountField[] = ['email', 'role', 'memberId', 'password'];
const EMPTY: AccountValues = { email: '', role: 'MEMBER', memberId: '', password: '' };

/** « Créer un compte »: an address, a role, the structure of a MEMBER account, a temporary password. */
export function CreateAccountForm({ members, onCreated }: { members: ReadonlyArray<{ id: string; name: string }>; onCreated: (account: AccountSummary) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [values, setValues] = useState<AccountValues>(EMPTY);
  const [failure, setFailure] = useState<AccountFormFailure<CombinedError> | null>(null);
  const [{ fetching }, createAccount] = useCreateAccountMutation();
  const inputs = useRef<Partial<Record<AccountField, HTMLInputElement | HTMLSelectElement | null>>>({});
  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const register = (field: AccountField) => (element: HTMLInputElement | HTMLSelectElement | null) => {
    inputs.current[field] = element;
  };

  useEffect(() => {
    const field = firstAccountFieldInTrouble(problems);
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
    const result = await createAccount({ input: { email: values.email.trim(), role: values.role, memberId: memberIdFor(values), password: values.password } });
    if (result.data) {
      setValues(EMPTY);
      onCreated(result.data.createUser);
    } else if (result.error) {
      setFailure(accountFormFailureOf(result.error, FIELDS));
    }
  }

  const invalid = (field: AccountField) => (problems.some((problem) => problem.field === field) ? true : undefined);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('accounts.create.title')}</h2>
      <p className="muted">{t('accounts.create.intro')}</p>
      <form className="form" onSubmit={handleSubmit} noValidate data-testid="create-account-form">
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('accounts.create.email')}</label>
          <input
            id={`${id}-email`}
            ref={register('email')}
            type="email"
            autoComplete="off"
            maxLength={254}
            required
            value={values.email}
            aria-invalid={invalid('email')}
            aria-describedby={describedBy(id, 'email', problems)}
            onChange={(event) => setValues((current) => ({ ...current, email: event.target.value }))}
          />
          <FieldProblem idPrefix={id} field="email" problems={problems} />
        </div>
        <RoleAndMemberFields
          idPrefix={id}
          values={values}
          onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
          problems={problems}
          register={register}
          members={members}
        />
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('accounts.create.password')}</label>
          <input
            id={`${id}-password`}
            ref={register('password')}
            type="password"
            autoComplete="new-password"
            maxLength={256}
            required
            value={values.password}
            aria-invalid={invalid('password')}
            aria-describedby={describedBy(id, 'password', problems, `${id}-password-hint`)}
            onChange={(event) => setValues((current) => ({ ...current, password: event.target.value }))}
          />
          <p id={`${id}-password-hint`} className="field-hint">{t('accounts.create.passwordHint')}</p>
          <FieldProblem idPrefix={id} field="password" problems={problems} />
        </div>
        {failure?.kind === 'server' ? <GraphqlErrorAlert error={failure.error} /> : null}
        <button type="submit" className="button button-primary" disabled={fetching}>
          {fetching ? t('accounts.create.submitting') : t('accounts.create.submit')}
        </button>
      </form>
    </section>
  );
}
