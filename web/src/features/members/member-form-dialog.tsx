import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formatDate } from '../../shared/format.js';
import { LEGAL_FORMS, VAT_STATUSES } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { ModalDialog } from '../../shared/ui/modal-dialog.js';
import {
  checkMemberForm,
  firstMemberFieldInTrouble,
  memberFormFailureOf,
  siretOf,
  type MemberField,
  type MemberFormFailure,
  type MemberValues,
} from './member-form.js';
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
  if (target.mode === 'register') return { name: '', legalForm: 'ASSOCIATION', siret: '', vatStatus: 'NOT_SUBJECT', joinedOn: today };
  const { name, legalForm, siret, vatStatus, joinedOn } = target.member;
  return { name, legalForm, siret: siret ?? '', vatStatus, joinedOn };
}

function MemberForm({ titleId, target, today, onClose, onSaved }: Omit<MemberFormDialogProps, 'target'> & { titleId: string; target: MemberFormTarget }) {
  const { t, label, locale } = useI18n();
  const [values, setValues] = useState<MemberValues>(() => initialValues(target, today));
  const [failure, setFailure] = useState<MemberFormFailure<CombinedError> | null>(null);
  const [registering, registerMember] = useRegisterMemberMutation();
  const [amending, amendMember] = useAmendMemberMutation();
  const inputs = useRef<Partial<Record<MemberField, HTMLInputElement | HTMLSelectElement | null>>>({});
  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const fetching = registering.fetching || amending.fetching;

  useEffect(() => {
    const field = firstMemberFieldInTrouble(problems);
    if (field) inputs.current[field]?.focus();
  }, [failure]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkMemberForm(values, target.mode);
    if (found.length > 0) {
      setFailure({ kind: 'fields', problems: found });
      return;
    }
    setFailure(null);
    const common = { name: values.name.trim(), siret: siretOf(values.siret), vatStatus: values.vatStatus };
    const result = target.mode === 'register'
      ? await registerMember({ input: { ...common, legalForm: values.legalForm, joinedOn: values.joinedOn } })
      : await amendMember({ input: { ...common, memberId: target.member.id } });
    const saved = result.data && ('registerMember' in result.data ? result.data.registerMember : result.data.amendMember);
    if (saved) onSaved(saved, target.mode);
    else if (result.error) setFailure(memberFormFailureOf(result.error));
  }

  const field = (name: MemberField) => {
    const problem = problems.find((candidate) => candidate.field === name);
    const problemId = `${titleId}-${name}-problem`;
    return {
      control: {
        id: `${titleId}-${name}`,
        ref: (element: HTMLInputElement | HTMLSelectElement | null) => {
          inputs.current[name] = element;
        },
        'aria-invalid': problem ? true : undefined,
        'aria-describedby': [HINTED_FIELDS.includes(name) ? `${titleId}-${name}-hint` : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined,
        value: values[name],
        // The selects offer only the enumerations' values: what they hand back is one of them.
        onChange: (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }) as MemberValues),
      },
      problem: problem ? (
        <p id={problemId} className="field-problem">
          {'serverMessage' in problem ? problem.serverMessage : t(problem.message)}
        </p>
      ) : null,
    };
  };
  const name = field('name');
  const legalForm = field('legalForm');
  const siret = field('siret');
  const vatStatus = field('vatStatus');
  const joinedOn = field('joinedOn');

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <h2 id={titleId}>{target.mode === 'register' ? t('members.register.title') : t('members.amend.title', { member: target.member.name })}</h2>
      {target.mode === 'amend' ? (
        <p className="notice small">
          {t('members.amend.fixed', { legalForm: label('legalForm', target.member.legalForm), date: formatDate(target.member.joinedOn, locale) })}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={name.control.id}>{t('members.form.name')}</label>
        <input {...name.control} type="text" maxLength={200} required autoComplete="organization" />
        {name.problem}
      </div>
      {target.mode === 'register' ? (
        <div className="field">
          <label htmlFor={legalForm.control.id}>{t('members.form.legalForm')}</label>
          <select {...legalForm.control}>
            {LEGAL_FORMS.map((form) => (
              <option key={form} value={form}>{label('legalForm', form)}</option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={siret.control.id}>{t('members.form.siret')}</label>
        <input {...siret.control} type="text" inputMode="numeric" maxLength={20} autoComplete="off" />
        <p id={`${titleId}-siret-hint`} className="field-hint">{t('members.form.siretHint')}</p>
        {siret.problem}
      </div>
      <div className="field">
        <label htmlFor={vatStatus.control.id}>{t('members.form.vatStatus')}</label>
        <select {...vatStatus.control}>
          {VAT_STATUSES.map((status) => (
            <option key={status} value={status}>{t(status === 'SUBJECT' ? 'vatStatus.SUBJECT' : 'vatStatus.NOT_SUBJECT')}</option>
          ))}
        </select>
      </div>
      {target.mode === 'register' ? (
        <div className="field">
          <label htmlFor={joinedOn.control.id}>{t('members.form.joinedOn')}</label>
          <input {...joinedOn.control} type="date" required />
          <p id={`${titleId}-joinedOn-hint`} className="field-hint">{t('members.form.joinedOnHint')}</p>
          {joinedOn.problem}
        </div>
      ) : null}
      {failure?.kind === 'server' ? <GraphqlErrorAlert error={failure.error} /> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('members.form.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={fetching}>
          {fetching ? t('members.form.submitting') : t(target.mode === 'register' ? 'members.register.submit' : 'members.amend.submit')}
        </button>
      </div>
    </form>
  );
}
