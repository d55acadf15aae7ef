import { describe, expect, it } from 'vitest';
import { usageListRefusal } from './usage-list-refusal.js';

const TOO_MANY = 'Plus de 2\u202f000 saisies d’usage sur cette plage : choisissez une structure ou une ressource, ou une plage plus courte.';

describe('usageListRefusal', () => {
  it('gives the server’s words when it refuses the list as asked, since asking again changes nothing', () => {
    expect(usageListRefusal({ graphQLErrors: [{ message: TOO_MANY, extensions: { code: 'VALIDATION_FAILED', field: 'from' } }] })).toBe(TOO_MANY);
  });

  it('leaves every other failure to QueryStatus, which offers to retry', () => {
    expect(usageListRefusal(undefined)).toBeNull();
    expect(usageListRefusal({ networkError: new Error('offline'), graphQLErrors: [] })).toBeNull();
    expect(usageListRefusal({ graphQLErrors: [{ message: 'Non connecté.', extensions: { code: 'UNAUTHENTICATED' } }] })).toBeNull();
    expect(usageListRefusal({ graphQLErrors: [{ message: 'Unexpected error.' }] })).toBeNull();
  });
});
