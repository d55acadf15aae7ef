import { describe, expect, it } from 'vitest';
import { messageArguments } from '../../../../shared/icu-messages.js';
import { INTL_LOCALE, LOCALES } from './locale.js';
import { CATALOGUES, isMessageKey, translate } from './translate.js';

const NARROW_NO_BREAK_SPACE = '\u202f';

describe('translate', () => {
  it('speaks French first and fills placeholders', () => {
    expect(translate('fr', 'week.title', { date: '24 mars 2025' })).toBe('Semaine du 24 mars 2025');
    expect(translate('en', 'week.title', { date: '24 March 2025' })).toBe('Week of 24 March 2025');
  });

  it('refuses to show a message without one of its parameters', () => {
    expect(() => translate('fr', 'week.title')).toThrow(/week\.title.*date/);
    expect(() => translate('fr', 'week.title', {})).toThrow(/week\.title.*date/);
  });

  it('counts events as French does: 0 and 1 in the singular', () => {
    const events = (count: number) => translate('fr', 'partners.timeTravel.eventsBetween', { count });
    expect(events(0)).toBe('0 événement enregistré');
    expect(events(1)).toBe('1 événement enregistré');
    expect(events(2)).toBe('2 événements enregistrés');
    expect(translate('en', 'partners.timeTravel.eventsBetween', { count: 0 })).toBe('0 events recorded');
  });

  it('writes large counts with French thousands separators', () => {
    expect(translate('fr', 'partners.timeTravel.eventsBetween', { count: 12_400 })).toBe(`12${NARROW_NO_BREAK_SPACE}400 événements enregistrés`);
    expect(translate('en', 'partners.timeTravel.eventsBetween', { count: 12_400 })).toBe('12,400 events recorded');
  });

  it('labels every role the way the pôle names them', () => {
    expect(['COORDINATOR', 'TREASURER', 'MEMBER', 'AUDITOR'].map((role) => translate('fr', `role.${role}` as never))).toEqual([
      'Coordination',
      'Trésorerie',
      'Structure membre',
      'Partenaire / auditeur',
    ]);
  });

  it('recognises enum labels it has, and not those it lacks', () => {
    expect(isMessageKey('legalForm.SCIC')).toBe(true);
    expect(isMessageKey('legalForm.GIE')).toBe(false);
  });
});

describe('the catalogues', () => {
  it('have the same keys in every locale', () => {
    const frenchKeys = Object.keys(CATALOGUES.fr).sort();
    for (const locale of LOCALES) expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(frenchKeys);
  });

  it('hold only messages that parse, with the same parameters in every locale, so no value is lost in translation', () => {
    const problems: string[] = [];
    for (const [key, french] of Object.entries(CATALOGUES.fr)) {
      const expected = messageArguments(french, INTL_LOCALE.fr);
      for (const locale of LOCALES) {
        const message = CATALOGUES[locale][key as keyof typeof CATALOGUES.fr];
        const actual = messageArguments(message, INTL_LOCALE[locale]);
        if (actual.join() !== expected.join()) problems.push(`${locale} ${key}: {${actual.join(', ')}} instead of {${expected.join(', ')}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('format every message in every locale once its parameters are given', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(CATALOGUES[locale])) {
        const params = Object.fromEntries(messageArguments(message, INTL_LOCALE[locale]).map((name) => [name, 2]));
        expect(translate(locale, key as keyof typeof CATALOGUES.fr, params), `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('agree in number with what they count: one day, one pool, several pools', () => {
    expect(translate('fr', 'invoicing.pole.summary', { name: 'Pôle', siret: '73282932000074', days: 1 })).toBe('Pôle, SIRET 73282932000074, échéance à 1 jour');
    expect(translate('fr', 'invoicing.pole.summary', { name: 'Pôle', siret: '73282932000074', days: 0 })).toBe('Pôle, SIRET 73282932000074, échéance à réception');
    const pools = (...names: string[]) => names.map((name) => translate('fr', 'finance.quotedName', { name })).join(', ');
    expect(translate('fr', 'finance.error.noWeightNamed', { pools: pools('Loyer'), count: 1 })).toMatch(/ : le pot «\u00a0Loyer\u00a0» a des coûts .* pour sa clé\.$/);
    expect(translate('fr', 'finance.error.noWeightNamed', { pools: pools('Loyer', 'Fluides'), count: 2 })).toMatch(/ : les pots «\u00a0Loyer\u00a0», «\u00a0Fluides\u00a0» ont des coûts .* pour leur clé\.$/);
  });
});
