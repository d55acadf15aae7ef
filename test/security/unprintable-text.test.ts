import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../support/mutua-server.js';
import { REGISTER_MEMBER } from '../integration/graphql-documents.js';

/**
 * Texts no later step could process are refused before any command runs: a NUL stopped
 * PostgreSQL's read models for good, a control character made every invoice's XML invalid, a lone
 * half of a UTF-16 pair came back from SQLite as three replacement characters.
 */
describe('a text holding a character no recorded text may hold', () => {
  let server: RunningServer;
  let coordinator: string;
  const register = (name: string) => server.graphql<{ registerMember: { name: string } }>(REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } }, coordinator);
  const memberNames = async () => (await server.graphql<{ members: Array<{ name: string }> }>('{ members { name } }', {}, coordinator)).data!.members.map((member) => member.name);

  beforeAll(async () => {
    server = await startServer();
    coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => server?.stop());

  it.each([
    ['a NUL', 'Coop\u0000Nul', 'U+0000'],
    ['a control character', 'Coop\u0001Bâtisseurs', 'U+0001'],
    ['a non-character', 'Coop\uFFFF', 'U+FFFF'],
    ['a lone half of a UTF-16 pair', 'Coop\uD800Bâtisseurs', 'U+D800'],
  ])('is refused with VALIDATION_FAILED naming the character and the field, and nothing is recorded: %s', async (_, name, character) => {
    const response = await register(name);

    expect(response.data?.registerMember ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', rule: 'UNPRINTABLE_CHARACTER', character, field: 'name' });
    expect(response.errors?.[0]?.message).toBe(`Saisie invalide : le texte contient un caractère invisible ou non imprimable (${character}) ; retirez-le.`);
    expect(await memberNames()).not.toContain(name);
  });

  it('is refused when written in the document itself', async () => {
    const response = await server.graphql(
      'mutation { registerMember(input: { name: "Coop\\u0002", legalForm: ASSOCIATION, joinedOn: "2025-01-01" }) { id } }', {}, coordinator,
    );

    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', rule: 'UNPRINTABLE_CHARACTER', character: 'U+0002' });
    expect(await memberNames()).not.toContain('Coop\u0002');
  });

  it('refuses a name made of invisible characters only, saying so in French', async () => {
    const response = await register('\u200b\u200b');

    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    expect(response.errors?.[0]?.message).toBe('Saisie invalide — Ce texte ne contient aucun caractère visible.');
  });

  it('takes any script, emoji, tabs and line breaks', async () => {
    const name = 'Fablab 😀 漢字\tक़';
    expect((await register(name)).data?.registerMember.name).toBe(name);
  });
});
