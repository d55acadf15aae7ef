import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run` with apt-get; playwright-core never downloads one. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with the flags this closed network needs (no background connections). */
/** `hasTouch` gives the page a touch screen, for tests of what a finger does (`page.touchscreen.tap`). */
export async function launchBrowser(
  options: { locale?: string; timezoneId?: string; viewport?: { width: number; height: number }; hasTouch?: boolean } = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  const profile = mkdtempSync(join(tmpdir(), 'mutua-chromium-'));
  const locale = options.locale ?? 'fr-FR';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale,
    // The page's locale alone leaves Chromium's own controls (a date field's jj/mm/aaaa) in
    // American English: they follow the process's language, and its translations (Debian's
    // chromium-l10n).
    env: { ...process.env, ...processLanguage(locale) },
    timezoneId: options.timezoneId ?? 'Europe/Paris',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    hasTouch: options.hasTouch ?? false,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${locale}`,
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** `fr-FR` → the variables that make a Chromium process French. */
function processLanguage(locale: string): Record<string, string> {
  const [language, region] = locale.split('-');
  return { LANGUAGE: language!, LANG: `${language}_${region ?? language!.toUpperCase()}.UTF-8` };
}

export function assertWebAppBuilt(): void {
  if (!existsSync('dist/web/index.html')) throw new Error('The web app is not built: run "npm run build" (npm test does it first).');
}
