import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';

/**
 * A place of the network: a central tiers-lieu and its peripheral ones ("antennes"), each with
 * its own address. Resources belong to one site.
 */
export const siteStreamId = (siteId: string) => `site-${siteId}`;

export interface SiteFacts {
  siteId: string;
  name: string;
  /** Postal address, one line per row as written on an envelope. */
  address: string;
}

export type SiteEvent = { type: 'SiteRegistered'; data: SiteFacts };
export type SiteCommand = { type: 'RegisterSite'; data: SiteFacts };
export type SiteState = { status: 'unknown' } | ({ status: 'registered' } & SiteFacts);

export const siteDecider: Decider<SiteState, SiteCommand, SiteEvent> = {
  initialState: () => ({ status: 'unknown' }),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterSite': {
        if (state.status !== 'unknown') throw new DomainError('VALIDATION_FAILED', 'Ce site est déjà enregistré.');
        const name = command.data.name.trim();
        const address = command.data.address.trim();
        if (name.length === 0 || name.length > 200) throw new DomainError('VALIDATION_FAILED', 'Le nom du site compte de 1 à 200 caractères.');
        if (address.length === 0 || address.length > 500) throw new DomainError('VALIDATION_FAILED', 'L’adresse compte de 1 à 500 caractères.');
        return [{ type: 'SiteRegistered', data: { siteId: command.data.siteId, name, address } }];
      }
      default:
        return assertNever(command.type);
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'SiteRegistered':
        return { status: 'registered', ...event.data };
      default:
        return assertNever(event.type);
    }
  },
};
