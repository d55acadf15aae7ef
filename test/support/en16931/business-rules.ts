import { COUNTRY } from 'node-zugferd/codelist/country';
import { CURRENCY } from 'node-zugferd/codelist/currency';
import { EAS } from 'node-zugferd/codelist/eas';
import { UNIT } from 'node-zugferd/codelist/unit';
import { VATEX } from 'node-zugferd/codelist/vatex';
import { type SemanticInvoice, type SemanticLine, type SemanticVat, readInvoice } from './read-invoice.js';

/**
 * A subset of the EN 16931-1 business rules (CEN validation artefacts' identifiers), written in
 * TypeScript over the terms read back from the XML: the official Schematron (EUPL) ships in no
 * npm or Debian package, so CI cannot run it. README.md, "Invoices: formats", lists what is checked.
 */
interface Rule {
  readonly id: string;
  readonly holds: (invoice: SemanticInvoice) => boolean;
}

const codes = (list: readonly { value: string }[]) => new Set(list.map((entry) => entry.value));
const COUNTRIES = codes(COUNTRY);
const CURRENCIES = codes(CURRENCY);
const UNITS = codes(UNIT);
const VATEX_CODES = codes(VATEX);
const ENDPOINT_SCHEMES = codes(EAS);
/** UNTDID 1001, the subset EN 16931 allows for invoices and credit notes (BR-CL-01). */
const TYPE_CODES = new Set(['71', '80', '81', '82', '83', '84', '102', '130', '202', '203', '204', '211', '218', '219', '261', '262', '295', '296', '308', '325', '326', '331', '380', '381', '382', '383', '384', '385', '386', '387', '388', '389', '390', '393', '394', '395', '396', '420', '456', '457', '458', '527', '532', '553', '575', '623', '633', '751', '780', '817', '870', '875', '876', '877', '935']);
/** UNCL 5305, the subset EN 16931 allows (BR-CL-17, BR-CL-18). */
const VAT_CATEGORIES = new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']);

/** A decimal amount in cents, or NaN when it has more than two decimals (BR-DEC) or is no number. */
function cents(amount: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) return Number.NaN;
  const value = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -value : value;
}

const present = (value: string) => value.trim() !== '';
const sum = (amounts: readonly string[]) => amounts.reduce((total, amount) => total + cents(amount), 0);
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
/**
 * BR-CO-17 (and BR-S-09): VAT = base × rate / 100, rounded to two decimals, as the CEN artefacts
 * (v1.3) test it: on absolute values, within less than one unit of the currency either way, so that a
 * breakdown whose VAT is the sum of its lines' rounded VAT (Mutua's rule, see vatOfLineCents) passes.
 * That the XML carries Mutua's breakdown to the cent is the XML tests' to check, not this rule's.
 */
const vatMatches = (entry: SemanticVat) =>
  Math.abs(Math.abs(cents(entry.vat)) - Math.round((Math.abs(cents(entry.base)) * Number(entry.rate || '0')) / 100)) < 100;
const linesOf = (invoice: SemanticInvoice, category: string) => invoice.lines.filter((line) => line.category === category);
const breakdownOf = (invoice: SemanticInvoice, category: string) => invoice.breakdown.filter((entry) => entry.category === category);
const everyLine = (test: (line: SemanticLine) => boolean) => (invoice: SemanticInvoice) => invoice.lines.every(test);

/** The rules of a VAT category: BR-x-01, 02, 05 (line rate), 08 (base), 09 (VAT), 10 (exemption reason). */
function categoryRules(category: string, prefix: string, lineRate: (rate: string) => boolean, exempt: boolean): Rule[] {
  const has = (invoice: SemanticInvoice) => linesOf(invoice, category).length > 0;
  return [
    { id: `BR-${prefix}-01`, holds: (invoice) => !has(invoice) || breakdownOf(invoice, category).length > 0 },
    { id: `BR-${prefix}-02`, holds: (invoice) => !has(invoice) || (category === 'O' ? !present(invoice.seller.vatNumber) && !present(invoice.buyer.vatNumber) : present(invoice.seller.vatNumber)) },
    { id: `BR-${prefix}-05`, holds: (invoice) => linesOf(invoice, category).every((line) => lineRate(line.rate)) },
    {
      id: `BR-${prefix}-08`,
      holds: (invoice) => breakdownOf(invoice, category).every((entry) =>
        cents(entry.base) === sum(linesOf(invoice, category).filter((line) => Number(line.rate || '0') === Number(entry.rate || '0')).map((line) => line.net))),
    },
    { id: `BR-${prefix}-09`, holds: (invoice) => breakdownOf(invoice, category).every((entry) => (category === 'S' ? vatMatches(entry) : cents(entry.vat) === 0)) },
    {
      id: `BR-${prefix}-10`,
      holds: (invoice) => breakdownOf(invoice, category).every((entry) => (exempt ? present(entry.exemptionReason) || present(entry.exemptionCode) : !present(entry.exemptionReason) && !present(entry.exemptionCode))),
    },
  ];
}

const RULES: readonly Rule[] = [
  { id: 'BR-01', holds: (invoice) => present(invoice.specification) },
  { id: 'BR-02', holds: (invoice) => present(invoice.number) },
  { id: 'BR-03', holds: (invoice) => isDate(invoice.issueDate) },
  { id: 'BR-04', holds: (invoice) => present(invoice.typeCode) },
  { id: 'BR-05', holds: (invoice) => present(invoice.currency) },
  { id: 'BR-06', holds: (invoice) => present(invoice.seller.name) },
  { id: 'BR-07', holds: (invoice) => present(invoice.buyer.name) },
  { id: 'BR-09', holds: (invoice) => present(invoice.seller.countryCode) },
  { id: 'BR-11', holds: (invoice) => present(invoice.buyer.countryCode) },
  { id: 'BR-12', holds: (invoice) => present(invoice.totals.lines) },
  { id: 'BR-13', holds: (invoice) => present(invoice.totals.taxExclusive) },
  { id: 'BR-14', holds: (invoice) => present(invoice.totals.taxInclusive) },
  { id: 'BR-15', holds: (invoice) => present(invoice.totals.payable) },
  { id: 'BR-16', holds: (invoice) => invoice.lines.length > 0 },
  { id: 'BR-21', holds: everyLine((line) => present(line.id)) },
  { id: 'BR-22', holds: everyLine((line) => present(line.quantity)) },
  { id: 'BR-23', holds: everyLine((line) => present(line.unitCode)) },
  { id: 'BR-24', holds: everyLine((line) => present(line.net)) },
  { id: 'BR-25', holds: everyLine((line) => present(line.name)) },
  { id: 'BR-26', holds: everyLine((line) => present(line.price)) },
  { id: 'BR-27', holds: everyLine((line) => cents(line.price) >= 0) },
  { id: 'BR-29', holds: (invoice) => !present(invoice.periodStart) || !present(invoice.periodEnd) || invoice.periodEnd >= invoice.periodStart },
  { id: 'BR-55', holds: (invoice) => invoice.precedingInvoices.every(present) },
  { id: 'BR-CO-09', holds: (invoice) => [invoice.seller.vatNumber, invoice.buyer.vatNumber].every((vat) => !present(vat) || COUNTRIES.has(vat.slice(0, 2)) || vat.startsWith('EL')) },
  { id: 'BR-CO-10', holds: (invoice) => cents(invoice.totals.lines) === sum(invoice.lines.map((line) => line.net)) },
  { id: 'BR-CO-13', holds: (invoice) => cents(invoice.totals.taxExclusive) === cents(invoice.totals.lines) },
  { id: 'BR-CO-14', holds: (invoice) => cents(invoice.totals.vat) === sum(invoice.breakdown.map((entry) => entry.vat)) },
  { id: 'BR-CO-15', holds: (invoice) => cents(invoice.totals.taxInclusive) === cents(invoice.totals.taxExclusive) + cents(invoice.totals.vat) },
  { id: 'BR-CO-16', holds: (invoice) => cents(invoice.totals.payable) === cents(invoice.totals.taxInclusive) },
  { id: 'BR-CO-17', holds: (invoice) => invoice.breakdown.every((entry) => entry.category !== 'S' || vatMatches(entry)) },
  { id: 'BR-CO-18', holds: (invoice) => invoice.breakdown.length > 0 },
  { id: 'BR-CO-25', holds: (invoice) => cents(invoice.totals.payable) <= 0 || present(invoice.dueDate) || present(invoice.paymentTerms) },
  // Whatever the VAT category: outside the scope of VAT, where the seller's VAT number is not written (BR-O-02), its SIREN identifies it.
  { id: 'BR-CO-26', holds: (invoice) => present(invoice.seller.vatNumber) || present(invoice.seller.legalId) },
  { id: 'BR-DEC', holds: (invoice) => [...Object.values(invoice.totals), ...invoice.lines.map((line) => line.net), ...invoice.breakdown.flatMap((entry) => [entry.base, entry.vat])].every((amount) => !Number.isNaN(cents(amount))) },
  { id: 'BR-CL-01', holds: (invoice) => TYPE_CODES.has(invoice.typeCode) },
  { id: 'BR-CL-04', holds: (invoice) => CURRENCIES.has(invoice.currency) },
  { id: 'BR-CL-14', holds: (invoice) => COUNTRIES.has(invoice.seller.countryCode) && COUNTRIES.has(invoice.buyer.countryCode) },
  { id: 'BR-CL-17', holds: (invoice) => invoice.breakdown.every((entry) => VAT_CATEGORIES.has(entry.category)) },
  { id: 'BR-CL-18', holds: everyLine((line) => VAT_CATEGORIES.has(line.category)) },
  { id: 'BR-CL-22', holds: (invoice) => invoice.breakdown.every((entry) => !present(entry.exemptionCode) || VATEX_CODES.has(entry.exemptionCode.toUpperCase())) },
  { id: 'BR-CL-23', holds: everyLine((line) => UNITS.has(line.unitCode)) },
  { id: 'BR-CL-25', holds: (invoice) => [invoice.seller, invoice.buyer].every((party) => !present(party.endpointScheme) || ENDPOINT_SCHEMES.has(party.endpointScheme)) },
  ...categoryRules('S', 'S', (rate) => Number(rate) > 0, false),
  ...categoryRules('Z', 'Z', (rate) => Number(rate) === 0 && present(rate), false),
  ...categoryRules('E', 'E', (rate) => Number(rate) === 0 && present(rate), true),
  ...categoryRules('O', 'O', (rate) => !present(rate), true),
  // BR-O-11 to BR-O-14: an invoice outside the scope of VAT has no other category, on its lines or its breakdown.
  {
    id: 'BR-O-11',
    holds: (invoice) => breakdownOf(invoice, 'O').length === 0 || (invoice.breakdown.every((entry) => entry.category === 'O') && invoice.lines.every((line) => line.category === 'O')),
  },
];

/** The identifiers of the business rules checked, for the README and a test that keeps it true. */
export const CHECKED_RULES: readonly string[] = RULES.map((rule) => rule.id);

/** The rules the XML breaks, by identifier: none for a conformant invoice. */
export function brokenRules(xml: string): string[] {
  const invoice = readInvoice(xml);
  return RULES.filter((rule) => !rule.holds(invoice)).map((rule) => rule.id);
}
