/**
 * The thread that writes the FECs' pages (see `fecThread`): it opens the configured read models
 * with a connection of its own at its first page and keeps it while it lives, then answers each
 * page with its ISO 8859-15 bytes, which move to the request thread.
 */
import { openConfiguredReadModels } from '../operations/configured-store.js';
import { type MutuaConfig } from '../config.js';
import { answerQuestions, openedOnce } from '../threads/answer-questions.js';
import { type FecPageQuestion } from './fec-thread.js';
import { type FecPage, fecPage } from './fec-pages.js';

// The server has opened them already: no empty file is made in place of one moved or lost.
const readModelsOf = openedOnce((config: MutuaConfig) => openConfiguredReadModels(config, 'reading', { mustExist: true }));

answerQuestions(async ({ config, books, cursor }: FecPageQuestion): Promise<FecPage<Uint8Array>> =>
  fecPage((await readModelsOf(config)).db, books, cursor));
