import { describe, expect, it } from 'vitest';
import { REFUSED_BOOKING_RULES } from '../../../shared/booking-rules.js';
import { ERROR_CODES } from '../../../shared/error-codes.js';
import { describeError } from './error-messages.js';
import { translate } from './i18n/translate.js';
import type { MessageKey } from './i18n/fr.js';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('fr', key, params);

describe('describeError', () => {
  it('completes the conflict sentence with what the server says is in the way', () => {
    expect(describeError({ code: 'RESERVATION_CONFLICT', serverMessage: 'Atelier Bois le réserve de 10:00 à 12:00.' }, t)).toEqual({
      message: 'Ce créneau n’est pas libre : Atelier Bois le réserve de 10:00 à 12:00.',
      detail: null,
    });
  });

  it('still explains a conflict when the server gave no message', () => {
    expect(describeError({ code: 'RESERVATION_CONFLICT', serverMessage: null }, t).message).toBe(
      'Ce créneau n’est pas libre : la capacité de la ressource est déjà atteinte sur cette période.',
    );
  });

  it('explains other refusals in plain French and adds the server’s own words', () => {
    expect(describeError({ code: 'OUTSIDE_OPENING_HOURS', serverMessage: 'Ouvert de 08:00 à 19:00.' }, t)).toEqual({
      message: 'Ce créneau sort des horaires d’ouverture de la ressource.',
      detail: 'Précision du serveur : Ouvert de 08:00 à 19:00.',
    });
  });

  it('explains every code the server may answer with, in French and in English', () => {
    for (const code of ERROR_CODES) {
      for (const locale of ['fr', 'en'] as const) {
        const message = describeError({ code, serverMessage: null }, (key, params) => translate(locale, key, params)).message;
        expect(message, `${locale} ${code}`).not.toMatch(/error\.|^$/);
      }
    }
  });

  it('has a generic message for failures it cannot name', () => {
    expect(describeError({ code: 'UNKNOWN', serverMessage: null }, t).message).toMatch(/^L’opération a échoué/);
  });
});

describe('describeError with a named booking rule', () => {
  it('says which rule was broken, and keeps the server’s figures as detail', () => {
    expect(
      describeError(
        { code: 'BOOKING_RULE_VIOLATED', serverMessage: 'Il faut réserver au moins 120 min à l’avance.', details: { rule: 'minNoticeMinutes' } },
        t,
      ),
    ).toEqual({
      message: 'Ce créneau est trop proche : la ressource demande de réserver plus tôt.',
      detail: 'Précision du serveur : Il faut réserver au moins 120 min à l’avance.',
    });
  });

  it('tells a closure apart from ordinary opening hours', () => {
    expect(describeError({ code: 'OUTSIDE_OPENING_HOURS', serverMessage: null, details: { rule: 'closure' } }, t).message).toBe(
      'La ressource est fermée à cette date.',
    );
  });

  it('gives every rule the domain names a sentence of its own, the refused cancellation of a started reservation included', () => {
    const general = describeError({ code: 'BOOKING_RULE_VIOLATED', serverMessage: null }, t).message;
    for (const rule of REFUSED_BOOKING_RULES) {
      expect(describeError({ code: 'BOOKING_RULE_VIOLATED', serverMessage: null, details: { rule } }, t).message, rule).not.toBe(general);
    }
    expect(
      describeError({ code: 'BOOKING_RULE_VIOLATED', serverMessage: 'Une réservation commencée ne peut plus être annulée.', details: { rule: 'started' } }, t).message,
    ).toBe('Cette réservation a commencé : elle ne peut plus être annulée.');
  });

  it('says of a usage entry ending in the future that usage is entered once it has happened, not in words about reservations', () => {
    const described = describeError(
      { code: 'BOOKING_RULE_VIOLATED', serverMessage: 'Un usage se saisit une fois réalisé : sa fin ne peut pas être dans le futur.', details: { rule: 'usageInFuture' } },
      t,
    );
    expect(described.message).toBe('Cet usage n’est pas encore terminé : il se saisit une fois réalisé, jusqu’à maintenant au plus tard.');
    expect(described.detail).toBe('Précision du serveur : Un usage se saisit une fois réalisé : sa fin ne peut pas être dans le futur.');
  });

  it('falls back to the general sentence for a rule it does not know', () => {
    expect(describeError({ code: 'BOOKING_RULE_VIOLATED', serverMessage: null, details: { rule: 'newRule' } }, t).message).toMatch(
      /^Cette réservation ne respecte pas les règles/,
    );
  });
});
