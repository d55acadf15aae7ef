import { describe, expect, it } from 'vitest';
import { redactedUrl } from './redacted-url.js';

describe('redactedUrl', () => {
  it('replaces the value of every token parameter, however its name is spelled', () => {
    expect(redactedUrl('/statements/p1/m1.pdf?token=abc.def.ghi')).toBe('/statements/p1/m1.pdf?token=[redacted]');
    expect(redactedUrl('/exports/impact.csv?from=2026-01-01&TOKEN=x&to=2027-01-01')).toBe('/exports/impact.csv?from=2026-01-01&TOKEN=[redacted]&to=2027-01-01');
    expect(redactedUrl('/exports/fec/all?to%6Ben=x&token=y')).toBe('/exports/fec/all?to%6Ben=[redacted]&token=[redacted]');
    expect(redactedUrl('/reset-password?token')).toBe('/reset-password?token=[redacted]');
  });

  it('replaces the secret of a calendar feed address', () => {
    expect(redactedUrl('/calendars/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde.ics')).toBe('/calendars/[secret]');
    expect(redactedUrl('/calendars/secret.ics?x=1')).toBe('/calendars/[secret]?x=1');
  });

  it('leaves other addresses as they are', () => {
    expect(redactedUrl('/graphql')).toBe('/graphql');
    expect(redactedUrl('/exports/impact.csv?from=2026-01-01&to=2027-01-01')).toBe('/exports/impact.csv?from=2026-01-01&to=2027-01-01');
    expect(redactedUrl('/health?tokens=1')).toBe('/health?tokens=1');
  });
});
