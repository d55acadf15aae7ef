import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_USER, futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from '../integration/graphql-documents.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { serverSentEvents } from '../support/server-sent-events.js';

type Id = { id: string };
const PASSWORD = 'un-mot-de-passe-de-lecture';
const SUBSCRIPTION = 'subscription($ids: [ID!]) { reservationsChanged(resourceIds: $ids) { id member { id address { city } } } }';
const SET_DETAILS = 'mutation($input: SetMemberInvoicingDetailsInput!) { setMemberInvoicingDetails(input: $input) { id } }';
const CHANGE_ROLE = 'mutation($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { role member { id } } }';

interface Update {
  data?: { reservationsChanged: { id: string; member: { id: string; address: { city: string } | null } } } | null;
  errors?: Array<{ extensions?: { code?: string } }>;
}

/**
 * A structure's invoicing identity (its address, VAT number, invoicing e-mail, mandate) is read by
 * the coordination, the treasury, the auditors and the structure's own accounts. A role changed by
 * the coordinator applies from the session's next request on: each update a live stream delivers
 * is read as the session now stands, not as it stood when the stream was opened.
 */
describe('a live-updates stream whose account changes role', () => {
  let server: RunningServer;
  let coordinator: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [key, name] of [['coop', 'Coop Bâtisseurs'], ['fablab', 'Fablab du Quai']] as const) {
      ids[key] = (await server.graphql<{ registerMember: Id }>(REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, coordinator)).data!.registerMember.id;
    }
    await server.graphql(SET_DETAILS, { input: {
      memberId: ids.coop, address: { line: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' }, vatNumber: null, invoiceEmail: 'compta@coop.example',
    } }, coordinator);
    ids.room = (await server.graphql<{ registerResource: Id }>(REGISTER_RESOURCE, { input: { name: 'Salle', kind: 'SPACE', areaM2: 30 } }, coordinator)).data!.registerResource.id;
    const created = await server.graphql<{ createUser: Id }>(CREATE_USER, { input: { email: 'audit@pole.test', password: PASSWORD, role: 'AUDITOR' } }, coordinator);
    ids.user = created.data!.createUser.id;
  });
  afterAll(() => server?.stop());

  it('stops showing another structure’s invoicing identity once an auditor’s account becomes a member’s', async () => {
    const token = await loginAs(server, 'audit@pole.test', PASSWORD);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { ids: [ids.room] } }),
    });
    const reader = response.body!.getReader();
    const updates = serverSentEvents(reader);
    const nextUpdate = async () => {
      for (;;) {
        const { value } = await updates.next();
        if (!value || value.event === 'next') return value?.data as Update | undefined;
      }
    };
    try {
      await server.graphql(RESERVE, { input: { resourceId: ids.room, memberId: ids.coop, ...futureSlot(3) } }, coordinator);
      expect((await nextUpdate())?.data?.reservationsChanged.member.address).toEqual({ city: 'Bordeaux' });

      const changed = await server.graphql(CHANGE_ROLE, { input: { userId: ids.user, role: 'MEMBER', memberId: ids.fablab } }, coordinator);
      expect(changed.errors).toBeUndefined();
      const asAMember = await server.graphql<{ member: { address: unknown } }>('query($id: ID!) { member(id: $id) { address { city } } }', { id: ids.coop }, token);
      expect(asAMember.data?.member.address).toBeNull();

      await server.graphql(RESERVE, { input: { resourceId: ids.room, memberId: ids.coop, ...futureSlot(4) } }, coordinator);
      const update = await nextUpdate();
      expect(update?.data?.reservationsChanged.member.address ?? null).toBeNull();
    } finally {
      await reader.cancel();
    }
  });
});
