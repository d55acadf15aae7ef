import { type GraphQLFieldResolver } from 'graphql';
import { type Actor } from '../auth/actor.js';
import { type Role } from '../../shared/enums.js';
import { type GraphQLContext } from './context.js';
import { forbidden, rethrowingExpectedFailuresWithTheirCode, unauthenticated } from './errors.js';

/** Who may call a field: anyone, any signed-in user, or the listed roles. */
export type Permission = 'ANYONE' | 'SIGNED_IN' | readonly Role[];

export type AuthorizedContext = GraphQLContext & { actor: Actor };

/**
 * Declares a field's permission next to its resolver. Fields that a member may call for its own
 * structure only check that structure inside the command (see `assertActsFor`).
 */
export function allow<Parent, Args, Result>(
  permission: 'ANYONE',
  resolve: (parent: Parent, args: Args, context: GraphQLContext) => Result,
): GraphQLFieldResolver<Parent, GraphQLContext, Args, Result>;
export function allow<Parent, Args, Result>(
  permission: 'SIGNED_IN' | readonly Role[],
  resolve: (parent: Parent, args: Args, context: AuthorizedContext) => Result,
): GraphQLFieldResolver<Parent, GraphQLContext, Args, Result>;
export function allow<Parent, Args, Result>(
  permission: Permission,
  resolve: (parent: Parent, args: Args, context: AuthorizedContext) => Result,
): GraphQLFieldResolver<Parent, GraphQLContext, Args, Result> {
  const guarded: GraphQLFieldResolver<Parent, GraphQLContext, Args, Result> = (parent, args, context) => {
    // The permission plugin has checked already, before validation; this keeps the type narrowing honest.
    assertPermitted(permission, context);
    return rethrowingExpectedFailuresWithTheirCode(() => resolve(parent, args, context as AuthorizedContext));
  };
  return Object.assign(guarded, { [PERMISSION]: permission });
}

const PERMISSION = Symbol('permission');

/** The permission `allow()` attached to a resolver, if any. */
export function permissionOf(resolver: unknown): Permission | undefined {
  return typeof resolver === 'function' ? (resolver as { [PERMISSION]?: Permission })[PERMISSION] : undefined;
}

export function assertPermitted(permission: Permission, context: GraphQLContext): void {
  if (permission === 'ANYONE') return;
  if (!context.actor) throw unauthenticated();
  if (permission !== 'SIGNED_IN' && !permission.includes(context.actor.role)) throw forbidden();
}
