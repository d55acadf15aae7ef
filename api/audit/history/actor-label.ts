import { type EventMetadata } from '../../../eventstore/event-store.js';

/** Who acted, as the partner room shows it. */
export interface ActorView {
  /** The account's id as the event names it: pseudonymous, and anonymous once the person is erased. */
  userId: string;
  role: string;
  memberId: string | null;
  /** « Coordination du pôle », « Trésorerie », « Coop Bâtisseurs (structure membre) », « personne effacée — Trésorerie ». */
  label: string;
  personErased: boolean;
}

const ROLE_LABELS: Record<string, string> = {
  COORDINATOR: 'Coordination du pôle',
  TREASURER: 'Trésorerie',
  AUDITOR: 'Partenaire / auditeur',
  MEMBER: 'Structure membre',
};

/** The server's own acts (bootstrap, demo seed, a journal reopened after a crash) carry this user id. */
const SYSTEM_USER_ID = 'system';

/**
 * The actor is shown by role and structure, never by e-mail, to every reader, the coordinator
 * included. Partners and funders read this history, exports and screenshots of it circulate:
 * it must hold no personal data, and a person's role is what an audit asks about ("did the
 * treasury record this payment?"). A coordinator who needs to know which account acted has the
 * account's id here and the list of accounts in the users screen, which is theirs to manage.
 * An erased person shows as « personne effacée », with the role they acted in, which is not
 * personal data and stays meaningful.
 */
export function actorView(
  metadata: Pick<EventMetadata, 'actorUserId' | 'actorRole' | 'actorMemberId'>,
  lookups: { memberName(memberId: string): string; isErased(userId: string): boolean },
): ActorView {
  const memberId = metadata.actorMemberId ?? null;
  const roleLabel = metadata.actorUserId === SYSTEM_USER_ID
    ? 'Mutua (opération automatique)'
    : metadata.actorRole === 'MEMBER' && memberId !== null
      ? `${lookups.memberName(memberId)} (structure membre)`
      : ROLE_LABELS[metadata.actorRole] ?? metadata.actorRole;
  const personErased = metadata.actorUserId !== SYSTEM_USER_ID && lookups.isErased(metadata.actorUserId);
  return {
    userId: metadata.actorUserId,
    role: metadata.actorRole,
    memberId,
    label: personErased ? `personne effacée — ${roleLabel}` : roleLabel,
    personErased,
  };
}
