import { describe, expect, it } from 'vitest';
import { documentPath } from './document-path.js';

describe('documentPath', () => {
  it('adds the parameters to the path', () => {
    expect(documentPath('/exports/impact.csv', { from: '2026-01-01', to: '2026-02-01' })).toBe('/exports/impact.csv?from=2026-01-01&to=2026-02-01');
  });
  it('leaves a path without parameters alone', () => {
    expect(documentPath('/exports/audit-bundle.jsonl')).toBe('/exports/audit-bundle.jsonl');
  });
});
