import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_RULES } from '../../../../shared/booking-rules.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import { translate } from '../../shared/i18n/translate.js';
import { describeBookingRules } from './booking-rules-summary.js';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('fr', key, params);
const NBSP = '\u00a0';
const defaults = DEFAULT_BOOKING_RULES;

describe('describeBookingRules', () => {
  it('reads the default rules in four short sentences', () => {
    expect(describeBookingRules(defaults, false, t, 'fr')).toEqual([
      `Une réservation dure de 15${NBSP}min à 31${NBSP}jours.`,
      `Réservable jusqu’à 365${NBSP}jours à l’avance.`,
      `Les créneaux commencent et finissent par pas de 15${NBSP}min.`,
      `Annulation gratuite jusqu’à 1${NBSP}jour avant le début ; ensuite, la réservation reste facturée.`,
    ]);
  });

  it('adds the notice, the buffer and who approves when the resource has them', () => {
    const laser = { ...defaults, minNoticeMinutes: 120, bufferMinutes: 30, requiresApproval: true };
    const sentences = describeBookingRules(laser, true, t, 'fr');
    expect(sentences).toContain(`Réservable au moins 2${NBSP}h et au plus 365${NBSP}jours à l’avance.`);
    expect(sentences).toContain(`30${NBSP}min restent libres avant et après chaque réservation.`);
    expect(sentences.at(-1)).toBe('Chaque réservation est confirmée après validation par la coordination ou la structure propriétaire.');
  });

  it('says cancelling is free until the start when there is no deadline', () => {
    expect(describeBookingRules({ ...defaults, cancellationDeadlineMinutes: 0 }, false, t, 'fr')).toContain(
      'Annulation gratuite jusqu’au début de la réservation.',
    );
  });
});
