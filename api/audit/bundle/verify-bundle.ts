import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { LedgerVerifier, type LedgerProblem, type LedgerReport, recheckCloses } from '../integrity/ledger-verifier.js';
import { BUNDLE_FORMAT_VERSION, type BundleHeader, type BundleLine, type BundleTrailer, parseBundleLine, recordedEventOf } from './bundle-format.js';

/** A digest an auditor noted from an earlier bundle: the log must still begin with those events. */
export interface ExpectedDigest {
  eventCount: number;
  digest: string;
}

export interface BundleVerification {
  report: LedgerReport;
  header: BundleHeader | null;
  trailer: BundleTrailer | null;
}

/**
 * A bundle's text lines, read from the start each time it is called: from a file by
 * `npm run verify` (`bundle-file.ts`), from a file picked in the browser by the offline verifier
 * page. Verification reads them twice (a close's digest is rechecked against the whole log).
 */
export type BundleLines = () => AsyncIterable<string>;

type NumberedLine = { lineNumber: number; line: BundleLine | { malformed: string } };

async function* numberedLines(lines: BundleLines): AsyncGenerator<NumberedLine> {
  let lineNumber = 0;
  for await (const text of lines()) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    yield { lineNumber, line: parseBundleLine(text) };
  }
}

/** The events of a bundle, in its order, skipping what is not a well-formed event line. */
export async function* bundleEvents(lines: BundleLines): AsyncGenerator<RecordedEvent> {
  for await (const { line } of numberedLines(lines)) {
    if ('kind' in line && line.kind === 'event') yield recordedEventOf(line);
  }
}

const bundleProblem = (kind: LedgerProblem['kind'], message: string): LedgerProblem =>
  ({ kind, streamId: null, revision: null, eventId: null, position: null, message });

/**
 * Verifies an audit bundle offline, trusting nothing but the file: its hash chains, its
 * positions, every period close's digest, its header and trailer (counts, log digest), and
 * optionally that it continues a log digest noted from an earlier bundle.
 */
export async function verifyBundle(lines: BundleLines, options: { expect?: ExpectedDigest } = {}): Promise<BundleVerification> {
  const lineProblems: LedgerProblem[] = [];
  let header: BundleHeader | null = null;
  let trailer: BundleTrailer | null = null;
  let verifier: LedgerVerifier | null = null;
  let lastPosition = -1;
  for await (const { lineNumber, line } of numberedLines(lines)) {
    if ('malformed' in line) {
      lineProblems.push(bundleProblem('BUNDLE_MALFORMED', `ligne ${lineNumber} : ${line.malformed}`));
      continue;
    }
    if (trailer !== null) lineProblems.push(bundleProblem('BUNDLE_MALFORMED', `ligne ${lineNumber} : ligne après la ligne finale`));
    if (line.kind === 'header') {
      if (header !== null || lineNumber !== 1) lineProblems.push(bundleProblem('BUNDLE_MALFORMED', `ligne ${lineNumber} : second en-tête`));
      if (line.formatVersion > BUNDLE_FORMAT_VERSION) lineProblems.push(bundleProblem('BUNDLE_MALFORMED', `version ${line.formatVersion} du format, plus récente que celle que cette version de Mutua lit (${BUNDLE_FORMAT_VERSION})`));
      header ??= line;
      verifier ??= new LedgerVerifier({ contiguousPositions: line.positionsContiguous === true });
      continue;
    }
    if (line.kind === 'trailer') {
      trailer = line;
      continue;
    }
    if (verifier === null) {
      lineProblems.push(bundleProblem('BUNDLE_MALFORMED', 'la première ligne n’est pas l’en-tête d’un paquet d’audit Mutua'));
      verifier = new LedgerVerifier();
    }
    if (line.position <= lastPosition) {
      lineProblems.push(bundleProblem('BUNDLE_MALFORMED', `ligne ${lineNumber} : position ${line.position} après ${lastPosition}, hors de l’ordre du journal`));
    }
    lastPosition = Math.max(lastPosition, line.position);
    verifier.check(recordedEventOf(line));
    checkExpectedDigest(verifier, options.expect, lineProblems);
  }
  verifier ??= new LedgerVerifier();
  verifier.problems.push(...(await recheckCloses(verifier.suspects, bundleEvents(lines))));
  const report = verifier.report();
  report.problems.push(...lineProblems, ...envelopeProblems(header, trailer, report, lastPosition, options.expect));
  return { report, header, trailer };
}

function checkExpectedDigest(verifier: LedgerVerifier, expect: ExpectedDigest | undefined, problems: LedgerProblem[]): void {
  if (expect === undefined || verifier.log.eventCount !== expect.eventCount) return;
  if (verifier.log.digest !== expect.digest) {
    problems.push(bundleProblem('UNEXPECTED_DIGEST', `les ${expect.eventCount} premiers événements n’ont pas l’empreinte notée (${expect.digest}) : le journal a été réécrit depuis`));
  }
}

/** Whether the header, the events and the trailer tell the same story. */
function envelopeProblems(header: BundleHeader | null, trailer: BundleTrailer | null, report: LedgerReport, lastPosition: number, expect: ExpectedDigest | undefined): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  if (header === null) problems.push(bundleProblem('BUNDLE_MALFORMED', 'aucun en-tête : ce fichier n’est pas un paquet d’audit Mutua'));
  if (trailer === null) {
    problems.push(bundleProblem('BUNDLE_INCOMPLETE', 'pas de ligne finale : le paquet est tronqué (export interrompu ?)'));
  } else {
    if (trailer.logDigest !== report.logDigest) {
      problems.push(bundleProblem('BUNDLE_DIGEST_MISMATCH', `l’empreinte du journal recalculée (${report.logDigest}) diffère de celle de la ligne finale (${trailer.logDigest})`));
    }
    if (trailer.eventCount !== report.eventsChecked || trailer.headPosition !== lastPosition) {
      problems.push(bundleProblem('BUNDLE_INCOMPLETE', `la ligne finale annonce ${trailer.eventCount} événements jusqu’à la position ${trailer.headPosition}, le paquet en contient ${report.eventsChecked} jusqu’à la position ${lastPosition}`));
    }
  }
  if (header !== null && (header.eventCount !== report.eventsChecked || header.headPosition !== lastPosition)) {
    problems.push(bundleProblem('BUNDLE_INCOMPLETE', `l’en-tête annonce ${header.eventCount} événements jusqu’à la position ${header.headPosition}, le paquet en contient ${report.eventsChecked} jusqu’à la position ${lastPosition}`));
  }
  if (expect !== undefined && report.eventsChecked < expect.eventCount) {
    problems.push(bundleProblem('UNEXPECTED_DIGEST', `le paquet contient ${report.eventsChecked} événements, moins que les ${expect.eventCount} dont l’empreinte a été notée`));
  }
  return problems;
}
