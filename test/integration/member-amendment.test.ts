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
    const amended = await server.graphql(AMEND, { input: { memberId, name: ' Les Daurades de Mèze ', siret: '73282932000074', vatStatus: 'SUBJECT' } }, coordinator);
    expect(amended.data).toEqual({
      amendMember: { id: memberId, name: 'Les Daurades de Mèze', legalForm: 'ASSOCIATION', siret: '73282932000074', vatStatus: 'SUBJECT', joinedOn: '2025-01-01' },
    });
    const history = await server.graphql<{ history: { events: Array<{ description: string }> } }>(
      'query($memberId: ID!) { history(memberId: $memberId) { events { description } } }', { memberId }, coordinator);
    expect(history.data!.history.events.map((entry) => entry.description).join('\n')).toMatch(/corrigée : Les Daurades de Mèze, SIRET 73282932000074, assujettie à la TVA/);
  });

  it('refuses a mistyped SIRET or an empty name, naming the field, and an unknown structure', async () => {
    const siret = await server.graphql(AMEND, { input: { memberId, name: 'Les Daurades', siret: '73282932000075', vatStatus: 'SUBJECT' } }, coordinator);
    expect(siret.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'siret' });
    const name = await server.graphql(AMEND, { input: { memberId, name: '  ', vatStatus: 'SUBJECT' } }, coordinator);
    expect(name.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    const unknown = await server.graphql(AMEND, { input: { memberId: 'no-such-member', name: 'Nouvelle', vatStatus: 'SUBJECT' } }, coordinator);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unchanged = await server.graphql<{ member: { siret: string | null } }>('query($id: ID!) { member(id: $id) { siret } }', { id: memberId }, coordinator);
    expect(unchanged.data!.member.siret).toBe('73282932000074');
  });
});
