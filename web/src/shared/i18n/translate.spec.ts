import { describe, expect, it } from 'vitest';
import { CATALOGUES, isMessageKey, translate } from './translate.js';

describe('translate', () => {
  it('speaks French first and fills placeholders', () => {
    expect(translate('fr', 'week.title', { date: '24 mars 2025' })).toBe('Semaine du 24 mars 2025');
    expect(translate('en', 'week.title', { date: '24 March 2025' })).toBe('Week of 24 March 2025');
  });

  it('leaves a placeholder without a value visible instead of dropping it', () => {
    expect(translate('fr', 'week.title')).toBe('Semaine du {date}');
    expect(translate('fr', 'week.title', {})).toBe('Semaine du {date}');
  });

  it('has the same placeholders in every locale, so no value is lost in translation', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, french] of Object.entries(CATALOGUES.fr)) {
      expect({ key, placeholders: placeholders(CATALOGUES.en[key as keyof typeof CATALOGUES.en]) }).toEqual({
        key,
        placeholders: placeholders(french),
      });
    }
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
