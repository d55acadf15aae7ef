/**
 * The thread that writes the audit bundles' pages (see `bundleThread`): it opens the configured
 * store with a connection of its own at its first page and keeps it while it lives, then answers
 * each page with its lines' UTF-8 bytes, which move to the request thread.
 */
import { StoreUnavailableError } from '../../../eventstore/event-store.js';
import { openConfiguredStore, type ConfiguredStore } from '../../operations/configured-store.js';
import { type MutuaConfig } from '../../config.js';
import { answerQuestions, openedOnce } from '../../threads/answer-questions.js';
import { type BundlePageQuestion } from './bundle-thread.js';
import { type BundlePage, bundlePage } from './write-bundle.js';

const storeOf = openedOnce(async (config: MutuaConfig): Promise<ConfiguredStore> => {
  const store = await openConfiguredStore(config);
  if ('missingFile' in store) throw new StoreUnavailableError(`No event store at ${store.missingFile}`);
  return store;
});

answerQuestions(async ({ config, scope, cursor }: BundlePageQuestion): Promise<BundlePage<Uint8Array>> => {
  const page = await bundlePage((await storeOf(config)).store, scope, cursor);
  return { ...page, lines: new TextEncoder().encode(page.lines) };
});
