import { type Actor } from '../auth/actor.js';
import { type Mutua } from '../mutua.js';
import { type RowLookups } from './row-lookups.js';

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
  /** Members, resources and sites by id, one batched query per kind for the whole request. */
  rows: RowLookups;
  /** The client's address, as the sign-in limits count it (the socket's: no proxy header is trusted). */
  clientAddress: string;
  /** The highest log position the client has seen (Mutua-Wait-For-Position), waited for before executing; -1 without one. */
  positionSeen: number;
  /**
   * Set as a query or a live update begins executing (`readYourWrites`): the log position its
   * answer reflects at least, the read models' at that moment, which Mutua-Position then tells.
   * Unset for a mutation, whose answer tells, as it leaves, the position of what it recorded. A
   * box, shared with the context yoga's plugins see (a copy of this object's fields).
   */
  answerReflects: { position?: number };
  /** Aborted when the server begins to stop (`graceful-stop.ts`): live streams end on it. */
  serverStopping: AbortSignal;
}

/** Who sent a GraphQL request: the bearer token as sent, and the user it authenticates. */
export interface Caller {
  /** Null when no token was sent, or when it was refused (`refusal`). */
  actor: Actor | null;
  token: string | null;
  /** Why the token was refused (unknown, expired, revoked, account disabled): the request is answered with it. */
  refusal?: unknown;
}

/**
 * Whether a request was sent by a signed-in user, from the context yoga hands its hooks. The
 * caller is set there when the request's parameters arrive (`server.ts`), before its document is
 * validated, and so before yoga builds the full context: an undecided caller counts as anonymous.
 */
export function isSignedIn(context: unknown): boolean {
  return Boolean((context as { caller?: Caller } | null)?.caller?.actor);
}
