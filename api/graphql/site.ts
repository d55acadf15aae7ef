import { referenceRowsOf } from '../../projections/reference-rows.js';
import { type SiteView } from '../../projections/sites/sites-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { requiredText } from './input-text.js';

export const SiteRef = builder.objectRef<SiteView>('Site');

SiteRef.implement({
  description: 'A place of the network: the central tiers-lieu or one of its antennas.',
  fields: (t) => ({
    id: t.exposeID('siteId'),
    name: t.exposeString('name'),
    address: t.exposeString('address'),
  }),
});

const RegisterSiteInput = builder.inputType('RegisterSiteInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: requiredText(200) }),
    address: t.string({ required: true, validate: requiredText(500) }),
  }),
});

builder.queryFields((t) => ({
  sites: t.field({
    type: [SiteRef],
    resolve: allow('SIGNED_IN', (_parent, _args, { mutua }) => referenceRowsOf(mutua.readModels).sites.list()),
  }),
}));

builder.mutationFields((t) => ({
  registerSite: t.field({
    type: SiteRef,
    args: { input: t.arg({ type: RegisterSiteInput, required: true }) },
    resolve: allow(['COORDINATOR'], (_parent, { input }, { mutua, actor, correlationId }) =>
      mutua.commands.resources.registerSite({ actor, correlationId }, input)),
  }),
}));
