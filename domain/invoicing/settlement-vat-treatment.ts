import { assertNever } from '../shared/errors.js';
import { VAT_EXEMPTIONS, type VatExemptionCode, type VatTreatment as SettlementTreatment } from '../../shared/vat.js';
import { type VatTreatment } from './invoice-vat.js';

/**
 * The VATEX code (CEF code list, the version @e-invoice-eu/core's and node-zugferd's lists share
 * for France) of each exemption the treasurer can set. VATEX-FR-CGI261B, -CGI261-7 and
 * -CGI261D-2 name the article itself; the franchise en base has its own, VATEX-FR-FRANCHISE.
 */
const VATEX_OF_EXEMPTION: Record<Exclude<VatExemptionCode, 'ART_293_B'>, string> = {
  ART_261_B: 'VATEX-FR-CGI261B',
  ART_261_7_1: 'VATEX-FR-CGI261-7',
  ART_261_D: 'VATEX-FR-CGI261D-2',
};

export const OUT_OF_SCOPE_MENTION = 'Opération hors du champ de la TVA';

/**
 * The franchise en base (CGI art. 293 B): a structure in VAT's scope that charges none. With a VAT
 * number it is category E with VATEX-FR-FRANCHISE, as the French CIUS has it; without one, E is
 * impossible (BR-E-02 wants the seller's VAT number), so it is O with VATEX-EU-O and the same
 * printed mention, as a structure outside the scope would be.
 */
export function franchiseTreatment(sellerHasVatNumber: boolean): VatTreatment {
  return sellerHasVatNumber
    ? { category: 'E', exemptionReason: VAT_EXEMPTIONS.ART_293_B, exemptionCode: 'VATEX-FR-FRANCHISE' }
    : { category: 'O', exemptionReason: VAT_EXEMPTIONS.ART_293_B, exemptionCode: 'VATEX-EU-O' };
}

/**
 * An invoice line's EN 16931 treatment from the settlement's. « No VAT » means two things: for a
 * pôle not subject to VAT, which re-invoices in VAT's scope (CGI art. 256) yet charges none, the
 * franchise; for a subject pôle, a line the treasurer left without VAT, outside its scope (O).
 */
export function invoiceTreatmentOf(treatment: SettlementTreatment, seller: { notSubject: boolean; hasVatNumber: boolean }): VatTreatment {
  switch (treatment.kind) {
    case 'RATE':
      return { category: 'S', ratePercent: treatment.rateBasisPoints / 100 };
    case 'EXEMPT':
      return treatment.exemption === 'ART_293_B'
        ? franchiseTreatment(seller.hasVatNumber)
        : { category: 'E', exemptionReason: VAT_EXEMPTIONS[treatment.exemption], exemptionCode: VATEX_OF_EXEMPTION[treatment.exemption] };
    case 'NONE':
      return seller.notSubject
        ? franchiseTreatment(seller.hasVatNumber)
        : { category: 'O', exemptionReason: OUT_OF_SCOPE_MENTION, exemptionCode: 'VATEX-EU-O' };
    default:
      return assertNever(treatment);
  }
}
