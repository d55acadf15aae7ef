/** One bar of a chart: a label and a value in the chart's unit (cents, hours…). */
export interface ChartDatum {
  label: string;
  value: number;
}

/**
 * Bar lengths as percentages of the largest absolute value, so a chart of balances (negative
 * when the pôle owes the member) draws both directions from a common zero.
 */
export function barPercents(data: readonly ChartDatum[]): number[] {
  const largest = Math.max(0, ...data.map((datum) => Math.abs(datum.value)));
  if (largest === 0) return data.map(() => 0);
  return data.map((datum) => (Math.abs(datum.value) / largest) * 100);
}
