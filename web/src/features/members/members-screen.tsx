import { useEffect, useRef, useState } from 'react';
import { formatDate } from '../../shared/format.js';
import { byFrenchName } from '../../../../shared/french-order.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisToday } from '../../shared/paris-today.js';
import { QueryStatus } from '../../shared/ui/query-status.js';
import type { Viewer } from '../../shared/viewer.js';
import { LeaveMemberDialog } from './leave-member-dialog.js';
import { MemberFormDialog, type MemberFormTarget } from './member-form-dialog.js';
import { useMembersQuery, type MemberSummary } from './members-query.js';
import { MemberInvoicingDialog } from './member-invoicing-dialog.js';
import { type InvoicingAction, MembersTable, type MemberActions } from './members-table.js';

/**
 * « Structures membres »: every role reads the list; the coordination registers a structure,
 * corrects its name, SIRET or VAT status, and records its departure. The treasury and the
 * coordination open any structure's identité de facturation, a member its own.
 */
export function MembersScreen({ viewer }: { viewer: Viewer }) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useMembersQuery();
  const [leaving, setLeaving] = useState<MemberSummary | null>(null);
  const [editing, setEditing] = useState<MemberFormTarget | null>(null);
  const [invoicingOf, setInvoicingOf] = useState<MemberSummary | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const today = parisToday();
  const members = byFrenchName(data?.members ?? []);
  const isCoordinator = viewer.role === 'COORDINATOR';
  const open = (action: () => void) => { setAnnouncement(null); action(); };
  // After a registration, a correction or a departure, the focus goes to what it did: the dialog's
  // opener may be gone (a structure that left has no departure button any more).
  useEffect(() => {
    if (announcement) statusRef.current?.focus();
  }, [announcement]);
  const actions: MemberActions | null = isCoordinator
    ? { onAmend: (member) => open(() => setEditing({ mode: 'amend', member })), onLeave: (member) => open(() => setLeaving(member)) }
    : null;
  const invoicing = invoicingActionFor(viewer, (member) => open(() => setInvoicingOf(member)));

  return (
    <>
      <header className="page-header">
        <h1>{t('members.title')}</h1>
        <p className="muted">{t('members.intro')}</p>
        {isCoordinator ? (
          <p>
            <button type="button" className="button button-primary" onClick={() => open(() => setEditing({ mode: 'register' }))}>
              {t('members.register.button')}
            </button>
          </p>
        ) : null}
      </header>
      <QueryStatus fetching={fetching} hasData={Boolean(data)} error={error} reexecute={reexecute} />
      {/* Always present, so that screen readers announce each outcome; focused once the dialog closes. */}
      <div ref={statusRef} role="status" aria-live="polite" tabIndex={-1} className={announcement ? 'alert alert-success' : undefined} data-testid="members-announcement">
        {announcement}
      </div>
      {data && members.length === 0 ? <p>{t('members.empty')}</p> : null}
      {members.length > 0 ? <MembersTable members={members} actions={actions} invoicing={invoicing} /> : null}
      <MemberFormDialog
        target={editing}
        today={today}
        onClose={() => setEditing(null)}
        onSaved={(member, mode) => {
          setEditing(null);
          setAnnouncement(mode === 'register'
            ? t('members.register.success', { member: member.name, date: formatDate(member.joinedOn, locale) })
            : t('members.amend.success', { member: member.name }));
          // A new structure is not in the cached list yet: ask for it again.
          if (mode === 'register') reexecute({ requestPolicy: 'network-only' });
        }}
      />
      <MemberInvoicingDialog member={invoicingOf} canManageMandate={viewer.role === 'TREASURER'} today={today} onClose={() => setInvoicingOf(null)} />
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

/** The treasury and the coordination open every structure's identité de facturation, a member its own; an auditor none. */
function invoicingActionFor(viewer: Viewer, open: (member: MemberSummary) => void): InvoicingAction | null {
  if (viewer.role === 'AUDITOR') return null;
  return { allows: (member) => viewer.role !== 'MEMBER' || member.id === viewer.member?.id, open };
}
