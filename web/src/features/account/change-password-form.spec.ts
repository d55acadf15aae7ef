import { describe, expect, it } from 'vitest';
import { firstFieldInTrouble } from '../../shared/form-state.js';
import { changePasswordFailureOf, checkPasswordForm, PASSWORD_FIELDS } from './change-password-form.js';

const refusal = (code: string, message: string, extensions: Record<string, unknown> = {}) => ({ graphQLErrors: [{ message, extensions: { code, ...extensions } }] });

describe('checkPasswordForm', () => {
  it('asks for every field and for a confirmation equal to the new password', () => {
    expect(checkPasswordForm({ currentPassword: '', newPassword: '', confirmation: '' })).toEqual([
      { field: 'currentPassword', message: 'account.password.currentMissing' },
      { field: 'newPassword', message: 'account.password.newMissing' },
    ]);
    expect(checkPasswordForm({ currentPassword: 'ancien', newPassword: 'trois mots rares', confirmation: 'trois mots rare' })).toEqual([
      { field: 'confirmation', message: 'account.password.mismatch' },
    ]);
    expect(checkPasswordForm({ currentPassword: 'ancien', newPassword: 'trois mots rares', confirmation: 'trois mots rares' })).toEqual([]);
  });
});

describe('changePasswordFailureOf', () => {
  it('puts the server’s message next to the field its extensions name', () => {
    expect(changePasswordFailureOf(refusal('VALIDATION_FAILED', 'Le mot de passe actuel est incorrect.', { field: 'currentPassword' }))).toEqual({
      kind: 'fields',
      problems: [{ field: 'currentPassword', serverMessage: 'Le mot de passe actuel est incorrect.' }],
    });
    const weak = 'Mot de passe trop facile à deviner. Ajoutez des mots peu courants.';
    expect(changePasswordFailureOf(refusal('VALIDATION_FAILED', weak, { field: 'newPassword' }))).toEqual({
      kind: 'fields',
      problems: [{ field: 'newPassword', serverMessage: weak }],
    });
  });

  it('falls back to the catalogue when the server gives no words', () => {
    expect(changePasswordFailureOf(refusal('VALIDATION_FAILED', ' ', { field: 'newPassword' }))).toEqual({
      kind: 'fields',
      problems: [{ field: 'newPassword', message: 'account.password.newRefused' }],
    });
  });

  it('keeps the wait of a RATE_LIMITED refusal, rounded up', () => {
    expect(changePasswordFailureOf(refusal('RATE_LIMITED', 'Trop de tentatives de connexion : réessayez dans 30 s.', { retryAfterSeconds: 29.2 }))).toEqual({
      kind: 'rateLimited',
      serverMessage: 'Trop de tentatives de connexion : réessayez dans 30 s.',
      retryAfterSeconds: 30,
    });
  });

  it('leaves a refusal naming no field of the form, or another code, to the generic explanation', () => {
    const otherField = refusal('VALIDATION_FAILED', 'Argument invalide.', { field: 'email' });
    expect(changePasswordFailureOf(otherField)).toEqual({ kind: 'server', error: otherField });
    const unavailable = refusal('STORE_UNAVAILABLE', 'Le registre est momentanément indisponible.');
    expect(changePasswordFailureOf(unavailable)).toEqual({ kind: 'server', error: unavailable });
  });
});

describe('firstFieldInTrouble', () => {
  it('follows the order of the form, not of the problems', () => {
    expect(firstFieldInTrouble(PASSWORD_FIELDS, [{ field: 'confirmation', message: 'account.password.mismatch' }, { field: 'currentPassword', message: 'account.password.currentMissing' }])).toBe('currentPassword');
    expect(firstFieldInTrouble(PASSWORD_FIELDS, [])).toBeNull();
  });
});
