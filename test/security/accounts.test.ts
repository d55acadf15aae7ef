import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/identity/passwords.js';
import { SIGN_IN_LIMITS } from '../../api/login-rate-limit.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { CHANGE_PASSWORD, CREATE_USER, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE, futureSlot } from '../integration/graphql-documents.js';

const PASSWORD = 'un-mot-de-passe-assez-long';

describe('accounts a coordinator manages', () => {
  let server: RunningServer;
  let coordinator: string;
  let memberId: string;

  const createMemberUser = async (email: string) => {
    const created = await server.graphql<{ createUser: { id: string } }>(CREATE_USER, { input: { email, password: PASSWORD, role: 'MEMBER', memberId } }, coordinator);
    return created.data!.createUser.id;
  };
  const meWith = async (token: string) => (await server.graphql<{ me: { email: string } | null }>('{ me { email } }', {}, token));
  const loginCode = async (email: string) => (await server.graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: PASSWORD })).errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    server = await startServer();
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    memberId = (await server.graphql<{ registerMember: { id: string } }>(REGISTER_MEMBER, { input: { name: 'Les Daurades', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, coordinator)).data!.registerMember.id;
  });
  afterAll(() => server?.stop());

  it('refuses a password shorter than twelve characters', async () => {
    const response = await server.graphql(CREATE_USER, { input: { email: 'court@example.org', password: 'court', role: 'AUDITOR' } }, coordinator);
    expect(response.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['one letter repeated', 'aaaaaaaaaaaa'],
    ['a common password', 'password1234'],
    ['a common French password', 'motdepasse123'],
    ['the address it protects', 'lafabrique2026'],
  ])('refuses a password easy to guess (%s), saying why in French', async (_case, password) => {
    const response = await server.graphql(CREATE_USER, { input: { email: 'contact@lafabrique.test', password, role: 'AUDITOR' } }, coordinator);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
    expect(response.errors?.[0]?.message).toMatch(/^Ce mot de passe est trop facile à deviner\. \S/);
    expect((await server.graphql<{ users: Array<{ email: string }> }>('{ users { email } }', {}, coordinator)).data!.users.map((user) => user.email)).not.toContain('contact@lafabrique.test');
  });

  it('still signs in an account created with a password the rules now refuse', async () => {
    const database = new Database(join(server.dataDirectory, 'mutua.sqlite'));
    database.prepare("INSERT INTO users (user_id, email, password_hash, role, created_at) VALUES ('ancien', 'ancien@pole.test', ?, 'AUDITOR', '2025-01-01T00:00:00Z')")
      .run(await hashPassword('aaaaaaaaaaaa'));
    database.close();
    expect(await loginAs(server, 'ancien@pole.test', 'aaaaaaaaaaaa')).toMatch(/\S{20}/);
  });

  it('disables an account: its sessions end and it cannot sign in until enabled again', async () => {
    const userId = await createMemberUser('benevole@daurades.test');
    const token = await loginAs(server, 'benevole@daurades.test', PASSWORD);
    await server.graphql('mutation($id: ID!) { setUserDisabled(userId: $id, disabled: true) { disabled } }', { id: userId }, coordinator);
    expect((await meWith(token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await loginCode('benevole@daurades.test')).toBe('UNAUTHENTICATED');
    await server.graphql('mutation($id: ID!) { setUserDisabled(userId: $id, disabled: false) { disabled } }', { id: userId }, coordinator);
    expect(await loginCode('benevole@daurades.test')).toBeUndefined();
  });

  it('signs a user out everywhere', async () => {
    const userId = await createMemberUser('tresoriere@daurades.test');
    const first = await loginAs(server, 'tresoriere@daurades.test', PASSWORD);
    const second = await loginAs(server, 'tresoriere@daurades.test', PASSWORD);
    await server.graphql('mutation($id: ID!) { revokeAllSessions(userId: $id) }', { id: userId }, first);
    for (const token of [first, second]) expect((await meWith(token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = await loginAs(server, 'tresoriere@daurades.test', PASSWORD);
    expect((await meWith(fresh)).data?.me?.email).toBe('tresoriere@daurades.test');
  });

  it('erases a person: the e-mail leaves the store, the events naming them stay and still verify', async () => {
    const userId = await createMemberUser('depart@daurades.test');
    const token = await loginAs(server, 'depart@daurades.test', PASSWORD);
    const room = await server.graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, { input: { name: 'Salle', kind: 'SPACE' } }, coordinator);
    const reservation = await server.graphql<{ reserve: { id: string } }>(RESERVE, { input: { resourceId: room.data!.registerResource.id, memberId, ...futureSlot(4) } }, token);
    expect(reservation.errors).toBeUndefined();

    const erased = await server.graphql('mutation($id: ID!) { eraseUser(userId: $id) }', { id: userId }, coordinator);
    expect(erased.data).toEqual({ eraseUser: true });
    expect((await meWith(token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await loginCode('depart@daurades.test')).toBe('UNAUTHENTICATED');

    const database = new Database(join(server.dataDirectory, 'mutua.sqlite'), { readonly: true });
    const leftovers = database.prepare("SELECT count(*) AS count FROM users WHERE email LIKE '%depart@%' OR (user_id = ? AND password_hash IS NOT NULL)").get(userId) as { count: number };
    const events = database.prepare("SELECT count(*) AS count FROM events WHERE json_extract(metadata, '$.actorUserId') = ?").get(userId) as { count: number };
    database.close();
    expect(leftovers.count).toBe(0);
    expect(events.count).toBeGreaterThan(0);

    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'api/verify.ts'], { env: { ...process.env, MUTUA_DATA_DIR: server.dataDirectory, MUTUA_STORE: 'sqlite' }, encoding: 'utf8' });
    expect(verify.stdout).toMatch(/^OK/);
    expect(verify.status).toBe(0);
  });

  describe('roles, and the coordinator the pôle always keeps', () => {
    const CHANGE_ROLE = 'mutation($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { role member { id } } }';
    const SET_DISABLED = 'mutation($id: ID!, $disabled: Boolean!) { setUserDisabled(userId: $id, disabled: $disabled) { disabled } }';
    const adminId = async () => (await server.graphql<{ me: { id: string } }>('{ me { id } }', {}, coordinator)).data!.me.id;

    it('moves an account to another role and structure, which its open session acts with from its next request', async () => {
      const userId = await createMemberUser('animation@daurades.test');
      const token = await loginAs(server, 'animation@daurades.test', PASSWORD);
      const changed = await server.graphql(CHANGE_ROLE, { input: { userId, role: 'TREASURER' } }, coordinator);
      expect(changed.data).toEqual({ changeUserRole: { role: 'TREASURER', member: null } });
      expect((await server.graphql<{ me: { role: string } }>('{ me { role } }', {}, token)).data!.me.role).toBe('TREASURER');

      const withoutMember = await server.graphql(CHANGE_ROLE, { input: { userId, role: 'MEMBER' } }, coordinator);
      expect(withoutMember.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'memberId' });
      const unknownMember = await server.graphql(CHANGE_ROLE, { input: { userId, role: 'MEMBER', memberId: 'no-such-member' } }, coordinator);
      expect(unknownMember.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'memberId' });
      const unknownUser = await server.graphql(CHANGE_ROLE, { input: { userId: 'no-such-user', role: 'AUDITOR' } }, coordinator);
      expect(unknownUser.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses a coordinator their own demotion or disabling', async () => {
      const self = await adminId();
      for (const refused of [
        await server.graphql(CHANGE_ROLE, { input: { userId: self, role: 'AUDITOR' } }, coordinator),
        await server.graphql(SET_DISABLED, { id: self, disabled: true }, coordinator),
      ]) expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'userId' });
    });

    it('keeps one of two coordinators who disable each other at the same instant', async () => {
      const createCoordinator = async (email: string) =>
        (await server.graphql<{ createUser: { id: string } }>(CREATE_USER, { input: { email, password: PASSWORD, role: 'COORDINATOR' } }, coordinator)).data!.createUser.id;
      const [alpha, beta] = [await createCoordinator('alpha@pole.test'), await createCoordinator('beta@pole.test')];
      const [alphaToken, betaToken] = [await loginAs(server, 'alpha@pole.test', PASSWORD), await loginAs(server, 'beta@pole.test', PASSWORD)];
      // Only alpha and beta are active coordinators while they race; the first coordinator waits aside.
      const admin = await adminId();
      expect((await server.graphql(SET_DISABLED, { id: admin, disabled: true }, alphaToken)).errors).toBeUndefined();

      const answers = await Promise.all([
        server.graphql(SET_DISABLED, { id: beta, disabled: true }, alphaToken),
        server.graphql(SET_DISABLED, { id: alpha, disabled: true }, betaToken),
      ]);
      const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? 'DISABLED').sort();
      expect(codes[0]).toBe('DISABLED');
      // The loser was either refused as the last coordinator, or already signed out by the winner.
      expect(['LAST_COORDINATOR', 'UNAUTHENTICATED']).toContain(codes[1]);
      const survivor = answers[0].errors ? betaToken : alphaToken;
      const users = await server.graphql<{ users: Array<{ id: string; disabled: boolean }> }>('{ users { id disabled } }', {}, survivor);
      expect(users.data!.users.filter((user) => [alpha, beta].includes(user.id) && !user.disabled)).toHaveLength(1);

      expect((await server.graphql(SET_DISABLED, { id: admin, disabled: false }, survivor)).errors).toBeUndefined();
      coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    });
  });

  describe('changing one’s own password', () => {
    const NEW_PASSWORD = 'les-daurades-nagent-au-large';

    it('requires the current password, refuses a weak new one, then signs out the other sessions and keeps this one', async () => {
      await createMemberUser('secretariat@daurades.test');
      const [here, elsewhere] = [await loginAs(server, 'secretariat@daurades.test', PASSWORD), await loginAs(server, 'secretariat@daurades.test', PASSWORD)];

      const wrong = await server.graphql(CHANGE_PASSWORD, { current: 'pas-le-mot-de-passe-actuel', next: NEW_PASSWORD }, here);
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'currentPassword' });
      const weak = await server.graphql(CHANGE_PASSWORD, { current: PASSWORD, next: 'password1234' }, here);
      expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'newPassword' });
      expect(weak.errors?.[0]?.message).toMatch(/^Ce mot de passe est trop facile à deviner/);
      expect((await meWith(elsewhere)).data?.me?.email).toBe('secretariat@daurades.test');

      expect((await server.graphql(CHANGE_PASSWORD, { current: PASSWORD, next: NEW_PASSWORD }, here)).data).toEqual({ changePassword: true });
      expect((await meWith(here)).data?.me?.email).toBe('secretariat@daurades.test');
      expect((await meWith(elsewhere)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await loginCode('secretariat@daurades.test')).toBe('UNAUTHENTICATED');
      expect(await loginAs(server, 'secretariat@daurades.test', NEW_PASSWORD)).toMatch(/\S{20}/);
    });

    it('counts a wrong current password as a failed sign-in: the limits apply', async () => {
      await createMemberUser('compta@daurades.test');
      const token = await loginAs(server, 'compta@daurades.test', PASSWORD);
      const codes: string[] = [];
      for (let index = 0; index <= SIGN_IN_LIMITS.freeFailures; index += 1) {
        codes.push((await server.graphql(CHANGE_PASSWORD, { current: `essai-${index}-du-voleur`, next: NEW_PASSWORD }, token)).errors?.[0]?.extensions?.code ?? 'CHANGED');
      }
      expect(codes).toEqual([...new Array<string>(SIGN_IN_LIMITS.freeFailures).fill('VALIDATION_FAILED'), 'RATE_LIMITED']);
      expect(await loginCode('compta@daurades.test')).toBe('RATE_LIMITED');
    });
  });
});

describe('the first coordinator’s password, from the configuration', () => {
  it('stops the first start when it is easy to guess, saying which setting to change', async () => {
    const starting = startServer({ env: { MUTUA_ADMIN_PASSWORD: 'password1234' } });
    // A server that starts all the same is stopped, not left running after the test.
    void starting.then((started) => started.stop(), () => undefined);
    await expect(starting).rejects.toThrow(/MUTUA_ADMIN_PASSWORD refused: Ce mot de passe est trop facile à deviner/);
  });
});
