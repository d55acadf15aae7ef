/**
 * The thread that renders invoice files (started by `invoiceRoutes`): a
 * Factur-X holds a thread for a tenth of a second (its PDF, its fonts, PDF/A-3), a year's zip
 * for that many times its invoices, and the e-invoicing library takes 20 MiB of heap once loaded.
 */
import { answerQuestions } from '../threads/answer-questions.js';
import { invoiceFile } from './invoice-files.js';

answerQuestions(invoiceFile);
