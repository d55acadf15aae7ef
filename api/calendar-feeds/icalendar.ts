/**
 * An iCalendar (RFC 5545) document of reservations, as Thunderbird, Google Calendar and Outlook
 * read it: CRLF line ends, lines folded at 75 octets, text escaped, instants in UTC.
 */
export interface CalendarEntry {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string | null;
  status: 'CONFIRMED' | 'TENTATIVE';
  lastModified: string;
}

const MAX_LINE_OCTETS = 75;

export function renderICalendar(name: string, entries: readonly CalendarEntry[], now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mutua//Registre de coopération//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    ...entries.flatMap((entry) => eventLines(entry, now)),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function eventLines(entry: CalendarEntry, now: Date): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${entry.uid}`,
    `DTSTAMP:${utcStamp(now.toISOString())}`,
    `LAST-MODIFIED:${utcStamp(entry.lastModified)}`,
    `DTSTART:${utcStamp(entry.start)}`,
    `DTEND:${utcStamp(entry.end)}`,
    `SUMMARY:${escapeText(entry.summary)}`,
    ...(entry.description ? [`DESCRIPTION:${escapeText(entry.description)}`] : []),
    `STATUS:${entry.status}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** `20261201T130000Z` */
function utcStamp(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, each line break (CRLF,
 * LF or a bare CR) written `\n`, and the other control characters the grammar forbids (CONTROL:
 * U+0000–U+0008, U+000A–U+001F, U+007F) dropped; a horizontal tab is allowed and kept. A bare CR
 * left in would end the content line early for some readers and be part of it for others.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

/** Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character. */
export function fold(line: string): string {
  const chunks: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const character of line) {
    const octets = Buffer.byteLength(character);
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = chunks.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (currentOctets + octets > limit) {
      chunks.push(current);
      current = '';
      currentOctets = 0;
    }
    current += character;
    currentOctets += octets;
  }
  chunks.push(current);
  return chunks.join('\r\n ');
}
