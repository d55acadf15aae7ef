import { graphql } from './generated/index.js';

/**
 * Every booking rule of a resource, as the reservation form checks them and the settings screen
 * edits them: both spread this fragment, so that a rule added to the schema reaches both.
 */
export const BookingRulesFragment = graphql(`
  fragment BookingRulesFields on BookingRules {
    minDurationMinutes
    maxDurationMinutes
    minNoticeMinutes
    maxAdvanceDays
    cancellationDeadlineMinutes
    slotGranularityMinutes
    bufferMinutes
    requiresApproval
  }
`);
