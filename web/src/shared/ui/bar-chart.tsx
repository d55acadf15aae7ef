import { useId } from 'react';
import { barPercents, type ChartDatum } from '../chart-scale.js';
import { TableScroll } from './table-scroll.js';

export interface BarChartProps {
  title: string;
  /** The column headings of the table that says the same as the chart. */
  labelHeading: string;
  valueHeading: string;
  data: readonly ChartDatum[];
  format: (value: number) => string;
  /** Said instead of an empty chart and table. */
  emptyText: string;
}

const ROW_HEIGHT = 40;
const BAR_HEIGHT = 14;

/**
 * A horizontal bar chart drawn as inline SVG, hidden from screen readers, followed by the table
 * that carries the same figures: the table is the chart's text alternative, and the figure a
 * treasurer copies from.
 */
export function BarChart({ title, labelHeading, valueHeading, data, format, emptyText }: BarChartProps) {
  const titleId = useId();
  const percents = barPercents(data);
  const height = data.length * ROW_HEIGHT;
  if (data.length === 0) {
    return (
      <figure className="chart" aria-labelledby={titleId}>
        <figcaption id={titleId} className="chart-title">{title}</figcaption>
        <p className="muted">{emptyText}</p>
      </figure>
    );
  }
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">{title}</figcaption>
      {data.length > 0 ? (
        <svg className="chart-svg" width="100%" height={height} aria-hidden="true" focusable="false">
          {data.map((datum, index) => (
            <g key={`${datum.label}-${index}`}>
              <text x="0" y={index * ROW_HEIGHT + 14} className="chart-label">
                {`${datum.label} · ${format(datum.value)}`}
              </text>
              <rect
                x="0"
                y={index * ROW_HEIGHT + 19}
                width={`${Math.max(percents[index] ?? 0, 0.5)}%`}
                height={BAR_HEIGHT}
                rx="2"
                className={datum.value < 0 ? 'chart-bar chart-bar-negative' : 'chart-bar'}
              />
            </g>
          ))}
        </svg>
      ) : null}
      <TableScroll label={title}>
        <table className="table chart-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              <th scope="col" className="numeric">{valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((datum, index) => (
              <tr key={`${datum.label}-${index}`}>
                <th scope="row">{datum.label}</th>
                <td className="numeric">{format(datum.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
