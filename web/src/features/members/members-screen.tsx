import { useState } from 'react';
import { formatDate } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisToday } from '../../shared/paris-time.js';
import { QueryStatus } from '../../shared/ui/query-status.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { LeaveMemberDialog } from './leave-member-dialog.js';
import { useMembersQuery, type MemberSummary } from './members-query.js';

export function MembersScreen({ viewer }: { viewer: Viewer }) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useMembersQuery();
  const [leaving, setLeaving] = useState<MemberSummary | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const today = parisToday();
  const members = [...(data?.members ?? [])].sort((left, right) => left.name.localeCompare(right.name, 'fr'));
  const onLeave = viewer.role === 'COORDINATOR' ? (member: MemberSummary) => {
    setAnnouncement(null);
    setLeaving(member);
  } : null;

  return (
    <>
      <header className="page-header">
        <h1>{t('members.title')}</h1>
        <p className="muted">{t('members.intro')}</p>
      </header>
      <QueryStatus fetching={fetching} hasData={Boolean(data)} error={error} reexecute={reexecute} />
      {announcement ? <StatusMessage tone="success">{announcement}</StatusMessage> : null}
      {data && members.length === 0 ? <p>{t('members.empty')}</p> : null}
      {members.length > 0 ? <MembersTable members={members} onLeave={onLeave} /> : null}
      <LeaveMemberDialog
        member={leaving}
        today={today}
        onClose={() => setLeaving(null)}
        onLeft={(member, leftOn) => {
          setLeaving(null);
          setAnnouncement(t('leave.success', { member: member.name, date: formatDate(leftOn, locale) }));
        }}
      />
    </>
  );
}

function MembersTable({ members, onLeave }: { members: MemberSummary[]; onLeave: ((member: MemberSummary) => void) | null }) {
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
            {onLeave ? (
              <th scope="col">
                <span className="visually-hidden">{t('reservations.column.actions')}</span>
              </th>
            ) : null}
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
                    {t(member.leftOn > parisToday() ? 'members.status.leaving' : 'members.status.left', { date: formatDate(member.leftOn, locale) })}
                  </span>
                ) : (
                  <span className="badge badge-positive">{t('members.status.active')}</span>
                )}
              </td>
              {onLeave ? (
                <td className="actions">
                  {member.leftOn === null ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('leave.buttonLabel', { member: member.name })}
                      onClick={() => onLeave(member)}
                    >
                      {t('leave.button')}
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
