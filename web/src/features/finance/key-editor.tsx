import { formatDate } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { KeyDraft } from './allocation-key-input.js';
import { ALLOCATION_KEY_KINDS, type AllocationKeyKind, type NamedRef } from './finance-types.js';

const SIMPLE_KINDS = ALLOCATION_KEY_KINDS.filter((kind) => kind !== 'COMPOSITE');

/** The fields of an allocation key: its kind, the members' weights (fixed shares), the parts' percents (composite), the linked resources (usage). */
export function KeyEditor({ draft, onChange, members, resources, resourceIds, onResourcesChange, idPrefix }: {
  draft: KeyDraft;
  onChange: (draft: KeyDraft) => void;
  /** A structure with a departure recorded is named with it: its fixed share still weighs after it. */
  members: (NamedRef & { leftOn: string | null })[];
  resources: NamedRef[];
  resourceIds: string[];
  onResourcesChange: (ids: string[]) => void;
  idPrefix: string;
}) {
  const { t, locale } = useI18n();
  const usesShares = draft.kind === 'FIXED_SHARES' || (draft.kind === 'COMPOSITE' && (draft.percents.FIXED_SHARES ?? '') !== '');
  const usesUsage = draft.kind === 'USAGE' || (draft.kind === 'COMPOSITE' && (draft.percents.USAGE ?? '') !== '');
  return (
    <>
      <label className="field">
        <span>{t('finance.pool.key')}</span>
        <select value={draft.kind} onChange={(event) => onChange({ ...draft, kind: event.target.value as AllocationKeyKind })} id={`${idPrefix}-kind`}>
          {ALLOCATION_KEY_KINDS.map((kind) => <option key={kind} value={kind}>{t(`finance.keyKind.${kind}`)}</option>)}
        </select>
      </label>
      {draft.kind === 'COMPOSITE' ? (
        <fieldset className="fieldset">
          <legend>{t('finance.pool.parts')}</legend>
          {SIMPLE_KINDS.map((kind) => (
            <label className="field" key={kind}>
              <span>{t('finance.pool.partPercent', { kind: t(`finance.keyKind.${kind}`) })}</span>
              <input inputMode="decimal" value={draft.percents[kind] ?? ''} onChange={(event) => onChange({ ...draft, percents: { ...draft.percents, [kind]: event.target.value } })} />
            </label>
          ))}
        </fieldset>
      ) : null}
      {usesShares ? (
        <fieldset className="fieldset">
          <legend>{t('finance.pool.shares')}</legend>
          {members.some((member) => member.leftOn !== null) ? <p className="muted small">{t('finance.pool.sharesAfterLeaving')}</p> : null}
          {members.map((member) => (
            <label className="field" key={member.id}>
              <span>{member.leftOn === null ? member.name : t('finance.pool.memberLeaving', { member: member.name, date: formatDate(member.leftOn, locale) })}</span>
              <input inputMode="decimal" value={draft.weights[member.id] ?? ''} onChange={(event) => onChange({ ...draft, weights: { ...draft.weights, [member.id]: event.target.value } })} />
            </label>
          ))}
        </fieldset>
      ) : null}
      {usesUsage ? (
        <fieldset className="fieldset">
          <legend>{t('finance.pool.resources')}</legend>
          {resources.length === 0 ? <p className="muted">{t('finance.pool.noResources')}</p> : null}
          {resources.map((resource) => (
            <label className="checkbox-field" key={resource.id}>
              <input
                type="checkbox"
                checked={resourceIds.includes(resource.id)}
                onChange={(event) => onResourcesChange(event.target.checked ? [...resourceIds, resource.id] : resourceIds.filter((id) => id !== resource.id))}
              />
              {resource.name}
            </label>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}
