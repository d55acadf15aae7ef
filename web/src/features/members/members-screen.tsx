import { formatDate } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import { useMembersQuery, type MemberSummary } from './members-query.js';

export function MembersScreen() {
  const { t } = useI18n();
  const [{ data, error, fetching }, reexecute] = useMembersQuery();
  const members = [...(data?.members ?? [])].sort((left, right) => left.name.localeCompare(right.name, 'fr'));

  return (
    <>
      <header className="page-header">
        <h1>{t('members.title')}</h1>
        <p className="muted">{t('members.intro')}</p>
      </header>
      {error ? (
        <>
          <GraphqlErrorAlert error={error} />
          <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            {t('app.retry')}
          </button>
        </>
      ) : null}
      {fetching && !data ? <Loading /> : null}
      {data && members.length === 0 ? <p>{t('members.empty')}</p> : null}
      {members.length > 0 ? <MembersTable members={members} /> : null}
    </>
  );
}

function MembersTable({ members }: { members: MemberSummary[] }) {
  const { t, label, locale } = useI18n();
  const columns = {
    name: t('members.column.name'),
    legalForm: t('members.column.legalForm'),
    joinedOn: t('members.column.joinedOn'),
    status: t('members.column.status'),
  };
  return (
    <div className="table-wrapper">
      <table className="table table-stack">
        <caption className="visually-hidden">{t('members.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.legalForm}</th>
            <th scope="col">{columns.joinedOn}</th>
            <th scope="col">{columns.status}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <th scope="row" data-label={columns.name}>{member.name}</th>
              <td data-label={columns.legalForm}>{label('legalForm', member.legalForm)}</td>
              <td data-label={columns.joinedOn}>
                <time dateTime={member.joinedOn}>{formatDate(member.joinedOn, locale)}</time>
              </td>
              <td data-label={columns.status}>
                {member.leftOn ? (
                  <span className="badge badge-muted">
                    {t('members.status.left', { date: formatDate(member.leftOn, locale) })}
                  </span>
                ) : (
                  <span className="badge badge-positive">{t('members.status.active')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
