import { describe, expect, it } from 'vitest';
import { escapeText, fold, renderICalendar } from './icalendar.js';

describe('iCalendar TEXT values and content lines (RFC 5545)', () => {
  it('escapes backslash, semicolon and comma, and writes every line break as \\n', () => {
    expect(escapeText('a\\b; c, d')).toBe('a\\\\b\\; c\\, d');
    expect(escapeText('un\r\ndeux\ntrois\rquatre')).toBe('un\\ndeux\\ntrois\\nquatre');
    expect(escapeText('\r\r\n\n')).toBe('\\n\\n\\n');
  });

  it('drops the control characters TEXT forbids and keeps the horizontal tab it allows', () => {
    const controls = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((character) => !'\t\r\n'.includes(character));
    expect(escapeText(`a${controls.join('')}\u007fb\tc`)).toBe('ab\tc');
    expect(escapeText('Économie — “sociale”')).toBe('Économie — “sociale”');
  });

  it('renders a document whose every line ends with CRLF and holds at most 75 octets, with no bare CR left', () => {
    const name = `Salle\rdu fond — ${'é'.repeat(60)}`;
    const document = renderICalendar(name, [{
      uid: 'r1@mutua', start: '2026-12-01T09:00:00Z', end: '2026-12-01T11:00:00Z', summary: name, description: `Ordre du jour\rpoint 1\u0000`,
      status: 'CONFIRMED', lastModified: '2026-11-01T08:00:00Z',
    }], new Date('2026-11-02T08:00:00Z'));
    expect(document.replaceAll('\r\n', '')).not.toMatch(/[\r\n\u0000]/);
    for (const line of document.slice(0, -2).split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = document.replaceAll('\r\n ', '');
    expect(unfolded).toContain(`\r\nSUMMARY:Salle\\ndu fond — ${'é'.repeat(60)}\r\n`);
    expect(unfolded).toContain('\r\nDESCRIPTION:Ordre du jour\\npoint 1\r\n');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const folded = fold(`SUMMARY:${'€'.repeat(40)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replaceAll('\r\n ', '')).toBe(`SUMMARY:${'€'.repeat(40)}`);
  });
});
