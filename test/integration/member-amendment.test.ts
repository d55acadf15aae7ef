import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { REGISTER_MEMBER } from './graphql-documents.js';

const AMEND = 'mutation($input: AmendMemberInput!) { amendMember(input: $input) { id name legalForm siret vatStatus joinedOn } }';

describe('a coordinator corrects a structure’s name, SIRET and VAT status over HTTP', () => {
  let server: RunningServer;
  let coordinator: string;
  let memberId: string;

  beforeAll(async () => {
    server = await startServer();
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const registered = await server.graphql<{ registerMember: { id: string } }>(REGISTER_MEMBER, { input: { name: 'Les Daurades', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, coordinator);
    memberId = registered.data!.registerMember.id;
  });
  afterAll(() => server?.stop());

  it('records the new values, keeps the legal form and joining date, and the history names the correction', async () => {
    const amended = await server.graphql(AMEND, { input: { memberId, name: ' Les Daurades de Mèze ', siret: '73282932000074', vatStatus: 'SUBJECT', reason: ' Nom et SIRET de l’avis de situation ' } }, coordinator);
    expect(amended.data).toEqual({
      amendMember: { id: memberId, name: 'Les Daurades de Mèze', legalForm: 'ASSOCIATION', siret: '73282932000074', vatStatus: 'SUBJECT', joinedOn: '2025-01-01' },
    });
    const history = await server.graphql<{ history: { events: Array<{ description: string; reason: string | null }> } }>(
      'query($memberId: ID!) { history(memberId: $memberId) { events { description reason } } }', { memberId }, coordinator);
    const correction = history.data!.history.events.find((entry) => /corrigée : Les Daurades de Mèze, SIRET 73282932000074, assujettie à la TVA/.test(entry.description));
    // A correction made on a structure's behalf says why, as DESIGN.md's « Trust » wants.
    expect(correction?.reason).toBe('Nom et SIRET de l’avis de situation');
  });

  it('refuses a mistyped SIRET, an empty name or reason, naming the field, and an unknown structure', async () => {
    const reason = 'Correction demandée par la structure';
    const siret = await server.graphql(AMEND, { input: { memberId, name: 'Les Daurades', siret: '73282932000075', vatStatus: 'SUBJECT', reason } }, coordinator);
    expect(siret.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'siret' });
    const name = await server.graphql(AMEND, { input: { memberId, name: '  ', vatStatus: 'SUBJECT', reason } }, coordinator);
    expect(name.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    const noReason = await server.graphql(AMEND, { input: { memberId, name: 'Les Daurades', vatStatus: 'SUBJECT', reason: '  ' } }, coordinator);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const unknown = await server.graphql(AMEND, { input: { memberId: 'no-such-member', name: 'Nouvelle', vatStatus: 'SUBJECT', reason } }, coordinator);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unchanged = await server.graphql<{ member: { siret: string | null } }>('query($id: ID!) { member(id: $id) { siret } }', { id: memberId }, coordinator);
    expect(unchanged.data!.member.siret).toBe('73282932000074');
  });
});
