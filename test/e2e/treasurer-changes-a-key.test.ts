import { describe, expect, it } from 'vitest';
import { graphql } from './booking-helpers.js';
import { signIn, TREASURER_EMAIL, TREASURY_DAY } from './finance-helpers.js';
import { TestClock } from './clock-stage.js';
import { financeStage } from './finance-stage.js';

describe('the treasurer changes a pool’s key from the key it has', () => {
  const stage = financeStage(new TestClock(TREASURY_DAY));

  it('finds a fixed-shares pool’s shares already typed, changes one and keeps the others', async () => {
    const { server, browser, seeded } = stage;
    const { coop, blob, velo } = seeded.memberIds;
    await graphql(server, 'mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }', {
      input: { name: 'Assurance', accountNumber: '616000', key: { kind: 'FIXED_SHARES', shares: [{ memberId: coop, weight: 2 }, { memberId: blob, weight: 1.5 }, { memberId: velo, weight: 1 }] } },
    }, seeded.treasurerToken);
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await page.getByRole('button', { name: 'Changer la clé du pot Assurance' }).click();
    const form = page.locator('.confirm-box');
    expect(await form.getByLabel('Clé de répartition').inputValue()).toBe('FIXED_SHARES');
    // The shares as the pool has them, written the French way.
    expect(await form.getByLabel('Coop Bâtisseurs').inputValue()).toBe('2');
    expect(await form.getByLabel('Le Blob').inputValue()).toBe('1,5');
    expect(await form.getByLabel('Atelier Vélo Solidaire').inputValue()).toBe('1');

    await form.getByLabel('Le Blob').fill('3');
    await form.getByRole('button', { name: 'Appliquer la nouvelle clé' }).click();
    const pool = page.locator('.pool-list > li').filter({ has: page.getByRole('heading', { name: 'Assurance' }) });
    await expect.poll(() => pool.textContent()).toMatch(/À partir du .*Parts fixes : (?=.*Coop Bâtisseurs 2)(?=.*Le Blob 3)(?=.*Atelier Vélo Solidaire 1)/);
    await page.close();
  });

  it('finds a composite key’s percents already typed', async () => {
    const { server, browser, seeded } = stage;
    const { coop, blob } = seeded.memberIds;
    await graphql(server, 'mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }', {
      input: { name: 'Fluides', accountNumber: '606100', key: { kind: 'COMPOSITE', parts: [{ percent: 33.33, kind: 'EQUAL' }, { percent: 66.67, kind: 'FIXED_SHARES', shares: [{ memberId: coop, weight: 1 }, { memberId: blob, weight: 2 }] }] } },
    }, seeded.treasurerToken);
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    await page.getByRole('button', { name: 'Changer la clé du pot Fluides' }).click();
    const form = page.locator('.confirm-box');
    expect(await form.getByLabel('Clé de répartition').inputValue()).toBe('COMPOSITE');
    expect(await form.getByLabel('Parts égales (jours d’adhésion) (%)').inputValue()).toBe('33,33');
    expect(await form.getByLabel('Parts fixes (%)').inputValue()).toBe('66,67');
    expect(await form.getByLabel('Le Blob').inputValue()).toBe('2');
    expect(await form.getByLabel('Atelier Vélo Solidaire').inputValue()).toBe('');
    await page.close();
  });
  // Last: the departure it records cannot be undone for the tests after it.
  it('finds the share of a structure that has left, named with its departure, kept unless emptied', async () => {
    const { server, browser, seeded } = stage;
    const { coop, blob, velo } = seeded.memberIds;
    await graphql(server, 'mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }', {
      input: { name: 'Ménage', accountNumber: '615000', key: { kind: 'FIXED_SHARES', shares: [{ memberId: coop, weight: 2 }, { memberId: blob, weight: 1 }, { memberId: velo, weight: 1 }] } },
    }, seeded.treasurerToken);
    await graphql(server, 'mutation($input: LeaveMemberInput!) { leaveMember(input: $input) { id } }', {
      input: { memberId: velo, leftOn: '2026-06-01', reason: 'Fin de la convention' },
    }, seeded.coordinatorToken);
    const page = await browser.context.newPage();
    await signIn(page, server.url, TREASURER_EMAIL);
    const pool = page.locator('.pool-list > li').filter({ has: page.getByRole('heading', { name: 'Ménage' }) });
    const form = page.locator('.confirm-box');

    // Sent without it, the key would have split the pool between the two others, unseen.
    await page.getByRole('button', { name: 'Changer la clé du pot Ménage' }).click();
    expect(await form.getByLabel('Atelier Vélo Solidaire (sortie le 1er juin 2026)').inputValue()).toBe('1');
    await form.getByLabel('Le Blob').fill('3');
    await form.getByRole('button', { name: 'Appliquer la nouvelle clé' }).click();
    await expect.poll(() => pool.locator('li').last().textContent()).toMatch(/Parts fixes : Coop Bâtisseurs 2, Le Blob 3, Atelier Vélo Solidaire 1$/);

    // Emptied, it is no longer given a share.
    await page.getByRole('button', { name: 'Changer la clé du pot Ménage' }).click();
    await form.getByLabel('Atelier Vélo Solidaire (sortie le 1er juin 2026)').fill('');
    await form.getByRole('button', { name: 'Appliquer la nouvelle clé' }).click();
    await expect.poll(() => pool.locator('li').last().textContent()).toMatch(/Parts fixes : Coop Bâtisseurs 2, Le Blob 3$/);
    await page.close();
  });
});
