import { type BenchmarkRow, formatCount } from './benchmark.js';

interface Column {
  heading: string;
  alignRight: boolean;
  cell(row: BenchmarkRow): string;
}

const COLUMNS: readonly Column[] = [
  { heading: 'Benchmark', alignRight: false, cell: (row) => row.name },
  { heading: 'Work', alignRight: false, cell: (row) => row.work },
  { heading: 'Time (s)', alignRight: true, cell: (row) => (row.durationMs === undefined ? '' : (row.durationMs / 1_000).toFixed(2)) },
  {
    heading: 'Throughput',
    alignRight: true,
    cell: (row) => (row.rate === undefined ? '' : `${formatCount(Math.round(row.rate))} ${row.rateUnit ?? ''}`.trim()),
  },
  { heading: 'p50 (ms)', alignRight: true, cell: (row) => formatLatency(row.latencyMsP50) },
  { heading: 'p99 (ms)', alignRight: true, cell: (row) => formatLatency(row.latencyMsP99) },
  { heading: 'Notes', alignRight: false, cell: (row) => row.notes ?? '' },
];

/** Sub-millisecond latencies keep three decimals: an fsync on a fast disk is a fraction of one. */
function formatLatency(latencyMs: number | undefined): string {
  if (latencyMs === undefined) return '';
  return latencyMs < 10 ? latencyMs.toFixed(3) : latencyMs.toFixed(1);
}

/** A markdown table whose columns line up in a terminal as well as once rendered. */
export function formatTable(rows: readonly BenchmarkRow[]): string {
  const cells = rows.map((row) => COLUMNS.map((column) => escapeCell(column.cell(row))));
  const widths = COLUMNS.map((column, index) =>
    Math.max(3, column.heading.length, ...cells.map((rowCells) => rowCells[index]!.length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, index) => pad(value, widths[index]!, COLUMNS[index]!.alignRight)).join(' | ')} |`;
  const rule = `| ${widths.map((width, index) => (COLUMNS[index]!.alignRight ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(COLUMNS.map((column) => column.heading)), rule, ...cells.map(line)].join('\n');
}

function pad(value: string, width: number, alignRight: boolean): string {
  return alignRight ? value.padStart(width) : value.padEnd(width);
}

function escapeCell(value: string): string {
  return value.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
