import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer } from '../support/mutua-server.js';

/** The browser tests' pôle: the coordination, two member structures and one account for the first. */
export const MEMBER_EMAIL = 'contact@coop-batisseurs.test';
export const MEMBER_PASSWORD = 'un-mot-de-passe-de-membre';

export interface SeededPole {
  coordinatorToken: string;
  memberToken: string;
  coopId: string;
  blobId: string;
}

/** Sends a GraphQL document and fails the test, with the server's words, when it is refused. */
export async function graphql<Data>(server: Pick<RunningServer, 'graphql'>, query: string, variables: Record<string, unknown>, token: string): Promise<Data> {
  const response = await server.graphql<Data>(query, variables, token);
  if (response.errors || !response.data) throw new Error(`GraphQL refused: ${JSON.stringify(response.errors)}`);
  return response.data;
}

export async function seedPole(server: Pick<RunningServer, 'graphql'>): Promise<SeededPole> {
  const coordinatorToken = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  const register = (name: string, legalForm: string) =>
    graphql<{ registerMember: { id: string } }>(
      server,
      'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
      { input: { name, legalForm, joinedOn: '2025-01-01' } },
      coordinatorToken,
    );
  const coop = await register('Coop Bâtisseurs', 'SCOP');
  const blob = await register('Le Blob', 'SAS');
  await graphql(
    server,
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    { input: { email: MEMBER_EMAIL, password: MEMBER_PASSWORD, role: 'MEMBER', memberId: coop.registerMember.id } },
    coordinatorToken,
  );
  const memberToken = await loginAs(server, MEMBER_EMAIL, MEMBER_PASSWORD);
  return { coordinatorToken, memberToken, coopId: coop.registerMember.id, blobId: blob.registerMember.id };
}

/** Open Monday to Friday, 08:00–20:00, with the given rules and closures. */
export const WEEKDAYS_8_TO_20 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' }));

export async function registerResource(
  server: Pick<RunningServer, 'graphql'>,
  token: string,
  input: Record<string, unknown>,
): Promise<string> {
  const data = await graphql<{ registerResource: { id: string } }>(
    server,
    'mutation($input: RegisterResourceInput!) { registerResource(input: $input) { id } }',
    { input: { kind: 'SPACE', openingHours: WEEKDAYS_8_TO_20, ...input } },
    token,
  );
  return data.registerResource.id;
}

export async function reserveThroughApi(
  server: Pick<RunningServer, 'graphql'>,
  token: string,
  input: { resourceId: string; memberId: string; date: string; start: string; end: string; purpose?: string },
): Promise<string> {
  const { date, start, end, ...rest } = input;
  const data = await graphql<{ reserve: { id: string } }>(
    server,
    'mutation($input: ReserveInput!) { reserve(input: $input) { id } }',
    { input: { ...rest, start: parisInstant(date, start), end: parisInstant(date, end) } },
    token,
  );
  return data.reserve.id;
}

/**
 * The booking tests' day (their `TestClock`'s): Tuesday 2 June 2026, 10:00 in Paris. A working day,
 * so « aujourd'hui » opens on a week with bookable days; the weeks they book in, up to a month
 * ahead and two weeks back, hold no clock change (those are at the end of March and October).
 */
export const BOOKING_DAY = '2026-06-02T08:00:00Z';

/** The Paris date `days` days after `now`, the test clock's instant (`YYYY-MM-DD`). */
export function parisDateAhead(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

/** The first Monday at least `days` days after `now`: a weekday far enough away for every rule. */
export function mondayAhead(now: Date, days: number): string {
  const date = parisDateAhead(now, days);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, (8 - weekday) % 7);
}

export function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T12:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** A Paris wall-clock time as an instant with its offset, the way the interface sends it. */
export function parisInstant(date: string, time: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const instant = new Date(`${date}T${time}:00${offset}`);
    const local = instant.toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 16);
    if (local === `${date} ${time}`) return `${date}T${time}:00${offset}`;
  }
  throw new Error(`No Paris instant for ${date} ${time}`);
}

export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.locator('.app-header').waitFor();
}

/**
 * The vertical position of a Paris time in a grid column, read from the column's size and the
 * hours the grid shows. The column is scrolled to the top of the window first, so the point is on
 * screen, where a real pointer can reach it.
 */
export async function pointInColumn(page: Page, column: Locator, time: string): Promise<{ x: number; y: number }> {
  await column.evaluate((element) => element.scrollIntoView({ block: 'start', inline: 'center' }));
  const box = await column.boundingBox();
  if (!box) throw new Error('The grid column is not visible');
  const hours = await page.locator('.time-grid-hour').allTextContents();
  const firstHour = Number(hours[0]!.slice(0, 2));
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const fraction = (hh * 60 + mm - firstHour * 60) / (hours.length * 60);
  // A few pixels inside the step, so that rounding never lands on the one before.
  return { x: box.x + box.width / 2, y: box.y + fraction * box.height + 4 };
}

/** Drags over a grid column from the step at `start` to the step ending at `end`. */
export async function dragOnColumn(page: Page, column: Locator, start: string, end: string, stepMinutes = 15): Promise<void> {
  const from = await pointInColumn(page, column, start);
  const [hh, mm] = end.split(':').map(Number) as [number, number];
  const lastStep = hh * 60 + mm - stepMinutes;
  const to = await pointInColumn(page, column, `${String(Math.floor(lastStep / 60)).padStart(2, '0')}:${String(lastStep % 60).padStart(2, '0')}`);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('.tmp', { recursive: true });
  await page.screenshot({ path: `.tmp/${name}.png`, fullPage: true });
}

/** A date as the interface writes it in French: `1er décembre 2026`, `9 décembre 2026`. */
export function frenchDate(date: string): string {
  const text = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  return text.replace(/^1 /, '1er ');
}

/** French quotation marks around a name, with the no-break spaces French typography puts inside them. */
export const quoted = (name: string) => `«\u00a0${name}\u00a0»`;
