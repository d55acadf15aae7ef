import { type DeclarationEvent } from '../../../domain/declarations/declarations.js';
import { type MemberEvent } from '../../../domain/members/member.js';
import { type LegalForm } from '../../../shared/enums.js';
import { type ResourceEvent } from '../../../domain/resources/resource.js';
import { type ResourceKind } from '../../../shared/enums.js';
import { assertNever } from '../../../domain/shared/errors.js';
import { formatEuros } from '../../../shared/money.js';
import { type SiteEvent } from '../../../domain/sites/site.js';
import { type UsageEvent } from '../../../domain/usage/usage-entry.js';
import { formatFrench } from '../../../shared/icu-messages.js';
import { frenchDate, frenchNumber, frenchSlot } from '../french-text.js';
import { type NameBook } from './name-book.js';

/** Members, sites, resources, declarations and usage entries, each as one French sentence. */

/** The member's option for VAT as its mandate recorded it; a grant recorded before the option existed says nothing of it. */
function mandateVatOption(vatOnDebits: boolean | undefined): string {
  if (vatOnDebits === undefined) return '';
  return vatOnDebits ? ', avec option pour la TVA d’après les débits' : ', TVA exigible à l’encaissement';
}

export const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  ASSOCIATION: 'association', SCOP: 'SCOP', SCIC: 'SCIC', SAS: 'SAS', SARL: 'SARL', EI: 'entreprise individuelle',
  COLLECTIVITE: 'collectivité', ETABLISSEMENT_PUBLIC: 'établissement public', OTHER: 'autre forme',
};

export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  SPACE: 'espace', EQUIPMENT: 'équipement', STAFF: 'personnel partagé', SERVICE: 'service',
};

export function describeMemberEvent(event: MemberEvent, names: NameBook): string {
  switch (event.type) {
    case 'MemberRegistered':
      return `Adhésion de ${event.data.name} (${LEGAL_FORM_LABELS[event.data.legalForm]}) au pôle à compter du ${frenchDate(event.data.joinedOn)}`;
    case 'MemberAmended': {
      const { memberId, name, siret, vatStatus } = event.data;
      const facts = [name, siret === null ? 'sans SIRET' : `SIRET ${siret}`, vatStatus === 'SUBJECT' ? 'assujettie à la TVA' : 'non assujettie à la TVA'];
      return `Fiche de ${names.member(memberId)} corrigée : ${facts.join(', ')}`;
    }
    case 'MemberLeft':
      return `Départ de ${names.member(event.data.memberId)} du pôle à compter du ${frenchDate(event.data.leftOn)}`;
    case 'MemberInvoicingDetailsSet': {
      const { memberId, address, vatNumber, invoiceEmail } = event.data;
      const facts = [`${address.line}, ${address.postalCode} ${address.city} (${address.countryCode})`, vatNumber ? `TVA ${vatNumber}` : 'sans n° de TVA', ...(invoiceEmail ? [`e-mail ${invoiceEmail}`] : [])];
      return `Identité de facturation de ${names.member(memberId)} : ${facts.join(', ')}`;
    }
    case 'SelfBillingMandateGranted':
      return `Mandat d’autofacturation donné au pôle par ${names.member(event.data.memberId)} le ${frenchDate(event.data.grantedOn)}${event.data.reference ? ` (réf. ${event.data.reference})` : ''}${mandateVatOption(event.data.vatOnDebits)}`;
    case 'SelfBillingMandateRevoked':
      return `Mandat d’autofacturation de ${names.member(event.data.memberId)} révoqué le ${frenchDate(event.data.revokedOn)}`;
    default:
      return assertNever(event);
  }
}

export function describeSiteEvent(event: SiteEvent): string {
  return `Nouveau site : ${event.data.name}, ${event.data.address.replace(/\s*\n\s*/g, ', ')}`;
}

export function describeResourceEvent(event: ResourceEvent, names: NameBook): string {
  switch (event.type) {
    case 'ResourceRegistered': {
      const { name, kind, areaM2, capacity, hourlyRateCents, ownerMemberId, siteId } = event.data;
      const facts = [
        RESOURCE_KIND_LABELS[kind],
        ...(areaM2 === null ? [] : [`${frenchNumber(areaM2)} m²`]),
        ...(capacity > 1 ? [`capacité ${frenchNumber(capacity)}`] : []),
        hourlyRateCents > 0 ? `${formatEuros(hourlyRateCents)} de l’heure` : 'coûts mutualisés',
        ownerMemberId === null ? 'propriété du pôle' : `propriété de ${names.member(ownerMemberId)}`,
        ...(siteId == null ? [] : [`site : ${names.site(siteId)}`]),
      ];
      return `Nouvelle ressource partagée : ${name} (${facts.join(', ')})`;
    }
    case 'ResourceBookingSettingsChanged': {
      const { openingHours, closures } = event.data;
      return formatFrench(
        'Horaires et règles de réservation de {resource} modifiés : ' +
          '{intervals, plural, =0 {ouverte en permanence} one {# plage d’ouverture par semaine} other {# plages d’ouverture par semaine}}, ' +
          '{closures, plural, one {# fermeture} other {# fermetures}}',
        { resource: names.resource(event.data.resourceId), intervals: openingHours.length, closures: closures.length },
      );
    }
    default:
      return assertNever(event);
  }
}

export function describeDeclarationEvent(event: DeclarationEvent, names: NameBook): string {
  switch (event.type) {
    case 'OccupancyDeclared': {
      const { memberId, resourceId, areaM2, from, to } = event.data;
      const until = to === null ? '' : ` jusqu’au ${frenchDate(to)} (exclu)`;
      return `${names.member(memberId)} occupe ${names.resource(resourceId)} (${frenchNumber(areaM2)} m²) à partir du ${frenchDate(from)}${until}`;
    }
    case 'OccupancyEnded':
      return `${names.member(event.data.memberId)} n’occupe plus ${names.resource(event.data.resourceId)} à partir du ${frenchDate(event.data.to)}`;
    case 'HeadcountDeclared':
      // Headcounts are full-time equivalents (1,5 for a full-time and a half-time person): « ETP », invariable.
      return `Effectif de ${names.member(event.data.memberId)} : ${frenchNumber(event.data.headcount)} ETP à partir du ${frenchDate(event.data.from)}`;
    default:
      return assertNever(event);
  }
}

export function describeUsageEvent(event: UsageEvent, names: NameBook): string {
  switch (event.type) {
    case 'UsageRecorded': {
      const { memberId, resourceId, start, end, note } = event.data;
      return `${names.member(memberId)} a utilisé ${names.resource(resourceId)} ${frenchSlot(start, end)} (saisie d’usage${note ? ` : ${note}` : ''})`;
    }
    case 'UsageReversed': {
      const entry = names.usageEntry(event.data.entryId);
      const slot = entry ? ` ${frenchSlot(entry.start, entry.end)}` : '';
      return `Saisie d’usage de ${names.resource(event.data.resourceId)} par ${names.member(event.data.memberId)}${slot} contre-passée : ${event.data.reason}`;
    }
    default:
      return assertNever(event);
  }
}
