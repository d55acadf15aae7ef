import { type PostalAddress } from '../domain/invoicing/invoice-document.js';
import { SYSTEM_ACTOR } from './auth/actor.js';
import { type RequestContext } from './commands/command-context.js';
import { type Mutua } from './mutua.js';

const TREASURY_REQUEST: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'demo-invoicing' };

const address = (line: string, postalCode: string, city: string): PostalAddress => ({ line, postalCode, city, countryCode: 'FR' });

/** Where each demo structure is, and where those without SIRET receive their e-invoices. */
const MEMBER_ADDRESSES: Array<[string, PostalAddress, string | null]> = [
  ['Fablab du Quai', address('2 quai de la Résistance', '34140', 'Mèze'), 'fablab@quai.demo'],
  ['Coop Bâtisseurs', address('14 avenue de Pézenas', '34140', 'Mèze'), null],
  ['Les Daurades', address('5 rue du Port', '34140', 'Mèze'), 'tresorerie@daurades.demo'],
  ['Le Blob', address('8 rue des Salins', '34200', 'Sète'), 'compta@leblob.demo'],
  ['SCIC Mobilités du Thau', address('1 place de la Gare', '34200', 'Sète'), 'factures@mobilites-thau.demo'],
  ['GE Thau Compétences', address('3 chemin de la Catonnière', '34140', 'Mèze'), 'ge@thau-competences.demo'],
  ['Commune de Loupian', address('Place de la Mairie', '34140', 'Loupian'), 'mairie@loupian.demo'],
  ['Ressourcerie de l’Étang', address('22 route de Marseillan', '34140', 'Mèze'), 'contact@ressourcerie-etang.demo'],
  ['Atelier Vélo Solidaire', address('6 rue Pasteur', '34140', 'Mèze'), 'velo@solidaire.demo'],
  ['Archi’Coop', address('17 Grand’Rue', '34140', 'Mèze'), 'agence@archicoop.demo'],
  ['Studio Coquille', address('4 impasse des Parcs', '34140', 'Bouzigues'), 'studio@coquille.demo'],
  ['Lycée de la Mer', address('Rue des Pêcheurs', '34200', 'Sète'), 'intendance@lycee-mer.demo'],
];

/**
 * The demo pôle invoices: its invoicing identity, every structure's address, and the fablab's
 * self-billing mandate, so that the close of last month issues invoices and a self-billed invoice
 * for the laser time the others used. Fictitious identifiers, valid in form.
 */
export async function seedInvoicing(mutua: Mutua, memberIds: ReadonlyMap<string, string>): Promise<void> {
  const parties = mutua.commands.invoicingParties;
  for (const [name, memberAddress, invoiceEmail] of MEMBER_ADDRESSES) {
    await parties.setMemberDetails(TREASURY_REQUEST, { memberId: memberIds.get(name)!, address: memberAddress, vatNumber: null, invoiceEmail });
  }
  await parties.grantMandate(TREASURY_REQUEST, { memberId: memberIds.get('Fablab du Quai')!, grantedOn: '2025-01-06', reference: 'Mandat d’autofacturation signé le 6 janvier 2025', vatOnDebits: false });
  await parties.setPoleProfile(TREASURY_REQUEST, {
    // As the demo's statements and FEC name it (MUTUA_POLE_NAME, MUTUA_POLE_ADDRESS, MUTUA_SIREN).
    name: 'Pôle de l’Étang (démonstration)', address: address('1 chemin de l’Étang', '26000', 'Valence'), siret: '90000000100017', vatNumber: null,
    iban: 'FR7630006000011234567890189', paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
  });
}
