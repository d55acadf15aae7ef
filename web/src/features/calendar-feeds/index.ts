export { CalendarFeedsSection, type FeedTarget } from './calendar-feeds-section.js';
