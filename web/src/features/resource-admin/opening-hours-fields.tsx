import { useId } from 'react';
import { formatWeekdayLong } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { BookingSettingsForm, SettingsProblem, SettingsUpdate } from './booking-settings-form.js';
import { ProblemText, useProblem, type Problem } from './settings-problems.js';

type Interval = BookingSettingsForm['days'][number]['intervals'][number];
type IntervalsChange = (intervals: Interval[]) => Interval[];

export interface OpeningHoursFieldsProps {
  form: BookingSettingsForm;
  onChange: (update: SettingsUpdate) => void;
  /** The problems found at the last attempt to save, shown beside their fields. */
  problems: readonly SettingsProblem[];
}

/** When a resource may be booked: at all hours, or within the intervals of each weekday. */
export function OpeningHoursFields({ form, onChange, problems }: OpeningHoursFieldsProps) {
  const { t } = useI18n();
  const id = useId();
  const problemFor = useProblem(problems, id);
  const changeIntervals = (weekday: number, change: IntervalsChange) =>
    onChange((current) => ({ ...current, days: current.days.map((day) => (day.weekday === weekday ? { ...day, intervals: change(day.intervals) } : day)) }));

  return (
    <fieldset className="fieldset settings-section" data-testid="opening-hours-fields">
      <legend>{t('settings.openingHours')}</legend>
      <AlwaysOpenChoice id={id} alwaysOpen={form.alwaysOpen} onChange={onChange} />
      {form.alwaysOpen ? null : (
        <>
          <p className="field-hint">{t('settings.midnightHint')}</p>
          <ul className="weekday-list">
            {form.days.map((day) => (
              <WeekdayHours
                key={day.weekday}
                id={`${id}-${day.weekday}`}
                weekday={day.weekday}
                intervals={day.intervals}
                problemFor={(index) => problemFor(`hours-${day.weekday}-${index}`)}
                changeIntervals={(change) => changeIntervals(day.weekday, change)}
              />
            ))}
          </ul>
          <button type="button" className="button button-small" onClick={() => onChange(copyMondayToWeekdays)}>
            {t('settings.copyMonday')}
          </button>
          <ProblemText problem={problemFor('openingHours')} />
        </>
      )}
    </fieldset>
  );
}

/** Tuesday to Friday take a copy of Monday's intervals; the weekend keeps its own. */
function copyMondayToWeekdays(current: BookingSettingsForm): BookingSettingsForm {
  const monday = current.days.find((day) => day.weekday === 1)?.intervals ?? [];
  return { ...current, days: current.days.map((day) => (day.weekday >= 2 && day.weekday <= 5 ? { ...day, intervals: monday.map((interval) => ({ ...interval })) } : day)) };
}

/** The two radio buttons: open at all hours, or by the hours below. */
function AlwaysOpenChoice({ id, alwaysOpen: chosen, onChange }: { id: string; alwaysOpen: boolean; onChange: (update: SettingsUpdate) => void }) {
  const { t } = useI18n();
  return (
    <div className="radio-row">
      {[true, false].map((alwaysOpen) => (
        <div key={String(alwaysOpen)} className="checkbox-field">
          <input
            id={`${id}-always-${alwaysOpen}`}
            type="radio"
            name={`${id}-always`}
            checked={chosen === alwaysOpen}
            onChange={() => onChange((current) => ({ ...current, alwaysOpen }))}
          />
          <label htmlFor={`${id}-always-${alwaysOpen}`}>{alwaysOpen ? t('settings.alwaysOpen') : t('settings.byHours')}</label>
        </div>
      ))}
    </div>
  );
}

interface WeekdayHoursProps {
  id: string;
  weekday: number;
  intervals: readonly Interval[];
  problemFor: (index: number) => Problem;
  changeIntervals: (change: IntervalsChange) => void;
}

/** One weekday's intervals (none: closed), and the button adding one. */
function WeekdayHours({ id, weekday, intervals, problemFor, changeIntervals }: WeekdayHoursProps) {
  const { t, locale } = useI18n();
  const dayName = formatWeekdayLong(weekday, locale);
  return (
    <li className="weekday-row">
      <span className="weekday-name">{dayName}</span>
      <div className="weekday-intervals">
        {intervals.length === 0 ? <span className="muted">{t('settings.closedDay')}</span> : null}
        {intervals.map((interval, index) => (
          <IntervalRow key={index} id={`${id}-${index}`} dayName={dayName} index={index} interval={interval} problem={problemFor(index)} changeIntervals={changeIntervals} />
        ))}
        <button type="button" className="button button-small" aria-label={t('settings.addIntervalLabel', { day: dayName })} onClick={() => changeIntervals(withOneMoreInterval)}>
          {t('settings.addInterval')}
        </button>
      </div>
    </li>
  );
}

/** A closed day opens for a working day; an open one gains an afternoon, to be adjusted. */
function withOneMoreInterval(intervals: Interval[]): Interval[] {
  return [...intervals, intervals.length === 0 ? { opens: '09:00', closes: '18:00' } : { opens: '14:00', closes: '18:00' }];
}

interface IntervalRowProps {
  id: string;
  dayName: string;
  index: number;
  interval: Interval;
  problem: Problem;
  changeIntervals: (change: IntervalsChange) => void;
}

/** One interval: when it opens and closes, and the button removing it. */
function IntervalRow({ id, dayName, index, interval, problem, changeIntervals }: IntervalRowProps) {
  const { t } = useI18n();
  const setTime = (part: 'opens' | 'closes', value: string) =>
    changeIntervals((intervals) => intervals.map((other, position) => (position === index ? { ...other, [part]: value } : other)));
  const which = { day: dayName, index: index + 1 };
  return (
    <div className="interval-row">
      <label className="visually-hidden" htmlFor={`${id}-opens`}>
        {t('settings.opensLabel', which)}
      </label>
      <input
        id={`${id}-opens`}
        type="time"
        step={300}
        value={interval.opens}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem?.id}
        onChange={(event) => setTime('opens', event.target.value)}
      />
      <span aria-hidden="true">–</span>
      <label className="visually-hidden" htmlFor={`${id}-closes`}>
        {t('settings.closesLabel', which)}
      </label>
      <input
        id={`${id}-closes`}
        type="time"
        step={300}
        value={interval.closes}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem?.id}
        onChange={(event) => setTime('closes', event.target.value)}
      />
      <button
        type="button"
        className="button button-small button-quiet"
        aria-label={t('settings.removeIntervalLabel', which)}
        onClick={() => changeIntervals((intervals) => intervals.filter((_, position) => position !== index))}
      >
        {t('settings.remove')}
      </button>
      <ProblemText problem={problem} />
    </div>
  );
}
