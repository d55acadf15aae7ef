import { type BundleVerification, type ExpectedDigest, verifyBundle } from '../api/audit/bundle/verify-bundle.js';
import { type LedgerProblem } from '../api/audit/integrity/ledger-verifier.js';
import { fileLines } from './bundle-file-lines.js';

/**
 * The offline verifier: a single HTML file a funder opens from their own disk, without Mutua,
 * without a network. It checks an audit bundle with the very modules `npm run verify -- --bundle`
 * runs (hash chains, period closes, header, trailer, log digest), bundled for the browser.
 */
const form = document.querySelector<HTMLFormElement>('#verify')!;
const bundleInput = document.querySelector<HTMLInputElement>('#bundle')!;
const expectInput = document.querySelector<HTMLInputElement>('#expect')!;
const result = document.querySelector<HTMLElement>('#result')!;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void verifyPickedFile();
});

async function verifyPickedFile(): Promise<void> {
  const file = bundleInput.files?.[0];
  const expect = parseExpect(expectInput.value.trim());
  if (!file) return showMessage('error', 'Choisissez d’abord le fichier du paquet d’audit (.jsonl).');
  if (expect === 'invalid') return showMessage('error', 'L’empreinte notée s’écrit « nombre:empreinte », par exemple 1234: suivi des 64 caractères de l’empreinte.');
  showMessage('working', `Vérification de ${file.name} en cours…`);
  try {
    showVerification(file.name, await verifyBundle(fileLines(file), expect ? { expect } : {}));
  } catch (error) {
    showMessage('error', `Le fichier n’a pas pu être lu jusqu’au bout : ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseExpect(text: string): ExpectedDigest | undefined | 'invalid' {
  if (text === '') return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text);
  return match ? { eventCount: Number(match[1]), digest: match[2]! } : 'invalid';
}

function showMessage(kind: 'working' | 'error', text: string): void {
  result.className = kind;
  result.replaceChildren(element('p', text));
}

function showVerification(fileName: string, { report, header }: BundleVerification): void {
  const intact = report.problems.length === 0;
  result.className = intact ? 'intact' : 'altered';
  const origin = header ? `Exporté le ${new Date(header.exportedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}${header.pole.name ? ` par ${header.pole.name}` : ''}${header.pole.siren ? ` (SIREN ${header.pole.siren})` : ''}.` : '';
  const closes = report.periodClosesChecked > 0 ? `, ${report.periodClosesChecked} empreinte(s) de clôture recalculée(s)` : '';
  result.replaceChildren(
    element('h2', intact ? 'Paquet intact : aucune altération' : `Altérations trouvées : ${report.problems.length}`),
    element('p', `${fileName}. ${origin}`),
    element('p', `${report.eventsChecked} événement(s) vérifié(s) dans ${report.streamsChecked} flux${closes}.`),
    ...(intact ? [element('p', 'Empreinte du journal, à noter pour vérifier un paquet ultérieur : '), element('code', `${report.eventsChecked}:${report.logDigest}`, 'digest')] : [problemList(report.problems)]),
  );
  result.querySelector('h2')?.focus();
}

function problemList(problems: readonly LedgerProblem[]): HTMLElement {
  const list = document.createElement('ul');
  for (const problem of problems) {
    const where = problem.streamId === null ? '' : `Flux ${problem.streamId}, révision ${problem.revision} (événement ${problem.eventId}, position ${problem.position}) : `;
    list.append(element('li', `${where}${problem.message} [${problem.kind}]`));
  }
  return list;
}

function element(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  if (tag === 'h2') node.tabIndex = -1;
  return node;
}
