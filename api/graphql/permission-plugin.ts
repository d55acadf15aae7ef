import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { assertPermitted, permissionOf } from './authorization.js';
import { type GraphQLContext } from './context.js';

const ROOT_KINDS = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Enforces the permission declared with `allow()` on every root field before anything else runs,
 * argument validation included: a caller without the right learns nothing about the input it
 * sent. A root field declared without a permission fails the schema build, so no operation can
 * be added unguarded.
 */
export class PermissionPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (!ROOT_KINDS.has(fieldConfig.kind)) return fieldConfig;
    const options = fieldConfig.pothosOptions as { resolve?: unknown; subscribe?: unknown };
    const permission = permissionOf(fieldConfig.kind === 'Subscription' ? options.subscribe : options.resolve);
    if (permission === undefined) {
      throw new Error(`${fieldConfig.parentType}.${fieldConfig.name} declares no permission: wrap its resolver in allow()`);
    }
    return {
      ...fieldConfig,
      argMappers: [
        (args, context) => {
          assertPermitted(permission, context as GraphQLContext);
          return args;
        },
        ...fieldConfig.argMappers,
      ],
    };
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos registers plugins by declaration merging.
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      permission: PermissionPlugin<Types>;
    }
  }
}

export const PERMISSION_PLUGIN = 'permission' as const;
SchemaBuilder.registerPlugin(PERMISSION_PLUGIN, PermissionPlugin);
