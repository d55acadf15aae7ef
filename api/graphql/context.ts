import { type Actor } from '../auth/actor.js';
import { type Mutua } from '../mutua.js';

export interface GraphQLContext {
  mutua: Mutua;
  /** Null for an anonymous request. */
  actor: Actor | null;
  /** The bearer token as sent, for logout. */
  token: string | null;
  /** Shared by every event this request appends. */
  correlationId: string;
  /** Where this server is reached from outside, for the links it hands out (calendar feeds). */
  baseUrl: string;
  /** The client's address, as the sign-in limits count it (the socket's: no proxy header is trusted). */
  clientAddress: string;
}
