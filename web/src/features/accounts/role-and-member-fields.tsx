import type { Role } from '../../shared/generated/graphql.js';
import { ROLES } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { describedBy, FieldProblem } from '../../shared/ui/field-problem.js';
import type { AccountField, AccountProblem, AccountValues } from './account-form.js';

export interface FieldsProps {
  /** Prefix of the controls' ids. */
  idPrefix: string;
  values: AccountValues;
  onChange: (patch: Partial<AccountValues>) => void;
  problems: readonly AccountProblem[];
  register: (field: AccountField) => (element: HTMLInputElement | HTMLSelectElement | null) => void;
  /** The structures a MEMBER account may act for. */
  members: ReadonlyArray<{ id: string; name: string }>;
}

/** The role, and the structure for a MEMBER account (asked only then). */
export function RoleAndMemberFields({ idPrefix, values, onChange, problems, register, members }: FieldsProps) {
  const { t, label } = useI18n();
  const invalid = (field: AccountField) => (problems.some((problem) => problem.field === field) ? true : undefined);
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>{t('accounts.create.role')}</label>
        <select id={`${idPrefix}-role`} ref={register('role')} value={values.role} onChange={(event) => onChange({ role: event.target.value as Role })}>
          {ROLES.map((role) => (
            <option key={role} value={role}>{label('role', role)}</option>
          ))}
        </select>
      </div>
      {values.role === 'MEMBER' ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-memberId`}>{t('accounts.create.member')}</label>
          <select
            id={`${idPrefix}-memberId`}
            ref={register('memberId')}
            value={values.memberId}
            required
            aria-invalid={invalid('memberId')}
            aria-describedby={describedBy(idPrefix, 'memberId', problems, `${idPrefix}-memberId-hint`)}
            onChange={(event) => onChange({ memberId: event.target.value })}
          >
            <option value="">{t('accounts.create.memberChoose')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>{member.name}</option>
            ))}
          </select>
          <p id={`${idPrefix}-memberId-hint`} className="field-hint">{t('accounts.create.memberHint')}</p>
          <FieldProblem idPrefix={idPrefix} field="memberId" problems={problems} />
        </div>
      ) : null}
    </>
  );
}
