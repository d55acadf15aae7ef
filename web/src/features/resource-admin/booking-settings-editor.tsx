import { useId } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import type { BookingSettingsForm, DurationRule, DurationUnit, SettingsProblem, SettingsUpdate } from './booking-settings-form.js';
import { OpeningHoursFields } from './opening-hours-fields.js';
import { ProblemText, useProblem, type Problem } from './settings-problems.js';

export interface BookingSettingsEditorProps {
  form: BookingSettingsForm;
  onChange: (update: SettingsUpdate) => void;
  /** The problems found at the last attempt to save, shown beside their fields. */
  problems: readonly SettingsProblem[];
}

/** Opening hours, booking rules and closures of a resource: the three parts of its booking settings. */
export function BookingSettingsEditor(props: BookingSettingsEditorProps) {
  return (
    <>
      <OpeningHoursFields {...props} />
      <RulesFields {...props} />
      <ClosuresFields {...props} />
    </>
  );
}

const RULE_LABELS: Record<DurationRule, { label: MessageKey; hint: MessageKey }> = {
  minDurationMinutes: { label: 'settings.rule.minDuration', hint: 'settings.rule.minDurationHint' },
  maxDurationMinutes: { label: 'settings.rule.maxDuration', hint: 'settings.rule.maxDurationHint' },
  minNoticeMinutes: { label: 'settings.rule.minNotice', hint: 'settings.rule.minNoticeHint' },
  cancellationDeadlineMinutes: { label: 'settings.rule.cancellationDeadline', hint: 'settings.rule.cancellationDeadlineHint' },
  slotGranularityMinutes: { label: 'settings.rule.granularity', hint: 'settings.rule.granularityHint' },
  bufferMinutes: { label: 'settings.rule.buffer', hint: 'settings.rule.bufferHint' },
};

const UNITS: DurationUnit[] = ['minutes', 'hours', 'days'];

function RulesFields({ form, onChange, problems }: BookingSettingsEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const problemFor = useProblem(problems, id);
  const advanceProblem = problemFor('rule-maxAdvanceDays');
  const rules: DurationRule[] = ['minDurationMinutes', 'maxDurationMinutes', 'minNoticeMinutes', 'cancellationDeadlineMinutes', 'slotGranularityMinutes', 'bufferMinutes'];
  return (
    <fieldset className="fieldset settings-section" data-testid="rules-fields">
      <legend>{t('settings.rules')}</legend>
      <div className="rules-grid">
        {rules.map((rule) => (
          <DurationRuleField key={rule} id={`${id}-${rule}`} rule={rule} field={form.durations[rule]} problem={problemFor(`rule-${rule}`)} onChange={onChange} />
        ))}
        <div className="field">
          <label htmlFor={`${id}-advance`}>{t('settings.rule.maxAdvance')}</label>
          <div className="amount-with-unit">
            <input
              id={`${id}-advance`}
              type="text"
              inputMode="numeric"
              value={form.maxAdvanceDays}
              aria-invalid={advanceProblem ? true : undefined}
              aria-describedby={[`${id}-advance-hint`, advanceProblem?.id ?? ''].filter(Boolean).join(' ')}
              onChange={(event) => onChange((current) => ({ ...current, maxAdvanceDays: event.target.value }))}
            />
            <span className="unit-suffix">{t('settings.unit.days')}</span>
          </div>
          <p id={`${id}-advance-hint`} className="field-hint">
            {t('settings.rule.maxAdvanceHint')}
          </p>
          <ProblemText problem={advanceProblem} />
        </div>
      </div>
      <div className="checkbox-field">
        <input
          id={`${id}-approval`}
          type="checkbox"
          checked={form.requiresApproval}
          aria-describedby={`${id}-approval-hint`}
          onChange={(event) => onChange((current) => ({ ...current, requiresApproval: event.target.checked }))}
        />
        <label htmlFor={`${id}-approval`}>{t('settings.rule.requiresApproval')}</label>
      </div>
      <p id={`${id}-approval-hint`} className="field-hint">
        {t('settings.rule.requiresApprovalHint')}
      </p>
    </fieldset>
  );
}

interface DurationRuleFieldProps {
  id: string;
  rule: DurationRule;
  field: BookingSettingsForm['durations'][DurationRule];
  problem: Problem;
  onChange: (update: SettingsUpdate) => void;
}

/** A rule's duration: an amount and its unit (minutes, hours or days). */
function DurationRuleField({ id, rule, field, problem, onChange }: DurationRuleFieldProps) {
  const { t } = useI18n();
  const setField = (change: Partial<typeof field>) =>
    onChange((current) => ({ ...current, durations: { ...current.durations, [rule]: { ...current.durations[rule], ...change } } }));
  return (
    <div className="field">
      <label htmlFor={id}>{t(RULE_LABELS[rule].label)}</label>
      <div className="amount-with-unit">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          value={field.amount}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[`${id}-hint`, problem?.id ?? ''].filter(Boolean).join(' ')}
          onChange={(event) => setField({ amount: event.target.value })}
        />
        <label className="visually-hidden" htmlFor={`${id}-unit`}>
          {t('settings.unitLabel', { rule: t(RULE_LABELS[rule].label) })}
        </label>
        <select id={`${id}-unit`} value={field.unit} onChange={(event) => setField({ unit: event.target.value as DurationUnit })}>
          {UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`settings.unit.${unit}`)}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {t(RULE_LABELS[rule].hint)}
      </p>
      <ProblemText problem={problem} />
    </div>
  );
}

function ClosuresFields({ form, onChange, problems }: BookingSettingsEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const problemFor = useProblem(problems, id);
  return (
    <fieldset className="fieldset settings-section" data-testid="closures-fields">
      <legend>{t('settings.closures')}</legend>
      <p className="field-hint">{t('settings.closuresHint')}</p>
      {form.closures.length === 0 ? <p className="muted">{t('settings.noClosure')}</p> : null}
      <ul className="closure-list">
        {form.closures.map((closure, index) => (
          <ClosureRow key={index} id={`${id}-${index}`} index={index} closure={closure} problem={problemFor(`closure-${index}`)} onChange={onChange} />
        ))}
      </ul>
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange((current) => ({ ...current, closures: [...current.closures, { from: '', lastDay: '', reason: '' }] }))}
      >
        {t('settings.addClosure')}
      </button>
    </fieldset>
  );
}

type Closure = BookingSettingsForm['closures'][number];

/** One closure: its first and last days, its reason, and the button that removes it. */
function ClosureRow({ id, index, closure, problem, onChange }: { id: string; index: number; closure: Closure; problem: Problem; onChange: (update: SettingsUpdate) => void }) {
  const { t } = useI18n();
  const setClosure = (change: Partial<Closure>) =>
    onChange((current) => ({ ...current, closures: current.closures.map((other, position) => (position === index ? { ...other, ...change } : other)) }));
  return (
    <li className="closure-row">
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('settings.closureFrom')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={closure.from}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem?.id}
          onChange={(event) => setClosure({ from: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-last`}>{t('settings.closureLastDay')}</label>
        <input
          id={`${id}-last`}
          type="date"
          value={closure.lastDay}
          min={closure.from || undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem?.id}
          onChange={(event) => setClosure({ lastDay: event.target.value })}
        />
      </div>
      <div className="field closure-reason">
        <label htmlFor={`${id}-reason`}>{t('settings.closureReason')}</label>
        <input
          id={`${id}-reason`}
          type="text"
          maxLength={200}
          value={closure.reason}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem?.id}
          onChange={(event) => setClosure({ reason: event.target.value })}
        />
      </div>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-label={t('settings.removeClosureLabel', { index: index + 1 })}
        onClick={() => onChange((current) => ({ ...current, closures: current.closures.filter((_, position) => position !== index) }))}
      >
        {t('settings.remove')}
      </button>
      <ProblemText problem={problem} />
    </li>
  );
}
