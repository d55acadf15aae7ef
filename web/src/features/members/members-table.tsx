import { formatDate } from '../../shared/format.js';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisToday } from '../../shared/paris-today.js';
import type { MemberSummary } from './members-query.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

/**
 * A structure as the list shows it and the coordination edits it: `joinedOn` is its first day of
 * membership, `leftOn` its first day without (null while it is a member). The list, the
 * registration and the correction spread it; the generated `MemberRowFragment` is its type.
 */
export const MemberRowFragment = graphql(`
  fragment MemberRow on Member {
    id
    name
    legalForm
    siret
    vatStatus
    joinedOn
    leftOn
  }
`);

/** What the coordination may do with a row; null for the other roles, who only read. */
export interface MemberActions {
  onAmend: (member: MemberSummary) => void;
  onLeave: (member: MemberSummary) => void;
}

/** Opens a structure's identité de facturation, for the rows `allows` (every row for the treasury and the coordination, its own for a member). */
export interface InvoicingAction {
  allows: (member: MemberSummary) => boolean;
  open: (member: MemberSummary) => void;
}

export function MembersTable({ members, actions, invoicing }: { members: MemberSummary[]; actions: MemberActions | null; invoicing: InvoicingAction | null }) {
  const { t, label, locale } = useI18n();
  const columns = {
    name: t('members.column.name'),
    legalForm: t('members.column.legalForm'),
    siret: t('members.column.siret'),
    joinedOn: t('members.column.joinedOn'),
    status: t('members.column.status'),
  };
  return (
    <TableScroll label={t('members.title')}>
      <table className="table table-stack">
        <caption className="visually-hidden">{t('members.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.legalForm}</th>
            <th scope="col">{columns.siret}</th>
            <th scope="col">{columns.joinedOn}</th>
            <th scope="col">{columns.status}</th>
            {actions || invoicing ? (
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
              <td data-label={columns.siret}>{member.siret ?? <span className="muted">{t('members.noSiret')}</span>}</td>
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
              {actions || invoicing ? <MemberActionsCell member={member} actions={actions} invoicing={invoicing} /> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function MemberActionsCell({ member, actions, invoicing }: { member: MemberSummary; actions: MemberActions | null; invoicing: InvoicingAction | null }) {
  const { t } = useI18n();
  return (
    <td className="actions">
      {/* Visible text first in each accessible name, as WCAG's "label in name" asks. */}
      {actions ? (
        <button type="button" className="button button-small" aria-label={t('members.amend.buttonLabel', { member: member.name })} onClick={() => actions.onAmend(member)}>
          {t('members.amend.button')}
        </button>
      ) : null}
      {invoicing?.allows(member) ? (
        <button type="button" className="button button-small" aria-label={t('invoicing.member.buttonLabel', { member: member.name })} onClick={() => invoicing.open(member)}>
          {t('invoicing.member.button')}
        </button>
      ) : null}
      {actions && member.leftOn === null ? (
        <button type="button" className="button button-small" aria-label={t('leave.buttonLabel', { member: member.name })} onClick={() => actions.onLeave(member)}>
          {t('leave.button')}
        </button>
      ) : null}
    </td>
  );
}
