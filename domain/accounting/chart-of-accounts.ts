import { DomainError } from '../shared/errors.js';

/**
 * The accounts Mutua posts to, close to the French plan comptable général (PCG, as amended by
 * règlement ANC n° 2022-06: no more class 79 "transferts de charges", so re-invoiced costs are
 * income of class 708). Members are third parties of the collective account 411, each with its
 * own auxiliary account, so that the auxiliary balance of a member is its Mutua balance.
 */
export const ACCOUNTS = {
  suppliers: { number: '401000', label: 'Fournisseurs' },
  memberReceivables: { number: '411000', label: 'Membres — comptes courants de refacturation' },
  bank: { number: '512000', label: 'Banque' },
  /** VAT the pôle charges the members on what it re-invoices (PCG 44571). */
  vatCollected: { number: '445710', label: 'TVA collectée' },
  /** VAT on the pôle's costs that it deducts, when it is subject to VAT (PCG 44566). */
  vatDeductible: { number: '445660', label: 'TVA déductible sur autres biens et services' },
  services: { number: '706000', label: 'Prestations de services (mise à disposition de ressources)' },
  staffReinvoiced: { number: '708400', label: 'Mise à disposition de personnel facturée' },
  rentReinvoiced: { number: '708300', label: 'Locations diverses refacturées' },
  costsReinvoiced: { number: '708800', label: 'Autres produits d’activités annexes (charges mutualisées refacturées)' },
} as const;

/** The default expense account of a pool whose treasurer named none: "Divers". */
export const DEFAULT_EXPENSE_ACCOUNT = '628000';

/** Labels of the expense accounts a pôle's pools commonly use; others read "Charges" plus their number. */
const EXPENSE_ACCOUNT_LABELS: Record<string, string> = {
  '604000': 'Achats d’études et prestations de services',
  '606100': 'Fournitures non stockables (eau, énergie)',
  '606300': 'Fournitures d’entretien et de petit équipement',
  '606400': 'Fournitures administratives',
  '611000': 'Sous-traitance générale',
  '613200': 'Locations immobilières',
  '613500': 'Locations mobilières',
  '614000': 'Charges locatives et de copropriété',
  '615000': 'Entretien et réparations',
  '616000': 'Primes d’assurances',
  '618100': 'Documentation générale',
  '621100': 'Personnel intérimaire',
  '621400': 'Personnel détaché ou prêté à l’entreprise',
  '622600': 'Honoraires',
  '623000': 'Publicité, publications, relations publiques',
  '625100': 'Voyages et déplacements',
  '626000': 'Frais postaux et de télécommunications',
  '627000': 'Services bancaires et assimilés',
  '628000': 'Divers',
  '641000': 'Rémunérations du personnel',
  '645000': 'Charges de sécurité sociale et de prévoyance',
};

/** An expense account: class 6, three to eight digits, written with at least six. */
export function normalisedExpenseAccount(accountNumber: string | null): string {
  if (accountNumber === null) return DEFAULT_EXPENSE_ACCOUNT;
  const trimmed = accountNumber.trim();
  if (!/^6\d{2,7}$/.test(trimmed)) {
    throw new DomainError('VALIDATION_FAILED', 'Le compte de charges d’un pot est un compte de classe 6 du plan comptable (ex. 613200).');
  }
  return trimmed.padEnd(6, '0');
}

export function expenseAccountLabel(accountNumber: string): string {
  return EXPENSE_ACCOUNT_LABELS[accountNumber] ?? `Charges — compte ${accountNumber}`;
}

/**
 * Where a pool's costs go when they are shared out to the members: a rent is re-invoiced as a
 * rent, a shared employee as personnel made available, anything else as other ancillary income.
 */
export function reinvoicingAccountFor(expenseAccount: string): { number: string; label: string } {
  if (expenseAccount.startsWith('6132') || expenseAccount.startsWith('6135') || expenseAccount.startsWith('614')) return ACCOUNTS.rentReinvoiced;
  if (expenseAccount.startsWith('621') || expenseAccount.startsWith('64')) return ACCOUNTS.staffReinvoiced;
  return ACCOUNTS.costsReinvoiced;
}

/** The income account of the direct charges of a resource the pôle itself owns. */
export function directChargeIncomeAccount(resourceKind: string): { number: string; label: string } {
  return resourceKind === 'STAFF' ? ACCOUNTS.staffReinvoiced : ACCOUNTS.services;
}

/** `M0007`: the auxiliary account of the seventh member registered. */
export function memberAuxiliaryNumber(registrationOrder: number): string {
  return `M${String(registrationOrder).padStart(4, '0')}`;
}
