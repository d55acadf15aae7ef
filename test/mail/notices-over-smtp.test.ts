import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_USER, futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from '../integration/graphql-documents.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer, temporaryDataDirectory } from '../support/mutua-server.js';
import { SmtpInbox } from '../support/smtp-inbox.js';

const PASSWORD = 'un-mot-de-passe-assez-long';
const REQUESTER = 'contact@coop-batisseurs.test';
const OWNER = 'accueil@fablab-du-quai.test';
const REJECT = 'mutation($input: DecideReservationInput!) { rejectReservation(input: $input) { id status } }';

/** Notices written from the ledger's log, received by a real SMTP server, across a restart. */
describe('e-mail notices of reservations, from the log to a real SMTP server', () => {
  const dataDirectory = temporaryDataDirectory();
  let inbox: SmtpInbox;
  let server: RunningServer;
  let coordinator: string;
  let requester: string;
  let owner: string;
  let resourceId: string;
  let requesterMemberId: string;
  const start = () => startServer({
    dataDirectory,
    env: { MUTUA_SMTP_URL: inbox.url, MUTUA_MAIL_FROM: 'Pôle <mutua@pole.test>', MUTUA_PUBLIC_URL: 'https://mutua.pole.test' },
  });
  const subjectsTo = (email: string) => inbox.mails.filter((mail) => mail.to.includes(email)).map((mail) => mail.subject);

  beforeAll(async () => {
    inbox = new SmtpInbox();
    await inbox.start();
    server = await start();
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const register = async (name: string) =>
      (await server.graphql<{ registerMember: { id: string } }>(REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, coordinator)).data!.registerMember.id;
    requesterMemberId = await register('Coop Bâtisseurs');
    const ownerMemberId = await register('Fablab du Quai');
    for (const [email, memberId] of [[REQUESTER, requesterMemberId], [OWNER, ownerMemberId]]) {
      await server.graphql(CREATE_USER, { input: { email, password: PASSWORD, role: 'MEMBER', memberId } }, coordinator);
    }
    const resource = await server.graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, {
      input: { name: 'Découpeuse <laser>', kind: 'EQUIPMENT', ownerMemberId, rules: { requiresApproval: true } },
    }, coordinator);
    resourceId = resource.data!.registerResource.id;
    [requester, owner] = [await loginAs(server, REQUESTER, PASSWORD), await loginAs(server, OWNER, PASSWORD)];
  });
  afterAll(async () => {
    await server?.stop();
    await inbox?.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('tells the coordinator and the owning structure of a request, and the requester of its rejection with the reason', async () => {
    const reserved = await server.graphql<{ reserve: { id: string } }>(RESERVE, { input: { resourceId, memberId: requesterMemberId, ...futureSlot(8) } }, requester);
    expect(reserved.errors).toBeUndefined();
    await inbox.waitFor(2, 30_000);
    expect(subjectsTo(ADMIN_EMAIL)).toEqual(['Mutua : réservation à approuver – Découpeuse <laser>']);
    expect(subjectsTo(OWNER)).toEqual(['Mutua : réservation à approuver – Découpeuse <laser>']);
    const request = inbox.mails.find((mail) => mail.to.includes(OWNER))!;
    expect(request.text).toContain('Coop Bâtisseurs demande Découpeuse <laser> le ');
    expect(request.text).toContain('https://mutua.pole.test/#/approvals');
    expect(request.html).toContain('Découpeuse &lt;laser&gt;');
    expect(request.html).not.toContain('<laser>');

    await server.graphql(REJECT, { input: { reservationId: reserved.data!.reserve.id, reason: 'Machine en révision ce jour-là' } }, coordinator);
    await inbox.waitFor(3, 30_000);
    const rejection = inbox.mails.find((mail) => mail.to.includes(REQUESTER))!;
    expect(rejection.subject).toBe('Mutua : réservation refusée – Découpeuse <laser>');
    expect(rejection.text).toContain('Motif : Machine en révision ce jour-là');
    expect(rejection.text).not.toMatch(/token=/);
  });

  it('sends nothing again when the whole log is read again after a restart, and nothing to who turned notices off', async () => {
    await server.stop();
    // As if the process had died after queuing the notices but before saving its checkpoint: the
    // whole log is read again, and the notices' keys are what keeps them from being sent twice.
    const database = new Database(join(dataDirectory, 'mutua.sqlite'));
    expect(database.prepare('UPDATE mail_notice_checkpoint SET position = -1').run().changes).toBe(1);
    database.close();
    server = await start();
    [requester, owner] = [await loginAs(server, REQUESTER, PASSWORD), await loginAs(server, OWNER, PASSWORD)];
    const turnedOff = await server.graphql<{ setNoticesEnabled: boolean }>('mutation { setNoticesEnabled(enabled: false) }', {}, owner);
    expect(turnedOff.data?.setNoticesEnabled).toBe(false);
    const me = await server.graphql<{ me: { noticesEnabled: boolean } }>('{ me { noticesEnabled } }', {}, owner);
    expect(me.data?.me.noticesEnabled).toBe(false);

    await server.graphql(RESERVE, { input: { resourceId, memberId: requesterMemberId, ...futureSlot(9) } }, requester);
    await inbox.waitFor(4, 30_000);
    // Give a duplicate or a notice to the owner the time to arrive, were one to be sent.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(subjectsTo(ADMIN_EMAIL)).toHaveLength(2);
    expect(subjectsTo(OWNER)).toHaveLength(1);
    expect(subjectsTo(REQUESTER)).toHaveLength(1);
    expect(inbox.mails).toHaveLength(4);
  });
});
