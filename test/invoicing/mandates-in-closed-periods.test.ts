import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { type LedgerCommands } from '../../api/mutua.js';
import { periodDigest } from '../../domain/finance/period-digest.js';
import { dayChainsOf, findPeriod } from '../../projections/finance/finance-reads.js';
import { type ReadModels } from '../../projections/tables/read-models.js';
import { sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'mandates-test' };
const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'mandates-test' };
const MARCH = { from: '2026-03-01', to: '2026-04-01' };

describe('self-billing mandates dated in a closed period', () => {
  let readModels: ReadModels;
  let commands: LedgerCommands;
  sqliteLedgerForEachTest('mutua-mandates-', () => new Date('2026-04-15T09:00:00Z'), (ledger) => ({ readModels, commands } = ledger));

  /** March closed, an open April, and a fablab whose mandate the treasurer records late. */
  async function aClosedMarch() {
    const fablab = await commands.members.registerMember(coordinator, { name: 'Fablab du Port', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const march = await commands.finance.openPeriod(treasurer, MARCH);
    await commands.finance.openPeriod(treasurer, { from: '2026-04-01', to: '2026-05-01' });
    await commands.finance.closePeriod(treasurer, march.periodId);
    return { fablab, march };
  }

  /** The digest of the period's events as they stand now, against the one its close froze. */
  async function digestStillMatches(periodId: string): Promise<boolean> {
    const period = (await findPeriod(readModels.db, periodId))!;
    return periodDigest(period, await dayChainsOf(readModels.db, period)).value === period.digest?.value;
  }

  it('refuses a grant and a revocation dated before the end of the closed period with PERIOD_CLOSED, so that its digest still matches', async () => {
    const { fablab, march } = await aClosedMarch();
    for (const grantedOn of ['2026-03-10', '2025-06-01']) {
      await expect(commands.invoicingParties.grantMandate(treasurer, { memberId: fablab.memberId, grantedOn, reference: null, vatOnDebits: false }))
        .rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    }
    await commands.invoicingParties.grantMandate(treasurer, { memberId: fablab.memberId, grantedOn: '2026-04-01', reference: null, vatOnDebits: false });
    await expect(commands.invoicingParties.revokeMandate(treasurer, { memberId: fablab.memberId, revokedOn: '2026-03-31' }))
      .rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await commands.invoicingParties.revokeMandate(treasurer, { memberId: fablab.memberId, revokedOn: '2026-04-10' });
    expect(await digestStillMatches(march.periodId)).toBe(true);
  });
});
