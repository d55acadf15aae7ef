import { formatDate } from '../../shared/format.js';
import { useFormState } from '../../shared/form-state.js';
import { LEGAL_FORMS, VAT_STATUSES } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { describedBy, FieldProblem } from '../../shared/ui/field-problem.js';
import { FormActions } from '../../shared/ui/form-actions.js';
import { ModalDialog } from '../../shared/ui/modal-dialog.js';
import { checkMemberForm, MEMBER_FIELDS, memberFormFailureOf, siretOf, type MemberField, type MemberProblem, type MemberValues } from './member-form.js';
import { useAmendMemberMutation, useRegisterMemberMutation } from './member-mutations.js';
import type { MemberSummary } from './members-query.js';

/** The fields with a hint under them, which their control is described by. */
const HINTED_FIELDS: readonly MemberField[] = ['siret', 'joinedOn'];

/** Registering a new structure, or correcting one: `amend` names the structure being corrected. */
export type MemberFormTarget = { mode: 'register' } | { mode: 'amend'; member: MemberSummary };

export interface MemberFormDialogProps {
  /** The dialog is open while it is set. */
  target: MemberFormTarget | null;
  today: string;
  onClose: () => void;
  onSaved: (member: MemberSummary, mode: MemberFormTarget['mode']) => void;
}

export function MemberFormDialog({ target, ...props }: MemberFormDialogProps) {
  return (
    <ModalDialog open={target !== null} onClose={props.onClose} testId="member-form-dialog">
      {(titleId) => (target ? <MemberForm key={target.mode === 'amend' ? target.member.id : 'new'} titleId={titleId} target={target} {...props} /> : null)}
    </ModalDialog>
  );
}

function initialValues(target: MemberFormTarget, today: string): MemberValues {
  if (target.mode === 'register') return { name: '', legalForm: 'ASSOCIATION', siret: '', vatStatus: 'NOT_SUBJECT', joinedOn: today, reason: '' };
  const { name, legalForm, siret, vatStatus, joinedOn } = target.member;
  return { name, legalForm, siret: siret ?? '', vatStatus, joinedOn, reason: '' };
}

type MemberFormProps = Omit<MemberFormDialogProps, 'target'> & { titleId: string; target: MemberFormTarget };

function MemberForm({ titleId, target, today, onClose, onSaved }: MemberFormProps) {
  const { t, label, locale } = useI18n();
  const { values, setValues, failure, fetching, register, handleSubmit } = useMemberForm(target, today, onSaved);
  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const inTrouble = (name: MemberField) => problems.some((problem) => problem.field === name);
  const field: FieldBinder = (name) => ({
    id: `${titleId}-${name}`,
    ref: register(name),
    'aria-invalid': inTrouble(name) ? true : undefined,
    'aria-describedby': describedBy(titleId, name, problems, HINTED_FIELDS.includes(name) ? `${titleId}-${name}-hint` : undefined),
    value: values[name],
    // The selects offer only the enumerations' values: what they hand back is one of them.
    onChange: (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value })),
  });

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <h2 id={titleId}>{target.mode === 'register' ? t('members.register.title') : t('members.amend.title', { member: target.member.name })}</h2>
      {target.mode === 'amend' ? (
        <p className="notice small">
          {t('members.amend.fixed', { legalForm: label('legalForm', target.member.legalForm), date: formatDate(target.member.joinedOn, locale) })}
        </p>
      ) : null}
      <MemberFields mode={target.mode} titleId={titleId} field={field} problems={problems} />
      {failure?.kind === 'server' ? <GraphqlErrorAlert error={failure.error} /> : null}
      <FormActions tone="primary" busy={fetching} onCancel={onClose}
        cancelLabel={t('members.form.cancel')} submitLabel={t(target.mode === 'register' ? 'members.register.submit' : 'members.amend.submit')} busyLabel={t('members.form.submitting')} />
    </form>
  );
}

/** The form's state, registering a new structure or amending the one chosen. */
function useMemberForm(target: MemberFormTarget, today: string, onSaved: MemberFormDialogProps['onSaved']) {
  const [registering, registerMember] = useRegisterMemberMutation();
  const [amending, amendMember] = useAmendMemberMutation();
  const state = useFormState({
    initial: initialValues(target, today),
    order: MEMBER_FIELDS,
    check: (values) => checkMemberForm(values, target.mode),
    send: async (values) => {
      const common = { name: values.name.trim(), siret: siretOf(values.siret), vatStatus: values.vatStatus };
      if (target.mode === 'register') {
        const result = await registerMember({ input: { ...common, legalForm: values.legalForm, joinedOn: values.joinedOn } });
        return { data: result.data?.registerMember, error: result.error };
      }
      const result = await amendMember({ input: { ...common, memberId: target.member.id, reason: values.reason.trim() } });
      return { data: result.data?.amendMember, error: result.error };
    },
    failureOf: memberFormFailureOf,
    onSent: (saved) => onSaved(saved, target.mode),
    clearWhenSent: false,
  });
  return { ...state, fetching: registering.fetching || amending.fetching };
}

/** The props a field's control is given: its id, its value, its problem's description. */
type FieldBinder = (name: MemberField) => {
  id: string;
  ref: (element: HTMLInputElement | HTMLSelectElement | null) => void;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
};

interface MemberFieldsProps {
  mode: MemberFormTarget['mode'];
  titleId: string;
  field: FieldBinder;
  problems: readonly MemberProblem[];
}

/**
 * The name, SIRET and VAT status; the legal form and the date of joining when registering only
 * (they are not amended); the reason when correcting only.
 */
function MemberFields({ mode, titleId, field, problems }: MemberFieldsProps) {
  const { t, label } = useI18n();
  const problem = (name: MemberField) => <FieldProblem idPrefix={titleId} field={name} problems={problems} />;
  return (
    <>
      <div className="field">
        <label htmlFor={field('name').id}>{t('members.form.name')}</label>
        <input {...field('name')} type="text" maxLength={200} required autoComplete="organization" />
        {problem('name')}
      </div>
      {mode === 'register' ? (
        <div className="field">
          <label htmlFor={field('legalForm').id}>{t('members.form.legalForm')}</label>
          <select {...field('legalForm')}>
            {LEGAL_FORMS.map((form) => (
              <option key={form} value={form}>{label('legalForm', form)}</option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={field('siret').id}>{t('members.form.siret')}</label>
        <input {...field('siret')} type="text" inputMode="numeric" maxLength={20} autoComplete="off" />
        <p id={`${titleId}-siret-hint`} className="field-hint">{t('members.form.siretHint')}</p>
        {problem('siret')}
      </div>
      <div className="field">
        <label htmlFor={field('vatStatus').id}>{t('members.form.vatStatus')}</label>
        <select {...field('vatStatus')}>
          {VAT_STATUSES.map((status) => (
            <option key={status} value={status}>{t(status === 'SUBJECT' ? 'vatStatus.SUBJECT' : 'vatStatus.NOT_SUBJECT')}</option>
          ))}
        </select>
      </div>
      {mode === 'register' ? (
        <div className="field">
          <label htmlFor={field('joinedOn').id}>{t('members.form.joinedOn')}</label>
          <input {...field('joinedOn')} type="date" required />
          <p id={`${titleId}-joinedOn-hint`} className="field-hint">{t('members.form.joinedOnHint')}</p>
          {problem('joinedOn')}
        </div>
      ) : (
        <div className="field">
          <label htmlFor={field('reason').id}>{t('members.form.reason')}</label>
          <input {...field('reason')} type="text" maxLength={500} required />
          {problem('reason')}
        </div>
      )}
    </>
  );
}
