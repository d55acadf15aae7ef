import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { CREATE_USER, REGISTER_MEMBER } from './graphql-documents.js';

type Id = { id: string };
type GraphQLError = { extensions?: { code?: string; rule?: string } };

const PROFILE_FIELDS = 'name address { line postalCode city countryCode } siret siren vatNumber iban paymentTermDays latePaymentPenalty vatOnDebits';
const SET_PROFILE = `mutation($input: SetPoleInvoicingProfileInput!) { setPoleInvoicingProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const PROFILE = `{ poleInvoicingProfile { ${PROFILE_FIELDS} } }`;
const MEMBER_FIELDS = 'id siren address { line postalCode city countryCode } vatNumber invoiceEmail selfBillingMandate { grantedOn reference vatOnDebits }';
const SET_DETAILS = `mutation($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { ${MEMBER_FIELDS} } }`;
const GRANT = `mutation($input: GrantSelfBillingMandateInput!) { grantSelfBillingMandate(input: $input) { ${MEMBER_FIELDS} } }`;
const REVOKE = `mutation($input: RevokeSelfBillingMandateInput!) { revokeSelfBillingMandate(input: $input) { ${MEMBER_FIELDS} } }`;
const MEMBER = `query($id: ID!) { member(id: $id) { ${MEMBER_FIELDS} } }`;

const address = { line: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' };
const profile = {
  name: 'Pôle Chartrons', address, siret: '732 829 320 00074', vatNumber: 'FR44732829320', iban: 'FR76 3000 6000 0112 3456 7890 189',
  paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
};

describe('the invoicing parties over HTTP against a real server', () => {
  let server: RunningServer;
  const tokens = {} as Record<'coordinator' | 'treasurer' | 'auditor' | 'coopUser' | 'fablabUser', string>;
  const ids: Record<string, string> = {};

  const gql = graphqlData(() => server);
  const refusal = async (token: string, query: string, variables: Record<string, unknown>) => {
    const error = (await server.graphql(query, variables, token)).errors?.[0] as GraphQLError | undefined;
    return [error?.extensions?.code, error?.extensions?.rule];
  };

  beforeAll(async () => {
    server = await startServer();
    tokens.coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [key, name, siret] of [['coop', 'Coop Bâtisseurs', '73282932000074'], ['fablab', 'Fablab du Quai', null]] as const) {
      ids[key] = (await gql<{ registerMember: Id }>(tokens.coordinator, REGISTER_MEMBER, { input: { name, legalForm: 'SCOP', siret, joinedOn: '2025-01-01' } })).registerMember.id;
    }
    const users = [['treasurer', 'TREASURER', null], ['auditor', 'AUDITOR', null], ['coopUser', 'MEMBER', ids.coop], ['fablabUser', 'MEMBER', ids.fablab]] as const;
    for (const [key, role, memberId] of users) {
      await gql(tokens.coordinator, CREATE_USER, { input: { email: `${key.toLowerCase()}@pole.test`, password: 'un-mot-de-passe-long', role, memberId } });
      tokens[key] = await loginAs(server, `${key.toLowerCase()}@pole.test`, 'un-mot-de-passe-long');
    }
  });
  afterAll(() => server?.stop());

  it('has no pôle profile until the treasurer sets it, then serves it normalised to the books’ readers only', async () => {
    expect((await gql<{ poleInvoicingProfile: unknown }>(tokens.auditor, PROFILE)).poleInvoicingProfile).toBeNull();
    expect(await refusal(tokens.treasurer, SET_PROFILE, { input: { ...profile, iban: 'FR76 3000 6000 0112 3456 7890 188' } })).toEqual(['VALIDATION_FAILED', 'IBAN_INVALID']);
    expect(await refusal(tokens.treasurer, SET_PROFILE, { input: { ...profile, paymentTermDays: 90 } })).toEqual(['VALIDATION_FAILED', 'PAYMENT_TERM_INVALID']);
    expect(await refusal(tokens.coordinator, SET_PROFILE, { input: profile })).toEqual(['FORBIDDEN', undefined]);
    const { setPoleInvoicingProfile } = await gql<{ setPoleInvoicingProfile: Record<string, unknown> }>(tokens.treasurer, SET_PROFILE, { input: profile });
    const expected = { ...profile, siret: '73282932000074', siren: '732829320', iban: 'FR7630006000011234567890189' };
    expect(setPoleInvoicingProfile).toEqual(expected);
    for (const reader of ['coordinator', 'auditor', 'treasurer'] as const) expect((await gql<{ poleInvoicingProfile: unknown }>(tokens[reader], PROFILE)).poleInvoicingProfile).toEqual(expected);
    expect(await refusal(tokens.coopUser, PROFILE, {})).toEqual(['FORBIDDEN', undefined]);
  });

  it('lets a member user set its own invoicing details, checked against its SIRET, and no one else’s', async () => {
    const details = { memberId: ids.coop, address, vatNumber: 'FR 44 732 829 320', invoiceEmail: 'compta@coop.example' };
    expect(await refusal(tokens.coopUser, SET_DETAILS, { input: { ...details, vatNumber: 'FR83404833048' } })).toEqual(['VALIDATION_FAILED', 'VAT_NUMBER_SIREN_MISMATCH']);
    expect(await refusal(tokens.coopUser, SET_DETAILS, { input: { ...details, address: { ...address, postalCode: '330' } } })).toEqual(['VALIDATION_FAILED', 'POSTAL_CODE_INVALID']);
    expect(await refusal(tokens.fablabUser, SET_DETAILS, { input: details })).toEqual(['FORBIDDEN', undefined]);
    expect(await refusal(tokens.auditor, SET_DETAILS, { input: details })).toEqual(['FORBIDDEN', undefined]);
    const { setMemberInvoicingDetails } = await gql<{ setMemberInvoicingDetails: Record<string, unknown> }>(tokens.coopUser, SET_DETAILS, { input: details });
    expect(setMemberInvoicingDetails).toEqual({ id: ids.coop, siren: '732829320', address, vatNumber: 'FR44732829320', invoiceEmail: 'compta@coop.example', selfBillingMandate: null });
    await gql(tokens.treasurer, SET_DETAILS, { input: { memberId: ids.fablab, address: { ...address, line: '1 rue du Port' }, invoiceEmail: 'factures@fablab.example' } });
  });

  it('records the mandate by the treasurer only, shows it to its structure and not to another, and revokes it', async () => {
    const grant = { memberId: ids.coop, grantedOn: '2026-02-01', reference: 'AF-2026-01', vatOnDebits: true };
    expect(await refusal(tokens.coordinator, GRANT, { input: grant })).toEqual(['FORBIDDEN', undefined]);
    expect(await refusal(tokens.coopUser, GRANT, { input: grant })).toEqual(['FORBIDDEN', undefined]);
    expect((await gql<{ grantSelfBillingMandate: { selfBillingMandate: unknown } }>(tokens.treasurer, GRANT, { input: grant })).grantSelfBillingMandate.selfBillingMandate)
      .toEqual({ grantedOn: '2026-02-01', reference: 'AF-2026-01', vatOnDebits: true });
    expect(await refusal(tokens.treasurer, GRANT, { input: grant })).toEqual(['VALIDATION_FAILED', 'MANDATE_ALREADY_GRANTED']);

    const ownView = (await gql<{ member: Record<string, unknown> }>(tokens.coopUser, MEMBER, { id: ids.coop })).member;
    expect(ownView).toMatchObject({ address, vatNumber: 'FR44732829320', selfBillingMandate: { grantedOn: '2026-02-01', reference: 'AF-2026-01', vatOnDebits: true } });
    const othersView = (await gql<{ member: Record<string, unknown> }>(tokens.fablabUser, MEMBER, { id: ids.coop })).member;
    expect(othersView).toEqual({ id: ids.coop, siren: '732829320', address: null, vatNumber: null, invoiceEmail: null, selfBillingMandate: null });
    const list = await gql<{ members: Array<{ id: string; address: { line: string } | null }> }>(tokens.auditor, '{ members { id address { line } } }');
    expect(Object.fromEntries(list.members.map((member) => [member.id, member.address?.line]))).toEqual({ [ids.coop!]: address.line, [ids.fablab!]: '1 rue du Port' });

    expect(await refusal(tokens.treasurer, REVOKE, { input: { memberId: ids.coop, revokedOn: '2026-01-31' } })).toEqual(['VALIDATION_FAILED', 'DATE_INVALID']);
    expect((await gql<{ revokeSelfBillingMandate: { selfBillingMandate: unknown } }>(tokens.treasurer, REVOKE, { input: { memberId: ids.coop, revokedOn: '2026-06-30' } }))
      .revokeSelfBillingMandate.selfBillingMandate).toBeNull();
    expect(await refusal(tokens.treasurer, REVOKE, { input: { memberId: ids.coop, revokedOn: '2026-07-30' } })).toEqual(['VALIDATION_FAILED', 'MANDATE_NOT_GRANTED']);
    // A client that does not send the option records VAT on receipt, the default for services.
    expect((await gql<{ grantSelfBillingMandate: { selfBillingMandate: unknown } }>(tokens.treasurer, GRANT, { input: { memberId: ids.coop, grantedOn: '2026-06-30' } }))
      .grantSelfBillingMandate.selfBillingMandate).toEqual({ grantedOn: '2026-06-30', reference: null, vatOnDebits: false });
    expect(await refusal(tokens.treasurer, GRANT, { input: { memberId: 'inconnu', grantedOn: '2026-02-01' } })).toEqual(['NOT_FOUND', undefined]);
  });
});
