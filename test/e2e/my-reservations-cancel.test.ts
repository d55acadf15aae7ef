import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, graphql, mondayAhead, parisInstant, registerResource, reserveThroughApi, screenshot, BOOKING_DAY } from './booking-helpers.js';
import { bookingStage } from './browser-stage.js';
import { TestClock } from './clock-stage.js';

describe('a member’s reservations, across resources, and cancelling them', () => {
  const clock = new TestClock(BOOKING_DAY);
  const monday = mondayAhead(clock.now(), 8);

  const stage = bookingStage(clock, async (server, pole) => {
    const vanId = await registerResource(server, pole.coordinatorToken, {
      name: 'Camion partagé',
      kind: 'EQUIPMENT',
      hourlyRateCents: 1_200,
      openingHours: [],
      rules: { cancellationDeadlineMinutes: 48 * 60 },
    });
    const roomId = await registerResource(server, pole.coordinatorToken, { name: 'Salle de réunion La Criée' });
    await reserveThroughApi(server, pole.memberToken, {
      resourceId: vanId,
      memberId: pole.coopId,
      date: monday,
      start: '08:00',
      end: '12:00',
      purpose: 'Livraison du chantier',
    });
    await graphql(
      server,
      'mutation($input: ReserveSeriesInput!) { reserveSeries(input: $input) { seriesId } }',
      {
        input: {
          resourceId: roomId,
          memberId: pole.coopId,
          start: parisInstant(addDays(monday, 1), '09:00'),
          end: parisInstant(addDays(monday, 1), '10:00'),
          until: addDays(monday, 15),
          mode: 'SKIP_CONFLICTS',
          purpose: 'Réunion d’équipe',
        },
      },
      pole.memberToken,
    );
    // Another structure's reservation is not the member's own and must not be listed.
    await reserveThroughApi(server, pole.coordinatorToken, { resourceId: roomId, memberId: pole.blobId, date: monday, start: '14:00', end: '15:00' });
  });
  beforeAll(async () => {
    await stage.page.getByRole('link', { name: 'Mes réservations' }).click();
  });

  it('lists the structure’s coming reservations of every resource, each with its free cancellation deadline', async () => {
    const { page } = stage;
    const items = page.getByTestId('my-reservation');
    await expect.poll(() => items.count()).toBe(4);
    const texts = await items.allTextContents();
    expect(texts[0]).toMatch(/^08:00–12:00Camion partagéConfirmée.*Livraison du chantier.*Annulation gratuite jusqu’au sam\. .*08:00 ; après, la réservation reste facturée\./);
    expect(texts.slice(1).every((text) => text.includes('Salle de réunion La Criée') && text.includes('Série hebdomadaire'))).toBe(true);
    expect(texts.join(' ')).not.toContain('Le Blob');
    await screenshot(page, 'e2e-my-reservations');
  });

  it('cancels one reservation after saying until when it is free', async () => {
    const { page } = stage;
    const van = page.getByTestId('my-reservation').filter({ hasText: 'Camion partagé' });
    await van.getByRole('button', { name: /^Annuler la réservation/ }).click();
    const dialog = page.getByTestId('cancel-dialog');
    expect(await dialog.textContent()).toMatch(/Annulation gratuite jusqu’au sam\. .* ; après, la réservation reste facturée\./);
    await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Réservation annulée : Coop Bâtisseurs, lun\. .*08:00–12:00\./);
    await expect.poll(() => page.getByTestId('my-reservation').filter({ hasText: 'Camion partagé' }).count()).toBe(0);
    await expect.poll(() => page.getByText(/^Réservations annulées ou refusées \(1\)/).count()).toBe(1);
  });

  it('cancels a series from one occurrence on, keeping the earlier ones', async () => {
    const { page } = stage;
    const occurrences = page.getByTestId('my-reservation').filter({ hasText: 'Salle de réunion La Criée' });
    await expect.poll(() => occurrences.count()).toBe(3);
    await occurrences.nth(1).getByRole('button', { name: /^Annuler la réservation/ }).click();
    const dialog = page.getByTestId('cancel-dialog');
    await dialog.getByLabel('Cette réservation et les suivantes de la série').check();
    await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(
      '2 réservations de la série annulées (Salle de réunion La Criée).',
    );
    await expect.poll(() => occurrences.count()).toBe(1);
    expect(await occurrences.textContent()).toContain('09:00–10:00');
  });

  it('gives a secret calendar address of the structure’s reservations, to copy, and revokes it', async () => {
    const { page } = stage;
    const feeds = page.getByTestId('calendar-feeds');
    expect(await feeds.getByRole('heading').textContent()).toBe('Agenda externe (iCal)');
    await feeds.getByRole('button', { name: 'Créer une adresse d’agenda' }).click();
    const address = feeds.getByLabel('Adresse de l’agenda (à garder secrète)');
    await expect.poll(() => address.inputValue()).toMatch(/^https?:\/\/.+\.ics$/);
    expect(await feeds.getByRole('button', { name: 'Copier l’adresse' }).count()).toBe(1);
    const url = await address.inputValue();
    const calendar = await fetch(url);
    expect(calendar.status).toBe(200);
    expect(await calendar.text()).toContain('BEGIN:VCALENDAR');
    // Only the secret's hash is kept: once the page is left, the address is not shown again.
    await page.reload();
    await expect.poll(() => feeds.textContent()).toContain('L’adresse n’est montrée qu’à sa création.');
    // What else ends an address: the panel says so, as it ends every address at once.
    expect(await feeds.textContent()).toContain('Un changement de mot de passe, ou la fermeture de toutes vos sessions, révoque aussi vos adresses : il faudra les créer à nouveau.');
    expect(await feeds.getByLabel('Adresse de l’agenda (à garder secrète)').count()).toBe(0);

    // Asked whether to revoke, then kept: the focus goes to the question, then back to « Révoquer ».
    const revoke = feeds.getByRole('button', { name: 'Révoquer', exact: true });
    await revoke.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Révoquer cette adresse \?/);
    await feeds.getByRole('button', { name: 'Garder l’adresse' }).click();
    await expect.poll(() => revoke.evaluate((button) => button === document.activeElement)).toBe(true);
    await revoke.click();
    await feeds.getByRole('button', { name: 'Révoquer l’adresse' }).click();
    await expect.poll(() => feeds.getByRole('status').textContent()).toBe('Adresse révoquée : elle ne donne plus accès aux réservations.');
    // The list of addresses is fetched again after the revocation: the button comes back once it has.
    await expect.poll(() => feeds.getByRole('button', { name: 'Créer une adresse d’agenda' }).count()).toBe(1);
    expect((await fetch(url)).status).toBeGreaterThanOrEqual(400);
  });
});
