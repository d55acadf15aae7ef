import { invoiceNumberingDecider, invoiceNumbersStreamId } from '../../domain/invoicing/invoice-numbering.js';
import { periodsAwaitingNumbers } from '../../projections/invoices/invoices-projection.js';
import { type CommandDependencies, metadataOf, type RequestContext } from '../commands/command-context.js';
import { handleCommand } from '../commands/handle-command.js';

/**
 * Numbers the documents the closes issued. A close freezes its drafts in `PeriodClosed`, then
 * numbers them here; a process that died between the two leaves drafts without numbers, which
 * the next close, or the next start of any server, numbers before anything else, in the order
 * the closes were made. Numbering a period twice appends nothing (the decider is idempotent), so
 * two servers catching up at once cannot number one period twice.
 */
export class InvoiceNumbering {
  constructor(private readonly dependencies: CommandDependencies) {}

  /** Numbers every close's documents still without numbers; returns the position of the last numbering appended, if any. */
  async numberPending(request: RequestContext): Promise<number | null> {
    await this.catchUp();
    let lastPosition: number | null = null;
    for (const period of await periodsAwaitingNumbers(this.dependencies.readModels.db)) {
      lastPosition = (await this.numberPeriod(request, period)) ?? lastPosition;
    }
    if (lastPosition !== null) await this.dependencies.readModels.waitForPosition(lastPosition);
    return lastPosition;
  }

  private async numberPeriod(request: RequestContext, period: Awaited<ReturnType<typeof periodsAwaitingNumbers>>[number]): Promise<number | null> {
    const year = Number(period.issuedOn.slice(0, 4));
    const numbered = await handleCommand(this.dependencies.store, invoiceNumbersStreamId(year), invoiceNumberingDecider(year),
      { type: 'NumberInvoices', data: period }, metadataOf(request, this.dependencies.clock(), period.issuedOn));
    return numbered.events.length === 0 ? null : numbered.position;
  }

  private async catchUp(): Promise<void> {
    await this.dependencies.readModels.waitForPosition(await this.dependencies.store.headPosition());
  }
}
