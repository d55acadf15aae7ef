import { type Invoice } from '@e-invoice-eu/core';
import {
  INVOICE_TYPE_CODES,
  type InvoiceDocument,
  type InvoiceLine,
  type InvoiceParty,
  type VatBreakdownEntry,
} from '../../domain/invoicing/invoice-document.js';
import { decimalEuros } from '../../shared/money.js';
import { legalMentions } from './invoice-mentions.js';

type UblInvoice = Invoice['ubl:Invoice'];
type SellerParty = UblInvoice['cac:AccountingSupplierParty']['cac:Party'];
type BuyerParty = UblInvoice['cac:AccountingCustomerParty']['cac:Party'];
type UblLine = UblInvoice['cac:InvoiceLine'][number];
/** UN/ECE rec 20 codes: the domain checks their form, the library's type lists them all. */
type UnitCode = NonNullable<UblLine['cbc:InvoicedQuantity@unitCode']>;
type UblTaxCategory = NonNullable<UblInvoice['cac:TaxTotal'][number]['cac:TaxSubtotal']>[number]['cac:TaxCategory'];

const CURRENCY = 'EUR' as const;
/** EAS codes (CEF) of the electronic addresses: SIRENE, and an e-mail address. */
const SIRENE_SCHEME = '0002';
const EMAIL_SCHEME = 'EM';

/** `123456` → `1234.56`, the decimal EN 16931 amounts are written in. */
export function xmlAmount(amountCents: number): string {
  return decimalEuros(amountCents, '', '.');
}

/**
 * The net unit price (BT-146) of a line and the quantity it is for (BT-149): per unit when the
 * base divides into whole cents per unit (12 hours at 25,00 €), otherwise the whole base for the
 * whole quantity, so that quantity × price is always exactly the base without a rounded price.
 */
export function unitPriceOf(line: InvoiceLine): { priceCents: number; perQuantity: number } {
  const quantityThousandths = Math.round(line.quantity * 1000);
  const scaled = line.baseCents * 1000;
  return Number.isSafeInteger(scaled) && scaled % quantityThousandths === 0
    ? { priceCents: scaled / quantityThousandths, perQuantity: 1 }
    : { priceCents: line.baseCents, perQuantity: line.quantity };
}

/** The library's schema writes the seller's identifiers and tax schemes as lists, the buyer's as single objects. */
function party(value: InvoiceParty, vatNumberAllowed: boolean, role: 'seller' | 'buyer'): SellerParty | BuyerParty {
  const many = <T>(item: T) => (role === 'seller' ? [item] : item);
  const endpoint = value.siren === undefined
    ? { 'cbc:EndpointID': value.email ?? '', 'cbc:EndpointID@schemeID': EMAIL_SCHEME }
    : { 'cbc:EndpointID': value.siren, 'cbc:EndpointID@schemeID': SIRENE_SCHEME };
  return {
    ...endpoint,
    ...(value.siret === undefined ? {} : { 'cac:PartyIdentification': many({ 'cbc:ID': value.siret }) }),
    'cac:PostalAddress': {
      'cbc:StreetName': value.address.line,
      'cbc:CityName': value.address.city,
      'cbc:PostalZone': value.address.postalCode,
      'cac:Country': { 'cbc:IdentificationCode': value.address.countryCode },
    },
    ...(value.vatNumber === undefined || !vatNumberAllowed
      ? {}
      : { 'cac:PartyTaxScheme': many({ 'cbc:CompanyID': value.vatNumber, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }) }),
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': value.name,
      ...(value.siren === undefined ? {} : { 'cbc:CompanyID': value.siren, 'cbc:CompanyID@schemeID': SIRENE_SCHEME }),
    },
  } as SellerParty | BuyerParty;
}

function taxCategory(entry: Pick<VatBreakdownEntry, 'category' | 'ratePercent' | 'exemptionReason' | 'exemptionCode'>): UblTaxCategory {
  return {
    'cbc:ID': entry.category,
    // Outside the scope of VAT there is no rate at all (BR-O-05, BR-O-09): not even a zero one.
    ...(entry.category === 'O' ? {} : { 'cbc:Percent': String(entry.ratePercent) }),
    ...(entry.exemptionCode === undefined ? {} : { 'cbc:TaxExemptionReasonCode': entry.exemptionCode }),
    ...(entry.exemptionReason === undefined ? {} : { 'cbc:TaxExemptionReason': entry.exemptionReason }),
    'cac:TaxScheme': { 'cbc:ID': 'VAT' },
  };
}

function invoiceLine(line: InvoiceLine, index: number): UblLine {
  const { priceCents, perQuantity } = unitPriceOf(line);
  const { category } = line.vat;
  return {
    'cbc:ID': String(index + 1),
    'cbc:InvoicedQuantity': String(line.quantity),
    'cbc:InvoicedQuantity@unitCode': line.unitCode as UnitCode,
    'cbc:LineExtensionAmount': xmlAmount(line.baseCents),
    'cbc:LineExtensionAmount@currencyID': CURRENCY,
    'cac:Item': {
      'cbc:Name': line.description,
      // A line carries its category and rate only: the exemption's mention is the breakdown's (BT-120, BT-121).
      'cac:ClassifiedTaxCategory': taxCategory({ category, ratePercent: category === 'S' ? line.vat.ratePercent : 0 }),
    },
    'cac:Price': {
      'cbc:PriceAmount': xmlAmount(priceCents),
      'cbc:PriceAmount@currencyID': CURRENCY,
      ...(perQuantity === 1 ? {} : { 'cbc:BaseQuantity': String(perQuantity), 'cbc:BaseQuantity@unitCode': line.unitCode as UnitCode }),
    },
  };
}

function money(amountCents: number): { amount: string; currency: typeof CURRENCY } {
  return { amount: xmlAmount(amountCents), currency: CURRENCY };
}

function taxTotal(document: InvoiceDocument): UblInvoice['cac:TaxTotal'] {
  return [{
    'cbc:TaxAmount': money(document.totals.vatCents).amount,
    'cbc:TaxAmount@currencyID': CURRENCY,
    'cac:TaxSubtotal': document.vatBreakdown.map((entry) => ({
      'cbc:TaxableAmount': money(entry.baseCents).amount,
      'cbc:TaxableAmount@currencyID': CURRENCY,
      'cbc:TaxAmount': money(entry.vatCents).amount,
      'cbc:TaxAmount@currencyID': CURRENCY,
      'cac:TaxCategory': taxCategory(entry),
    })),
  }];
}

function monetaryTotal(document: InvoiceDocument): UblInvoice['cac:LegalMonetaryTotal'] {
  const { linesCents, totalWithVatCents } = document.totals;
  return {
    'cbc:LineExtensionAmount': xmlAmount(linesCents),
    'cbc:LineExtensionAmount@currencyID': CURRENCY,
    'cbc:TaxExclusiveAmount': xmlAmount(linesCents),
    'cbc:TaxExclusiveAmount@currencyID': CURRENCY,
    'cbc:TaxInclusiveAmount': xmlAmount(totalWithVatCents),
    'cbc:TaxInclusiveAmount@currencyID': CURRENCY,
    'cbc:PayableAmount': xmlAmount(totalWithVatCents),
    'cbc:PayableAmount@currencyID': CURRENCY,
  };
}

/**
 * The document in @e-invoice-eu/core's input format, its JSON rendering of UBL 2.1 (which the
 * library turns into UBL, into CII and into Factur-X). Outside the scope of VAT (category O) no
 * VAT number is written, the buyer's included (BR-O-02): the PDF still prints it.
 */
export function eInvoiceData(document: InvoiceDocument): Invoice {
  const outsideVat = document.vatBreakdown.some((entry) => entry.category === 'O');
  const invoice = {
    'cbc:ID': document.number,
    'cbc:IssueDate': document.issueDate,
    'cbc:DueDate': document.dueDate,
    'cbc:InvoiceTypeCode': INVOICE_TYPE_CODES[document.kind],
    // One note of one line per mention: the library writes several notes as one CII IncludedNote with several
    // Contents, which CII-SR-030 warns against.
    'cbc:Note': [legalMentions(document).join('\n')],
    'cbc:DocumentCurrencyCode': CURRENCY,
    'cac:InvoicePeriod': { 'cbc:StartDate': document.period.start, 'cbc:EndDate': document.period.end },
    ...(document.correctedInvoice === undefined ? {} : {
      'cac:BillingReference': [{
        'cac:InvoiceDocumentReference': { 'cbc:ID': document.correctedInvoice.number, 'cbc:IssueDate': document.correctedInvoice.issueDate },
      }],
    }),
    'cac:AccountingSupplierParty': { 'cac:Party': party(document.seller, !outsideVat, 'seller') as SellerParty },
    'cac:AccountingCustomerParty': { 'cac:Party': party(document.buyer, !outsideVat, 'buyer') as BuyerParty },
    // The day the service was completed (BT-72), the period's end: CII's XML Schema requires a header
    // delivery, which the library writes only when it has something to put in it.
    'cac:Delivery': { 'cbc:ActualDeliveryDate': document.period.end },
    ...(document.iban === undefined ? {} : {
      'cac:PaymentMeans': [{ 'cbc:PaymentMeansCode': '30' as const, 'cac:PayeeFinancialAccount': { 'cbc:ID': document.iban } }],
    }),
    'cac:PaymentTerms': { 'cbc:Note': document.paymentTerms },
    'cac:TaxTotal': taxTotal(document),
    'cac:LegalMonetaryTotal': monetaryTotal(document),
    // The library's type wants at least one line, which checkInvoiceDocument ensures.
    'cac:InvoiceLine': document.lines.map(invoiceLine) as [UblLine, ...UblLine[]],
  };
  return { 'ubl:Invoice': invoice };
}
