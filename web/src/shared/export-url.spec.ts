import { describe, expect, it } from 'vitest';
import { exportUrl } from './export-url.js';

describe('exportUrl', () => {
  it('adds the session token so a browser link is authorised', () => {
    expect(exportUrl('/exports/fec/p1', {}, 'abc')).toBe('/exports/fec/p1?token=abc');
  });
  it('keeps the other parameters before the token', () => {
    expect(exportUrl('/exports/impact.csv', { from: '2026-01-01', to: '2026-02-01' }, 't')).toBe('/exports/impact.csv?from=2026-01-01&to=2026-02-01&token=t');
  });
  it('leaves the path alone when signed out', () => {
    expect(exportUrl('/exports/audit-bundle.jsonl', {}, null)).toBe('/exports/audit-bundle.jsonl');
  });
});
