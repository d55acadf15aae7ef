import { describe, expect, it } from 'vitest';
import { MessageBook, formatMessage, messageArguments } from './icu-messages.js';

const EVENTS = '{count, plural, one {# événement} other {# événements}}';
const NARROW_NO_BREAK_SPACE = '\u202f';

describe('ICU messages', () => {
  it('puts French 0 and 1 in the singular and 2 in the plural', () => {
    expect(formatMessage(EVENTS, 'fr-FR', { count: 0 })).toBe('0 événement');
    expect(formatMessage(EVENTS, 'fr-FR', { count: 1 })).toBe('1 événement');
    expect(formatMessage(EVENTS, 'fr-FR', { count: 2 })).toBe('2 événements');
  });

  it('puts English 0 in the plural', () => {
    const events = '{count, plural, one {# event} other {# events}}';
    expect(formatMessage(events, 'en-GB', { count: 0 })).toBe('0 events');
    expect(formatMessage(events, 'en-GB', { count: 1 })).toBe('1 event');
  });

  it('groups French thousands with a narrow no-break space, as Intl does', () => {
    expect(formatMessage(EVENTS, 'fr-FR', { count: 12_400 })).toBe(`12${NARROW_NO_BREAK_SPACE}400 événements`);
    expect(formatMessage('{count, number}', 'fr-FR', { count: 12_400 })).toBe(new Intl.NumberFormat('fr-FR').format(12_400));
    expect(formatMessage('{count, number}', 'en-GB', { count: 12_400 })).toBe('12,400');
  });

  it('refuses a message that does not parse', () => {
    expect(() => formatMessage('{count, plural, one {# événement}', 'fr-FR', { count: 1 })).toThrow(/Malformed ICU message/);
  });

  it('refuses to format a message without one of its values', () => {
    expect(() => formatMessage('Semaine du {date}', 'fr-FR', {})).toThrow(/date/);
    const book = new MessageBook('fr-FR', { title: 'Semaine du {date}' });
    expect(() => book.format('title')).toThrow(/title \(fr-FR\).*date/);
  });

  it('keeps typographic signs and angle brackets as text', () => {
    expect(formatMessage('Aujourd’hui <b>{name}</b> #1', 'fr-FR', { name: 'Salle' })).toBe('Aujourd’hui <b>Salle</b> #1');
  });

  it('lists the values a message reads, inside plurals too', () => {
    expect(messageArguments('{name} : {count, plural, one {# fois pour {who}} other {# fois}}', 'fr-FR')).toEqual(['count', 'name', 'who']);
    expect(messageArguments('Sans valeur', 'fr-FR')).toEqual([]);
  });
});
