import { useEffect, useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { QueryStatus } from '../../shared/ui/query-status.js';
import type { Viewer } from '../../shared/viewer.js';
import { EraseAccountDialog, RoleDialog } from './account-dialogs.js';
import { useSetUserDisabledMutation } from './account-mutations.js';
import { useAccountsQuery, type AccountSummary } from './accounts-query.js';
import { AccountsTable, type AccountActions } from './accounts-table.js';
import { CreateAccountForm } from './create-account-form.js';

/** What the last action did, said in the status region; `at` makes a repeated message new again. */
type Outcome = { message: string; at: number } | { error: CombinedError; at: number };

/**
 * « Comptes », for the coordination: the accounts with their role, structure and state; creating
 * one; changing a role; disabling and enabling; erasing a person. Each outcome is announced in one
 * status region, which takes the focus (the button that was pressed may have gone with its row).
 */
export function AccountsScreen({ viewer }: { viewer: Viewer }) {
  const { t, label } = useI18n();
  const [{ data, error, fetching }, reexecute] = useAccountsQuery();
  const [changingRole, setChangingRole] = useState<AccountSummary | null>(null);
  const [erasing, setErasing] = useState<AccountSummary | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [, setUserDisabled] = useSetUserDisabledMutation();
  const statusRef = useRef<HTMLDivElement>(null);
  const members = (data?.members ?? []).filter((member) => member.leftOn === null);
  const say = (message: string) => setOutcome({ message, at: Date.now() });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  useEffect(() => {
    if (outcome) statusRef.current?.focus();
  }, [outcome]);

  const actions: AccountActions = {
    onChangeRole: (account) => setChangingRole(account),
    onErase: (account) => setErasing(account),
    onSetDisabled: async (account, disabled) => {
      const result = await setUserDisabled({ userId: account.id, disabled });
      if (result.error) setOutcome({ error: result.error, at: Date.now() });
      else say(t(disabled ? 'accounts.disable.success' : 'accounts.enable.success', { email: account.email }));
    },
  };

  return (
    <>
      <header className="page-header">
        <h1>{t('accounts.title')}</h1>
        <p className="muted">{t('accounts.intro')}</p>
      </header>
      <QueryStatus fetching={fetching} hasData={Boolean(data)} error={error} reexecute={reexecute} />
      <div ref={statusRef} role="status" aria-live="polite" tabIndex={-1} className={outcome && 'message' in outcome ? 'alert alert-success' : undefined} data-testid="accounts-announcement">
        {outcome && 'message' in outcome ? outcome.message : null}
      </div>
      {outcome && 'error' in outcome ? <GraphqlErrorAlert error={outcome.error} /> : null}
      {data && data.users.length === 0 ? <p>{t('accounts.empty')}</p> : null}
      {data && data.users.length > 0 ? <AccountsTable accounts={data.users} viewerId={viewer.id} actions={actions} /> : null}
      <CreateAccountForm
        members={members}
        onCreated={(account) => {
          say(t('accounts.create.success', { email: account.email }));
          refresh();
        }}
      />
      <RoleDialog
        account={changingRole}
        members={members}
        onClose={() => setChangingRole(null)}
        onChanged={(account) => {
          setChangingRole(null);
          say(t('accounts.role.success', { email: account.email, role: label('role', account.role) }));
        }}
      />
      <EraseAccountDialog
        account={erasing}
        onClose={() => setErasing(null)}
        onErased={(account) => {
          setErasing(null);
          say(t('accounts.erase.success', { email: account.email }));
          refresh();
        }}
      />
    </>
  );
}
