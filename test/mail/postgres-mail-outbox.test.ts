import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresIdentityStore } from '../../api/identity/postgres-identity-store.js';
import { type OutgoingMail } from '../../api/mail/mail-outbox.js';
import { PostgresMailOutbox } from '../../api/mail/postgres-mail-outbox.js';
import { createPostgresPool } from '../../eventstore/postgres/postgres-pool.js';
import { postgresSchemaPerCase } from '../support/postgres-schemas.js';
import { describeMailOutbox } from './mail-outbox-contract.js';
import { type MailStores } from './mail-fixture.js';

const postgres = postgresSchemaPerCase();

/** Accounts and outbox in a fresh schema; each outbox opened has its own pool, as each server does. */
async function postgresMailStores(): Promise<MailStores> {
  const url = await postgres.freshSchemaUrl();
  const pools: pg.Pool[] = [];
  const openPool = () => {
    const pool = createPostgresPool(url);
    pools.push(pool);
    return pool;
  };
  const pool = openPool();
  return {
    identity: await PostgresIdentityStore.open(pool),
    outbox: await PostgresMailOutbox.open(pool),
    openOtherOutbox: () => PostgresMailOutbox.open(openPool()),
    close: async () => {
      await Promise.all(pools.map((each) => each.end()));
    },
  };
}

describeMailOutbox('PostgreSQL', postgresMailStores);

describe('the outbox shared by several servers on PostgreSQL', () => {
  it('never hands one mail to two servers claiming at the same moment, and hands every due mail to one of them', async () => {
    const stores = await postgresMailStores();
    try {
      const outboxes = [stores.outbox, ...(await Promise.all([1, 2, 3].map(() => stores.openOtherOutbox())))];
      const now = '2025-03-01T09:00:00.000Z';
      const mails: OutgoingMail[] = Array.from({ length: 40 }, (_, index) => ({
        key: `notice:event-${index}:user-1`, to: `personne${index}@example.test`, subject: `Avis n° ${index}`, text: 'Avis', html: '<p>Avis</p>',
      }));
      for (const mail of mails) await stores.outbox.enqueue(mail, now);

      const claims = await Promise.all(outboxes.flatMap((outbox) => [0, 1].map(() => outbox.claimDue(now, '2025-03-01T09:01:00.000Z', 7))));
      const claimed = claims.flat().map((mail) => mail.key);
      expect(new Set(claimed).size).toBe(claimed.length);
      const rest = await stores.outbox.claimDue(now, '2025-03-01T09:01:00.000Z', 100);
      expect([...claimed, ...rest.map((mail) => mail.key)].sort()).toEqual(mails.map((mail) => mail.key).sort());
      for (const claim of claims) {
        const order = claim.map((mail) => mail.id);
        expect(order).toEqual([...order].sort((left, right) => left - right));
      }
    } finally {
      await stores.close();
    }
  });
});
