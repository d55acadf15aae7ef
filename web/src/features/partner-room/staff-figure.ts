/** The full-time equivalents are shown to two decimals. */
const SMALLEST_FTE_SHOWN = 0.01;

/**
 * How the impact report states shared staff's full-time equivalents: a few hours are a few
 * thousandths of one, which two decimals would round to « 0 ETP », saying there were none; they
 * read « moins de 0,01 ETP » instead.
 */
export function staffFigure(fte: number): { message: 'partners.impact.staffValue' | 'partners.impact.staffValueBelow'; fte: number } {
  return fte > 0 && fte < SMALLEST_FTE_SHOWN
    ? { message: 'partners.impact.staffValueBelow', fte: SMALLEST_FTE_SHOWN }
    : { message: 'partners.impact.staffValue', fte };
}
