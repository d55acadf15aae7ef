import { useId, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import type { CombinedError } from 'urql';
import { RESOURCE_KINDS } from '../../../../shared/enums.js';
import { byFrenchName } from '../../../../shared/french-order.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisToday } from '../../shared/paris-today.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { NamedSelect } from '../../shared/ui/named-select.js';
import { BookingSettingsEditor } from './booking-settings-editor.js';
import { buildSettings, newSettingsForm, type BookingSettingsForm, type SettingsProblem } from './booking-settings-form.js';
import { useOwnerMembersQuery } from './owner-members-query.js';
import { useRegisterResourceMutation } from './register-resource-mutation.js';
import { readIdentity, type IdentityForm } from './resource-identity.js';
import { useSitesQuery } from './sites-query.js';
import { ProblemsSummary, ProblemText, useProblem } from './settings-problems.js';

export interface ResourceCreateScreenProps {
  resourcesHref: string;
  /** The resource was registered: the app shows its calendar. */
  onCreated: (resourceId: string) => void;
}

/** The coordination registers a shared resource: what it is, where, at what rate, and its booking settings. */
export function ResourceCreateScreen({ resourcesHref, onCreated }: ResourceCreateScreenProps) {
  const { t } = useI18n();
  const [identity, setIdentity] = useState<IdentityForm>({ name: '', kind: 'SPACE', siteId: '', capacity: '1', hourlyRate: '', ownerMemberId: '', area: '' });
  const [settings, setSettings] = useState<BookingSettingsForm>(newSettingsForm);
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [{ fetching }, registerResource] = useRegisterResourceMutation();
  const id = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const read = readIdentity(identity);
    const built = buildSettings(settings);
    const found = [...(read.ok ? [] : read.problems), ...(built.ok ? [] : built.problems)];
    setProblems(found);
    if (!read.ok || !built.ok) return;
    const result = await registerResource({ input: { ...read.input, ...built.settings } });
    if (result.data?.registerResource) onCreated(result.data.registerResource.id);
    else if (result.error) setFailure(result.error);
  }

  return (
    <>
      <p className="breadcrumb">
        <a href={resourcesHref}>
          <span aria-hidden="true">←</span>
          {t('week.back')}
        </a>
      </p>
      <form className="form settings-form" onSubmit={handleSubmit} noValidate data-testid="resource-create-form">
        <header className="page-header">
          <h1>{t('resourceForm.title')}</h1>
          <p className="muted">{t('resourceForm.intro')}</p>
        </header>
        <IdentityFields id={id} identity={identity} onChange={setIdentity} problems={problems} />
        <BookingSettingsEditor form={settings} onChange={setSettings} problems={problems} />
        <ProblemsSummary id={`${id}-problems`} messages={problems.map((problem) => t(problem.message, problem.params))} />
        {failure ? <GraphqlErrorAlert error={failure} /> : null}
        <div className="form-actions form-actions-start">
          <button type="submit" className="button button-primary" disabled={fetching}>
            {fetching ? t('resourceForm.creating') : t('resourceForm.create')}
          </button>
        </div>
      </form>
    </>
  );
}

interface IdentityFieldsProps {
  /** Prefix of the fields' ids. */
  id: string;
  identity: IdentityForm;
  onChange: Dispatch<SetStateAction<IdentityForm>>;
  problems: readonly SettingsProblem[];
}

/** What the resource is: its name, kind, site, capacity, rate, owner and, for a space, its area. */
function IdentityFields({ id, identity, onChange, problems }: IdentityFieldsProps) {
  const { t, label } = useI18n();
  const problemFor = useProblem(problems, id);
  const set = (name: keyof IdentityForm) => (event: { target: { value: string } }) => onChange((current) => ({ ...current, [name]: event.target.value }));
  const fieldProps = (field: string) => {
    const problem = problemFor(field);
    return { 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem?.id };
  };

  return (
    <fieldset className="fieldset settings-section">
      <legend>{t('resourceForm.identity')}</legend>
      <div className="rules-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('resourceForm.name')}</label>
          <input id={`${id}-name`} type="text" maxLength={200} required value={identity.name} onChange={set('name')} {...fieldProps('name')} />
          <ProblemText problem={problemFor('name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('resourceForm.kind')}</label>
          <select id={`${id}-kind`} value={identity.kind} onChange={set('kind')}>
            {RESOURCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {label('resourceKind', kind)}
              </option>
            ))}
          </select>
        </div>
        <SiteField id={`${id}-site`} value={identity.siteId} onChange={set('siteId')} />
        <div className="field">
          <label htmlFor={`${id}-capacity`}>{t('resourceForm.capacity')}</label>
          <input id={`${id}-capacity`} type="text" inputMode="numeric" value={identity.capacity} onChange={set('capacity')} {...fieldProps('capacity')} />
          <p className="field-hint">{t('resourceForm.capacityHint')}</p>
          <ProblemText problem={problemFor('capacity')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-rate`}>{t('resourceForm.hourlyRate')}</label>
          <input id={`${id}-rate`} type="text" inputMode="decimal" placeholder="0,00" value={identity.hourlyRate} onChange={set('hourlyRate')} {...fieldProps('hourlyRate')} />
          <p className="field-hint">{t('resourceForm.hourlyRateHint')}</p>
          <ProblemText problem={problemFor('hourlyRate')} />
        </div>
        <OwnerField id={`${id}-owner`} value={identity.ownerMemberId} onChange={set('ownerMemberId')} />
        {identity.kind === 'SPACE' ? (
          <div className="field">
            <label htmlFor={`${id}-area`}>{t('resourceForm.area')}</label>
            <input id={`${id}-area`} type="text" inputMode="decimal" value={identity.area} onChange={set('area')} {...fieldProps('area')} />
            <ProblemText problem={problemFor('area')} />
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}

interface ChoiceFieldProps {
  id: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
}

/** The site the resource stands on, if any. */
function SiteField({ id, value, onChange }: ChoiceFieldProps) {
  const { t } = useI18n();
  const [{ data }] = useSitesQuery();
  return <NamedSelect id={id} label={t('resourceForm.site')} emptyOption={t('resourceForm.noSite')} choices={data?.sites ?? []} value={value} onChange={onChange} />;
}

/** The member who owns the resource, or the pôle; a member who has left cannot become an owner. */
function OwnerField({ id, value, onChange }: ChoiceFieldProps) {
  const { t } = useI18n();
  const [{ data }] = useOwnerMembersQuery();
  const today = parisToday();
  const members = byFrenchName((data?.members ?? []).filter((member) => member.leftOn === null || member.leftOn > today));
  return (
    <NamedSelect id={id} label={t('resourceForm.owner')} emptyOption={t('resources.ownerPole')} choices={members} value={value} onChange={onChange}>
      <p className="field-hint">{t('resourceForm.ownerHint')}</p>
    </NamedSelect>
  );
}
