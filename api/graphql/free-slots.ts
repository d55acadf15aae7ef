import { z } from 'zod';
import { findFreeSlots } from '../../domain/reservations/free-slots.js';
import { DomainError } from '../../domain/shared/errors.js';
import { currentReservations } from '../../projections/calendars/kept-reservations.js';
import { findResources, type ResourceView } from '../../projections/resources/resources-projection.js';
import { allow } from './authorization.js';
import { builder } from './builder.js';
import { ResourceRef } from './resource.js';
import { compareFrench } from '../../shared/french-order.js';

interface FreeSlot {
  resource: ResourceView;
  start: Date;
  end: Date;
}

const FreeSlotRef = builder.objectRef<FreeSlot>('FreeSlot');
FreeSlotRef.implement({
  description: 'A slot a reservation could take now, honouring every rule of its resource.',
  fields: (t) => ({
    resource: t.field({ type: ResourceRef, resolve: (slot) => slot.resource }),
    start: t.field({ type: 'DateTime', resolve: (slot) => slot.start }),
    end: t.field({ type: 'DateTime', resolve: (slot) => slot.end }),
  }),
});

const MAX_RESOURCES = 50;
const MAX_RANGE_DAYS = 92;
const MAX_SLOTS = 500;

builder.queryFields((t) => ({
  freeSlots: t.field({
    type: [FreeSlotRef],
    description: 'Free slots of the given resources over [from, to), earliest first: the first one is the "first free slot".',
    args: {
      resourceIds: t.arg.idList({ required: true, validate: z.array(z.unknown()).min(1).max(MAX_RESOURCES) }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      durationMinutes: t.arg.int({ required: true, validate: z.number().int().min(1).max(366 * 24 * 60) }),
      quantity: t.arg.int({ required: false, validate: z.number().int().min(1).max(10_000).nullish() }),
      limit: t.arg.int({ required: false, validate: z.number().int().min(1).max(MAX_SLOTS).nullish() }),
    },
    resolve: allow('SIGNED_IN', async (_parent, args, { mutua }) => {
      const rangeDays = (args.to.getTime() - args.from.getTime()) / 86_400_000;
      if (!(rangeDays > 0 && rangeDays <= MAX_RANGE_DAYS)) throw new DomainError('VALIDATION_FAILED', `La recherche couvre au plus ${MAX_RANGE_DAYS} jours.`);
      const resources = await findResources(mutua.readModels.db, args.resourceIds.map(String));
      const limit = args.limit ?? 50;
      const now = mutua.clock();
      const slotsByResource = await Promise.all(args.resourceIds.map(String).map(async (resourceId) => {
        const resource = resources.get(resourceId);
        if (!resource) throw new DomainError('NOT_FOUND', 'Ressource introuvable.');
        const booked = (await currentReservations(mutua.readModels, { resourceId, from: args.from, to: args.to }))
          .filter((reservation) => reservation.status === 'CONFIRMED' || reservation.status === 'REQUESTED');
        return findFreeSlots({
          resource, booked, from: args.from, to: args.to, durationMinutes: args.durationMinutes, quantity: args.quantity ?? 1, now, limit,
        }).map((slot) => ({ ...slot, resource }));
      }));
      const slots = slotsByResource.flat();
      return slots.sort((a, b) => a.start.getTime() - b.start.getTime() || compareFrench(a.resource.name, b.resource.name)).slice(0, limit);
    }),
  }),
}));
