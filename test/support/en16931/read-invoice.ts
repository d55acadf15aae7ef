import fontoxpath, { type Node as XPathNode } from 'fontoxpath';
import { parseXmlDocument } from 'slimdom';

// fontoxpath is a CommonJS bundle whose names Node's ESM loader cannot see: only its default export.
const { evaluateXPathToNodes, evaluateXPathToString } = fontoxpath;

/**
 * What an EN 16931 invoice says, read back from its XML by the business terms' paths in each
 * syntax (UBL 2.1, CII D16B), independently of the code that wrote it: the business rules are then
 * checked on these terms once for both syntaxes. Amounts stay the decimal strings the XML has.
 */
export interface SemanticInvoice {
  readonly syntax: 'UBL' | 'CII';
  readonly specification: string;
  readonly number: string;
  readonly issueDate: string;
  readonly typeCode: string;
  readonly currency: string;
  readonly dueDate: string;
  readonly paymentTerms: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly precedingInvoices: readonly string[];
  readonly seller: SemanticParty;
  readonly buyer: SemanticParty;
  readonly lines: readonly SemanticLine[];
  readonly breakdown: readonly SemanticVat[];
  readonly totals: { readonly lines: string; readonly taxExclusive: string; readonly vat: string; readonly taxInclusive: string; readonly payable: string };
}

export interface SemanticParty {
  readonly name: string;
  readonly countryCode: string;
  readonly vatNumber: string;
  readonly legalId: string;
  readonly endpointScheme: string;
}

export interface SemanticLine {
  readonly id: string;
  readonly quantity: string;
  readonly unitCode: string;
  readonly net: string;
  readonly name: string;
  readonly price: string;
  readonly category: string;
  readonly rate: string;
}

export interface SemanticVat {
  readonly category: string;
  readonly rate: string;
  readonly base: string;
  readonly vat: string;
  readonly exemptionReason: string;
  readonly exemptionCode: string;
}

const NAMESPACES: Record<string, string> = {
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};
const options = { namespaceResolver: (prefix: string | null) => (prefix === null ? null : NAMESPACES[prefix] ?? null) };

type Reader = (path: string) => string;
const readerAt = (context: XPathNode): Reader => (path) => evaluateXPathToString(`string-join((${path}) ! normalize-space(.), ' ')`, context, null, {}, options);
const nodesAt = (context: XPathNode, path: string) => evaluateXPathToNodes(path, context, null, {}, options);

/** A CII date `20260202` (format 102) as `2026-02-02`; anything else as it is, for the rules to refuse. */
const ciiDate = (value: string) => (/^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : value);

function ublParty(read: Reader): SemanticParty {
  return {
    name: read('cac:PartyLegalEntity/cbc:RegistrationName'),
    countryCode: read('cac:PostalAddress/cac:Country/cbc:IdentificationCode'),
    vatNumber: read("cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID"),
    legalId: read('cac:PartyLegalEntity/cbc:CompanyID'),
    endpointScheme: read('cbc:EndpointID/@schemeID'),
  };
}

function readUbl(root: XPathNode): SemanticInvoice {
  const read = readerAt(root);
  const party = (path: string) => ublParty(readerAt(nodesAt(root, path)[0] ?? root));
  return {
    syntax: 'UBL',
    specification: read('cbc:CustomizationID'),
    number: read('cbc:ID'),
    issueDate: read('cbc:IssueDate'),
    typeCode: read('cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode'),
    currency: read('cbc:DocumentCurrencyCode'),
    dueDate: read('cbc:DueDate | cac:PaymentMeans/cbc:PaymentDueDate'),
    paymentTerms: read('cac:PaymentTerms/cbc:Note'),
    periodStart: read('cac:InvoicePeriod/cbc:StartDate'),
    periodEnd: read('cac:InvoicePeriod/cbc:EndDate'),
    precedingInvoices: nodesAt(root, 'cac:BillingReference/cac:InvoiceDocumentReference').map((node) => readerAt(node)('cbc:ID')),
    seller: party('cac:AccountingSupplierParty/cac:Party'),
    buyer: party('cac:AccountingCustomerParty/cac:Party'),
    lines: nodesAt(root, 'cac:InvoiceLine | cac:CreditNoteLine').map((node) => {
      const line = readerAt(node);
      return {
        id: line('cbc:ID'),
        quantity: line('cbc:InvoicedQuantity | cbc:CreditedQuantity'),
        unitCode: line('(cbc:InvoicedQuantity | cbc:CreditedQuantity)/@unitCode'),
        net: line('cbc:LineExtensionAmount'),
        name: line('cac:Item/cbc:Name'),
        price: line('cac:Price/cbc:PriceAmount'),
        category: line('cac:Item/cac:ClassifiedTaxCategory/cbc:ID'),
        rate: line('cac:Item/cac:ClassifiedTaxCategory/cbc:Percent'),
      };
    }),
    breakdown: nodesAt(root, 'cac:TaxTotal/cac:TaxSubtotal').map((node) => {
      const vat = readerAt(node);
      return {
        category: vat('cac:TaxCategory/cbc:ID'),
        rate: vat('cac:TaxCategory/cbc:Percent'),
        base: vat('cbc:TaxableAmount'),
        vat: vat('cbc:TaxAmount'),
        exemptionReason: vat('cac:TaxCategory/cbc:TaxExemptionReason'),
        exemptionCode: vat('cac:TaxCategory/cbc:TaxExemptionReasonCode'),
      };
    }),
    totals: {
      lines: read('cac:LegalMonetaryTotal/cbc:LineExtensionAmount'),
      taxExclusive: read('cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount'),
      vat: read('cac:TaxTotal/cbc:TaxAmount'),
      taxInclusive: read('cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount'),
      payable: read('cac:LegalMonetaryTotal/cbc:PayableAmount'),
    },
  };
}

function ciiParty(read: Reader): SemanticParty {
  return {
    name: read('ram:Name'),
    countryCode: read('ram:PostalTradeAddress/ram:CountryID'),
    vatNumber: read("ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']"),
    legalId: read('ram:SpecifiedLegalOrganization/ram:ID'),
    endpointScheme: read('ram:URIUniversalCommunication/ram:URIID/@schemeID'),
  };
}

function readCii(root: XPathNode): SemanticInvoice {
  const read = readerAt(root);
  const transaction = 'rsm:SupplyChainTradeTransaction';
  const settlement = `${transaction}/ram:ApplicableHeaderTradeSettlement`;
  const party = (path: string) => ciiParty(readerAt(nodesAt(root, path)[0] ?? root));
  const sum = `${settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation`;
  return {
    syntax: 'CII',
    specification: read('rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID'),
    number: read('rsm:ExchangedDocument/ram:ID'),
    issueDate: ciiDate(read('rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString')),
    typeCode: read('rsm:ExchangedDocument/ram:TypeCode'),
    currency: read(`${settlement}/ram:InvoiceCurrencyCode`),
    dueDate: ciiDate(read(`${settlement}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString`)),
    paymentTerms: read(`${settlement}/ram:SpecifiedTradePaymentTerms/ram:Description`),
    periodStart: ciiDate(read(`${settlement}/ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString`)),
    periodEnd: ciiDate(read(`${settlement}/ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString`)),
    precedingInvoices: nodesAt(root, `${settlement}/ram:InvoiceReferencedDocument`).map((node) => readerAt(node)('ram:IssuerAssignedID')),
    seller: party(`${transaction}/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty`),
    buyer: party(`${transaction}/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty`),
    lines: nodesAt(root, `${transaction}/ram:IncludedSupplyChainTradeLineItem`).map((node) => {
      const line = readerAt(node);
      return {
        id: line('ram:AssociatedDocumentLineDocument/ram:LineID'),
        quantity: line('ram:SpecifiedLineTradeDelivery/ram:BilledQuantity'),
        unitCode: line('ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode'),
        net: line('ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount'),
        name: line('ram:SpecifiedTradeProduct/ram:Name'),
        price: line('ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount'),
        category: line('ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode'),
        rate: line('ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent'),
      };
    }),
    breakdown: nodesAt(root, `${settlement}/ram:ApplicableTradeTax`).map((node) => {
      const vat = readerAt(node);
      return {
        category: vat('ram:CategoryCode'),
        rate: vat('ram:RateApplicablePercent'),
        base: vat('ram:BasisAmount'),
        vat: vat('ram:CalculatedAmount'),
        exemptionReason: vat('ram:ExemptionReason'),
        exemptionCode: vat('ram:ExemptionReasonCode'),
      };
    }),
    totals: {
      lines: read(`${sum}/ram:LineTotalAmount`),
      taxExclusive: read(`${sum}/ram:TaxBasisTotalAmount`),
      vat: read(`${sum}/ram:TaxTotalAmount`),
      taxInclusive: read(`${sum}/ram:GrandTotalAmount`),
      payable: read(`${sum}/ram:DuePayableAmount`),
    },
  };
}

/** Reads a UBL Invoice or CreditNote, or a CII CrossIndustryInvoice, by its root element. */
export function readInvoice(xml: string): SemanticInvoice {
  const document = parseXmlDocument(xml);
  const root = document.documentElement;
  if (root === null) throw new Error('The XML has no root element');
  return root.namespaceURI === NAMESPACES.rsm ? readCii(root) : readUbl(root);
}
