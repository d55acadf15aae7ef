import { useId } from 'react';
import { INVITATION_VALID_HOURS } from '../../../../shared/account-links.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { describedBy, FieldProblem } from '../../shared/ui/field-problem.js';
import { memberIdFor, type AccountField, type AccountValues } from './account-form.js';
import { useAccountForm } from './account-form-state.js';
import { useInviteAccountMutation } from './account-mutations.js';
import type { AccountSummary } from './accounts-query.js';
import { RoleAndMemberFields, type FieldsProps } from './role-and-member-fields.js';

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
  const [{ fetching }, inviteAccount] = useInviteAccountMutation();
  const { values, setValues, failure, register, handleSubmit } = useAccountForm({
    initial: EMPTY,
    fields: FIELDS,
    send: (sent) => inviteAccount({ input: { email: sent.email.trim(), role: sent.role, memberId: memberIdFor(sent) } }),
    onSent: (data) => onCreated(data.inviteUser),
    clearWhenSent: true,
  });
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
    <section className="settings-section" aria-labelledby={`${id}-title`}>
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
