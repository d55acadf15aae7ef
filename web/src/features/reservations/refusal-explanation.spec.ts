import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../shared/i18n/fr.js';
import { translate } from '../../shared/i18n/translate.js';
import { explainRefusal } from './refusal-explanation.js';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('fr', key, params);
const NBSP = '\u00a0';
const criee = {
  name: 'La Criée',
  capacity: 1,
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })),
  rules: {
    minDurationMinutes: 60,
    maxDurationMinutes: 4 * 60,
    minNoticeMinutes: 120,
    maxAdvanceDays: 90,
    cancellationDeadlineMinutes: 24 * 60,
    slotGranularityMinutes: 30,
    bufferMinutes: 0,
    requiresApproval: false,
  },
  closures: [{ from: '2025-05-01', to: '2025-05-03', reason: 'Pont du 1er mai' }],
};
// Friday 2 May 2025, 10:00–12:00 in Paris.
const inClosure = { start: '2025-05-02T08:00:00Z', end: '2025-05-02T10:00:00Z' };
const ordinary = { start: '2025-05-06T08:00:00Z', end: '2025-05-06T10:00:00Z' };
const explain = (code: 'OUTSIDE_OPENING_HOURS' | 'BOOKING_RULE_VIOLATED' | 'RESERVATION_CONFLICT', rule?: string, slot = ordinary, resource = criee) =>
  explainRefusal({ code, serverMessage: 'message du serveur', details: rule ? { rule } : {} }, resource, slot, t, 'fr');

describe('explainRefusal', () => {
  it('names the closure a slot falls in, with its last day included and its reason', () => {
    expect(explain('OUTSIDE_OPENING_HOURS', 'closure', inClosure)).toEqual({
      message: `Fermeture de «${NBSP}La Criée${NBSP}» du 1er mai 2025 au 2 mai 2025 inclus : Pont du 1er mai.`,
      detail: 'Choisissez un autre jour.',
    });
  });

  it('gives the opening hours when a slot falls outside them', () => {
    expect(explain('OUTSIDE_OPENING_HOURS')).toEqual({
      message: `Ce créneau sort des horaires d’ouverture de «${NBSP}La Criée${NBSP}».`,
      detail: 'Horaires d’ouverture : lun.–ven. : 09:00–18:00.',
    });
  });

  it('states the broken rule with the resource’s own figures', () => {
    expect(explain('BOOKING_RULE_VIOLATED', 'minDurationMinutes').message).toBe(
      `Ce créneau est trop court : une réservation de «${NBSP}La Criée${NBSP}» dure au moins 1${NBSP}h.`,
    );
    expect(explain('BOOKING_RULE_VIOLATED', 'maxDurationMinutes').message).toMatch(/dure au plus 4\u00a0h\.$/);
    expect(explain('BOOKING_RULE_VIOLATED', 'minNoticeMinutes').message).toMatch(/se réserve au moins 2\u00a0h à l’avance\.$/);
    expect(explain('BOOKING_RULE_VIOLATED', 'maxAdvanceDays').message).toMatch(/se réserve au plus 90\u00a0jours à l’avance\.$/);
    expect(explain('BOOKING_RULE_VIOLATED', 'slotGranularityMinutes').message).toMatch(/pas de 30\u00a0min \(par exemple 10:00, 10:30, 11:00…\)\.$/);
  });

  it('says a slot is in the past when the resource asks for no notice', () => {
    const noNotice = { ...criee, rules: { ...criee.rules, minNoticeMinutes: 0 } };
    expect(explain('BOOKING_RULE_VIOLATED', 'minNoticeMinutes', ordinary, noNotice).message).toBe(
      'Ce créneau a déjà commencé : on ne réserve qu’un créneau à venir.',
    );
  });

  it('names the resource in a conflict, and the margin kept between reservations', () => {
    expect(explain('RESERVATION_CONFLICT').message).toBe(`Ce créneau est déjà pris : une autre réservation de «${NBSP}La Criée${NBSP}» le recouvre.`);
    const withBuffer = { ...criee, rules: { ...criee.rules, bufferMinutes: 15 } };
    expect(explain('RESERVATION_CONFLICT', undefined, ordinary, withBuffer).message).toMatch(/en comptant les 15\u00a0min laissées libres/);
  });

  it('says whose reservation is in the way, and when, from the refusal’s details', () => {
    const details = { conflictingMemberName: 'Coop Bâtisseurs', conflictingStart: '2026-12-08T13:00:00.000Z', conflictingEnd: '2026-12-08T15:30:00.000Z' };
    const explained = explainRefusal({ code: 'RESERVATION_CONFLICT', serverMessage: null, details }, criee, ordinary, t, 'fr');
    expect(explained.detail).toMatch(/^Réservé par Coop Bâtisseurs le .*8.* de 14:00 à 16:30\.$/);
    expect(explain('RESERVATION_CONFLICT').detail).toBeNull();
  });

  it('keeps the server’s words for a shared resource’s capacity and for what it cannot name', () => {
    const coworking = { ...criee, capacity: 12 };
    expect(explain('RESERVATION_CONFLICT', undefined, ordinary, coworking).message).toBe('Ce créneau n’est pas libre : message du serveur');
    const unknownRule = explain('BOOKING_RULE_VIOLATED', 'aNewRule');
    expect(unknownRule.message).toMatch(/^Cette réservation ne respecte pas les règles/);
    expect(unknownRule.detail).toBe('Précision du serveur : message du serveur');
    expect(explainRefusal({ code: 'MEMBER_INACTIVE', serverMessage: null }, null, null, t, 'fr').message).toMatch(/n’est pas membre du pôle/);
  });
});
