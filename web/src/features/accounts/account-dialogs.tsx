import { useState } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { ModalDialog } from '../../shared/ui/modal-dialog.js';
import { memberIdFor, type AccountField } from './account-form.js';
import { useAccountForm } from './account-form-state.js';
import { useChangeUserRoleMutation, useEraseUserMutation } from './account-mutations.js';
import type { AccountSummary } from './accounts-query.js';
import { RoleAndMemberFields } from './role-and-member-fields.js';

const ROLE_FIELDS: readonly AccountField[] = ['role', 'memberId'];

interface RoleDialogProps {
  account: AccountSummary | null;
  members: ReadonlyArray<{ id: string; name: string }>;
  onClose: () => void;
  onChanged: (account: AccountSummary) => void;
}

/** « Changer le rôle »: another role, and the structure when it becomes a MEMBER account. */
export function RoleDialog({ account, ...props }: RoleDialogProps) {
  return (
    <ModalDialog open={account !== null} onClose={props.onClose} testId="role-dialog">
      {(titleId) => (account ? <RoleForm key={account.id} titleId={titleId} account={account} {...props} /> : null)}
    </ModalDialog>
  );
}

function RoleForm({ titleId, account, members, onClose, onChanged }: Omit<RoleDialogProps, 'account'> & { titleId: string; account: AccountSummary }) {
  const { t } = useI18n();
  const [{ fetching }, changeRole] = useChangeUserRoleMutation();
  const { values, setValues, failure, register, handleSubmit } = useAccountForm({
    initial: { email: account.email, role: account.role, memberId: account.member?.id ?? '' },
    fields: ROLE_FIELDS,
    send: (sent) => changeRole({ input: { userId: account.id, role: sent.role, memberId: memberIdFor(sent) } }),
    onSent: (data) => onChanged(data.changeUserRole),
    clearWhenSent: false,
  });
  const problems = failure?.kind === 'fields' ? failure.problems : [];

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <h2 id={titleId}>{t('accounts.role.title', { email: account.email })}</h2>
      <p className="notice small">{t('accounts.role.intro')}</p>
      <RoleAndMemberFields
        idPrefix={titleId}
        values={values}
        onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
        problems={problems}
        register={register}
        members={members}
      />
      {failure?.kind === 'server' ? <GraphqlErrorAlert error={failure.error} /> : null}
      <FormActions tone="primary" busy={fetching} onCancel={onClose}
        cancelLabel={t('members.form.cancel')} submitLabel={t('accounts.role.submit')} busyLabel={t('members.form.submitting')} />
    </form>
  );
}

interface EraseDialogProps {
  account: AccountSummary | null;
  onClose: () => void;
  onErased: (account: AccountSummary) => void;
}

/** Erasing is for good: the dialog says what goes and what stays, and the safe choice comes first. */
export function EraseAccountDialog({ account, onClose, onErased }: EraseDialogProps) {
  return (
    <ModalDialog open={account !== null} onClose={onClose} testId="erase-account-dialog">
      {(titleId) => (account ? <EraseConfirmation key={account.id} titleId={titleId} account={account} onClose={onClose} onErased={onErased} /> : null)}
    </ModalDialog>
  );
}

function EraseConfirmation({ titleId, account, onClose, onErased }: Omit<EraseDialogProps, 'account'> & { titleId: string; account: AccountSummary }) {
  const { t } = useI18n();
  const [error, setError] = useState<CombinedError | null>(null);
  const [{ fetching }, eraseUser] = useEraseUserMutation();

  async function erase() {
    setError(null);
    const result = await eraseUser({ userId: account.id });
    if (result.data?.eraseUser) onErased(account);
    else if (result.error) setError(result.error);
  }

  return (
    <div className="form">
      <h2 id={titleId}>{t('accounts.erase.title', { email: account.email })}</h2>
      <p>{t('accounts.erase.consequence')}</p>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('accounts.erase.keep')}
        </button>
        <button type="button" className="button button-danger" disabled={fetching} onClick={() => void erase()}>
          {fetching ? t('accounts.erase.submitting') : t('accounts.erase.confirm')}
        </button>
      </div>
    </div>
  );
}
