/**
 * How long an invitation's link works: the server sets its expiry with it, the coordinator's screen
 * says it, both from this one figure.
 */
export const INVITATION_VALID_HOURS = 72;
