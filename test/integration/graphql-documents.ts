/** The GraphQL documents the integration tests send, as an integrator would. */
export const REGISTER_MEMBER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id name legalForm joinedOn } }`;
export const REGISTER_RESOURCE = `mutation($input: RegisterResourceInput!) { registerResource(input: $input) { id name capacity } }`;
export const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { id start end status quantity member { id } resource { id } } }`;
export const CANCEL = `mutation($input: CancelReservationInput!) { cancelReservation(input: $input) { id status cancellationReason } }`;
export const REQUEST_PASSWORD_RESET = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
export const RESET_PASSWORD = 'mutation($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }';
export const CHANGE_PASSWORD = 'mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';
export const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role member { id } } }`;
export const RESERVATIONS = `query($resourceId: ID, $from: DateTime!, $to: DateTime!) {
  reservations(resourceId: $resourceId, from: $from, to: $to) { id status member { id } }
}`;

/** A slot `daysAhead` days from now, on the hour, so that it is always in the future. */
export function futureSlot(daysAhead: number, hours = 2): { start: string; end: string } {
  const start = new Date(Date.now() + daysAhead * 86_400_000);
  start.setUTCHours(9, 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + hours * 3_600_000).toISOString() };
}
