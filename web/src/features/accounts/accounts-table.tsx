import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { AccountSummary } from './accounts-query.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

/**
 * An account as the coordination's list shows it; the list and every change of an account spread
 * it, so that urql's cache updates the row. The generated `AccountRowFragment` is its type.
 */
export const AccountRowFragment = graphql(`
  fragment AccountRow on User {
    id
    email
    role
    disabled
    member {
      id
      name
    }
  }
`);

export interface AccountActions {
  onChangeRole: (account: AccountSummary) => void;
  onSetDisabled: (account: AccountSummary, disabled: boolean) => void;
  onErase: (account: AccountSummary) => void;
}

export function AccountsTable({ accounts, viewerId, actions }: { accounts: AccountSummary[]; viewerId: string; actions: AccountActions }) {
  const { t, label } = useI18n();
  const columns = {
    email: t('accounts.column.email'),
    role: t('accounts.column.role'),
    member: t('accounts.column.member'),
    status: t('accounts.column.status'),
  };
  return (
    <TableScroll label={t('accounts.title')}>
      <table className="table table-stack" data-testid="accounts-table">
        <caption className="visually-hidden">{t('accounts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.email}</th>
            <th scope="col">{columns.role}</th>
            <th scope="col">{columns.member}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">
              <span className="visually-hidden">{t('accounts.column.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} data-testid={`account-${account.email}`}>
              <th scope="row" data-label={columns.email}>
                {account.email}
                {account.id === viewerId ? <span className="badge">{t('accounts.you')}</span> : null}
              </th>
              <td data-label={columns.role}>{label('role', account.role)}</td>
              <td data-label={columns.member}>{account.member?.name ?? ''}</td>
              <td data-label={columns.status}>
                <span className={account.disabled ? 'badge badge-muted' : 'badge badge-positive'}>
                  {t(account.disabled ? 'accounts.status.disabled' : 'accounts.status.active')}
                </span>
              </td>
              {/* One's own account is changed by another coordinator: no action on it here. */}
              <td className="actions">{account.id === viewerId ? null : <AccountButtons account={account} actions={actions} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function AccountButtons({ account, actions }: { account: AccountSummary; actions: AccountActions }) {
  const { t } = useI18n();
  const email = { email: account.email };
  return (
    <>
      {/* Each accessible name starts with the visible text, as WCAG's "label in name" asks. */}
      <button type="button" className="button button-small" aria-label={t('accounts.role.buttonLabel', email)} onClick={() => actions.onChangeRole(account)}>
        {t('accounts.role.button')}
      </button>
      {account.disabled ? (
        <button type="button" className="button button-small" aria-label={t('accounts.enable.buttonLabel', email)} onClick={() => actions.onSetDisabled(account, false)}>
          {t('accounts.enable.button')}
        </button>
      ) : (
        <button type="button" className="button button-small" aria-label={t('accounts.disable.buttonLabel', email)} onClick={() => actions.onSetDisabled(account, true)}>
          {t('accounts.disable.button')}
        </button>
      )}
      <button type="button" className="button button-small button-danger-quiet" aria-label={t('accounts.erase.buttonLabel', email)} onClick={() => actions.onErase(account)}>
        {t('accounts.erase.button')}
      </button>
    </>
  );
}
