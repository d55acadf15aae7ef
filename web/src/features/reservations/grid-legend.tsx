import { useI18n } from '../../shared/i18n/i18n.js';

/** What the colours and hatching of the grid mean. */
export function GridLegend() {
  const { t } = useI18n();
  return (
    <ul className="grid-legend" aria-label={t('grid.legend')}>
      <li>
        <span className="legend-swatch is-confirmed" aria-hidden="true" />
        {t('grid.legendConfirmed')}
      </li>
      <li>
        <span className="legend-swatch is-own" aria-hidden="true" />
        {t('grid.legendOwn')}
      </li>
      <li>
        <span className="legend-swatch is-requested" aria-hidden="true" />
        {t('reservationStatus.REQUESTED')}
      </li>
      <li>
        <span className="legend-swatch is-closed" aria-hidden="true" />
        {t('grid.legendClosed')}
      </li>
    </ul>
  );
}
