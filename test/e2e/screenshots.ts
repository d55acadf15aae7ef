/**
 * `npm run screenshots`: starts the demo pôle (api/demo.ts) on a fresh data directory and a free
 * port, signs in as each role in Debian's Chromium, and writes PNGs of the main screens at desktop
 * (1280×800) and phone (390×844) sizes into docs/screenshots/, which docs/screenshots/README.md
 * lists. Run it after changing what a screen looks like, and commit the pictures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assertWebAppBuilt, launchBrowser } from '../support/browser.js';
import { freePort } from '../support/free-port.js';
import { SERVER_NODE_FLAGS } from '../../api/server-node-flags.js';

const OUTPUT_FOLDER = 'docs/screenshots';
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
/** The demo server must answer /health within this, or the script gives up. */
const START_TIMEOUT_MS = 120_000;

type Shot = { name: string; open: (page: Page, url: string) => Promise<void> };

/** Opens a screen by its address and waits for its first heading. */
const screen = (hash: string): Shot['open'] => async (page, url) => {
  await page.goto(`${url}/${hash}`);
  await page.locator('main h1').first().waitFor();
};

/** Opens, from a list, the link named `name` (a resource), or the first whose address starts with `hrefPrefix` (a period). */
const linkOf = (hash: string, hrefPrefix: string, name?: string): Shot['open'] => async (page, url) => {
  await screen(hash)(page, url);
  const links = page.locator(`main a[href^="${hrefPrefix}"]`);
  const link = name === undefined ? links.first() : links.filter({ hasText: name }).first();
  await link.waitFor();
  await page.goto(`${url}/${await link.getAttribute('href')}`);
  await page.locator('main h1').first().waitFor();
};

const ROLES: Array<{ role: string; email: string; password: string; shots: Shot[] }> = [
  {
    role: 'member', email: 'contact@coop-batisseurs.demo', password: 'truelle-et-fil-a-plomb',
    shots: [
      { name: 'booking', open: linkOf('#/resources', '#/resources/', 'Salle de réunion La Criée') },
      { name: 'planning', open: screen('#/planning') },
      { name: 'my-structure', open: screen('#/my-structure') },
      { name: 'my-invoices', open: screen('#/my-invoices') },
    ],
  },
  {
    role: 'treasurer', email: 'tresorerie@pole-etang.demo', password: 'libellule-bleue-du-canal',
    shots: [
      { name: 'treasury', open: screen('#/treasury') },
      { name: 'period', open: linkOf('#/treasury', '#/treasury/periods/') },
    ],
  },
  {
    role: 'coordinator', email: 'coordination@pole-etang.demo', password: 'heron-cendre-des-roseaux',
    shots: [
      { name: 'structures', open: screen('#/members') },
      { name: 'accounts', open: screen('#/admin/accounts') },
    ],
  },
  {
    role: 'partner', email: 'audit@region.demo', password: 'loupe-registre-et-compas',
    shots: [
      { name: 'history', open: screen('#/partners/history') },
      { name: 'impact', open: screen('#/partners/impact') },
    ],
  },
];

async function startDemo(dataDirectory: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'api/demo.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MUTUA_DATA_DIR: dataDirectory, MUTUA_BACKUP_DIR: join(dataDirectory, 'backups') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The demo server stopped (exit code ${child.exitCode})`);
    const healthy = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    // /health is up before the demo's users exist: wait for the last one the seed creates.
    if (healthy && (await demoSeeded(url))) return { url, process: child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill();
  throw new Error(`The demo server did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

async function demoSeeded(url: string): Promise<boolean> {
  const last = ROLES[ROLES.length - 1]!;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', variables: { email: last.email, password: last.password } }),
  }).catch(() => null);
  const body = (await response?.json().catch(() => null)) as { data?: { login?: { token?: string } } } | null;
  return typeof body?.data?.login?.token === 'string';
}

async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.locator('.app-header').waitFor();
}

/** Waits until the queries that follow the first heading (lists, statements, charts) have answered. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => ![...document.querySelectorAll('main [role=status]')].some((status) => status.textContent?.includes('Chargement')));
}

async function shootRole(url: string, role: (typeof ROLES)[number]): Promise<void> {
  for (const [sizeName, viewport] of Object.entries(SIZES)) {
    const browser = await launchBrowser({ viewport });
    try {
      const page = await browser.context.newPage();
      await signIn(page, url, role.email, role.password);
      for (const shot of role.shots) {
        await shot.open(page, url);
        await settled(page);
        const path = join(OUTPUT_FOLDER, `${role.role}-${shot.name}-${sizeName}.png`);
        await page.screenshot({ path });
        console.log(path);
      }
    } finally {
      await browser.close();
    }
  }
}

async function main(): Promise<void> {
  assertWebAppBuilt();
  mkdirSync(OUTPUT_FOLDER, { recursive: true });
  const dataDirectory = mkdtempSync(join(tmpdir(), 'mutua-screenshots-'));
  const demo = await startDemo(dataDirectory);
  try {
    for (const role of ROLES) await shootRole(demo.url, role);
  } finally {
    demo.process.kill('SIGTERM');
    await new Promise((resolve) => demo.process.once('exit', resolve));
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

await main();
