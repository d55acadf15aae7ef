import { formatMoneyCents, formatWeekdayShort } from '../../shared/format.js';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { describeBookingRules } from './booking-rules-summary.js';
import { summarizeOpeningHours } from './opening-hours-summary.js';
import { closureSentence } from './refusal-explanation.js';
import type { BookableResource } from './resource-query.js';
import type { OpeningHours } from '../../../../shared/booking-rules.js';

/**
 * A resource as the calendars and the reservation form need it: what these facts show, plus
 * what the form checks before sending. Rules are in minutes; `maxAdvanceDays` is how far ahead a
 * reservation may start; starts and ends fall on multiples of `slotGranularityMinutes` after
 * midnight, Paris time; closures are dates `[from, to)` on which it cannot be booked.
 */
export const BookableResourceFragment = graphql(`
  fragment BookableResource on Resource {
    id
    name
    kind
    capacity
    hourlyRateCents
    areaM2
    owner {
      id
      name
    }
    openingHours {
      weekday
      opens
      closes
    }
    rules { ...BookingRulesFields }
    closures {
      from
      to
      reason
    }
    site {
      id
      name
    }
  }
`);

/** What a member checks before reserving: kind, capacity, price, owner, opening hours, rules, closures. */
export function ResourceFacts({ resource, today }: { resource: BookableResource; today: string }) {
  const { t, label, locale } = useI18n();
  const area = resource.areaM2;
  const closures = resource.closures.filter((closure) => closure.to > today).sort((left, right) => left.from.localeCompare(right.from));
  return (
    <dl className="facts" aria-label={t('resource.details')}>
      <div>
        <dt>{t('resource.kind')}</dt>
        <dd>{label('resourceKind', resource.kind)}</dd>
      </div>
      <div>
        <dt>{t('resource.capacity')}</dt>
        <dd>
          {resource.capacity === 1
            ? t('resource.capacityExclusive')
            : t('resource.capacityShared', { count: resource.capacity })}
        </dd>
      </div>
      <div>
        <dt>{t('resource.hourlyRate')}</dt>
        <dd>
          {resource.hourlyRateCents === 0
            ? t('resources.pooled')
            : t('resources.hourlyRate', { amount: formatMoneyCents(resource.hourlyRateCents, locale) })}
        </dd>
      </div>
      {resource.site ? (
        <div>
          <dt>{t('resource.site')}</dt>
          <dd>{resource.site.name}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('resource.owner')}</dt>
        <dd>{resource.owner?.name ?? t('resources.ownerPole')}</dd>
      </div>
      {typeof area === 'number' ? (
        <div>
          <dt>{t('resource.area')}</dt>
          <dd>{t('resource.areaValue', { area })}</dd>
        </div>
      ) : null}
      <div className="facts-wide">
        <dt>{t('resource.openingHours')}</dt>
        <dd>
          <OpeningHoursText openingHours={resource.openingHours} />
        </dd>
      </div>
      <div className="facts-wide">
        <dt>{t('resource.rules')}</dt>
        <dd>
          <ul className="rules-list" data-testid="booking-rules">
            {describeBookingRules(resource.rules, resource.owner !== null, t, locale).map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </dd>
      </div>
      {closures.length > 0 ? <ClosuresFact resourceName={resource.name} closures={closures} /> : null}
    </dl>
  );
}

/** The closures still to come, one sentence each. */
function ClosuresFact({ resourceName, closures }: { resourceName: string; closures: BookableResource['closures'] }) {
  const { t, locale } = useI18n();
  return (
    <div className="facts-wide">
      <dt>{t('resource.closures')}</dt>
      <dd>
        <ul className="rules-list">
          {closures.map((closure) => (
            <li key={closure.from}>{closureSentence(resourceName, closure, t, locale)}</li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

function OpeningHoursText({ openingHours }: { openingHours: readonly OpeningHours[] }) {
  const { t, locale } = useI18n();
  const groups = summarizeOpeningHours(openingHours);
  if (groups.length === 0) return <>{t('resource.alwaysOpen')}</>;
  return (
    <ul className="inline-list">
      {groups.map((group) => {
        const first = formatWeekdayShort(group.firstWeekday, locale);
        const last = formatWeekdayShort(group.lastWeekday, locale);
        const days = group.firstWeekday === group.lastWeekday ? first : t('openingHours.dayRange', { first, last });
        const hours = group.intervals
          .map(([opens, closes]) => t('openingHours.interval', { opens, closes }))
          .join(t('openingHours.intervalSeparator'));
        return <li key={group.firstWeekday}>{t('openingHours.dayGroup', { days, hours })}</li>;
      })}
    </ul>
  );
}
