import { type DeclarationEvent } from '../../../domain/declarations/declarations.js';
import { type MemberEvent } from '../../../domain/members/member.js';
import { type CalendarEvent } from '../../../domain/reservations/calendar.js';
import { type CalendarChainEvent } from '../../../domain/reservations/calendar-chain.js';
import { type ResourceEvent } from '../../../domain/resources/resource.js';
import { type SiteEvent } from '../../../domain/sites/site.js';
import { type UsageEvent } from '../../../domain/usage/usage-entry.js';
import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { describeCalendarEvent } from './describe-calendar-events.js';
import { describeFinanceEvent, type FinanceEvent } from './describe-finance-events.js';
import {
  describeDeclarationEvent, describeMemberEvent, describeResourceEvent, describeSiteEvent, describeUsageEvent,
} from './describe-structure-events.js';
import { catalogueEntry } from './event-catalogue.js';
import { type NameBook } from './name-book.js';

/**
 * The event in one French sentence, e.g. « Coop Bâtisseurs a réservé Grande salle le 12 oct.
 * 2026 de 14 h à 18 h 30 ». Who acted, when and why are shown beside it, from the metadata.
 * An event whose data does not read as its type (written by a newer Mutua, or altered) is
 * still listed, named by its type: the history never hides an event it cannot describe.
 */
export function describeEvent(event: Pick<RecordedEvent, 'type' | 'data'>, names: NameBook): string {
  try {
    return describeKnownEvent(event, names) ?? catalogueEntry(event.type).label;
  } catch {
    return `${catalogueEntry(event.type).label} (données illisibles)`;
  }
}

function describeKnownEvent(event: Pick<RecordedEvent, 'type' | 'data'>, names: NameBook): string | undefined {
  switch (catalogueEntry(event.type).area) {
    case 'MEMBERS':
      return describeMemberEvent(event as MemberEvent, names);
    case 'SITES':
      return describeSiteEvent(event as SiteEvent);
    case 'RESOURCES':
      return describeResourceEvent(event as ResourceEvent, names);
    case 'CALENDARS':
      return describeCalendarEvent(event as CalendarEvent | CalendarChainEvent, names);
    case 'USAGE':
      return describeUsageEvent(event as UsageEvent, names);
    case 'DECLARATIONS':
      return describeDeclarationEvent(event as DeclarationEvent, names);
    case 'FINANCE':
      return describeFinanceEvent(event as FinanceEvent, names);
    case 'OTHER':
      return undefined;
  }
}
