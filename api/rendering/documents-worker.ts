/**
 * The thread that writes the server's files from documents (see `documentsThread`): a PDF holds a
 * thread for 55 to 150 ms (pdfkit laying out DejaVu Sans; a Factur-X is then made PDF/A-3 with its
 * CII), a year's zip asks for each of its invoices' files in turn, and the e-invoicing library takes
 * 20 MiB of heap once loaded.
 */
import { answerQuestions } from '../threads/answer-questions.js';
import { documentFile } from './document-files.js';

answerQuestions(documentFile);
