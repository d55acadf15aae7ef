import { formatMoneyCents } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { PoolShare, SettlementLine } from './finance-types.js';
import { centsDecimalToEuros, formatHundredths, frenchDecimal, roundingIsZero, weightUnitOf } from './share-explanation.js';

/**
 * « Pourquoi je paie ceci ? »: for each pool, the key, the member's weight against the total, the
 * exact share and what the rounding did, all from the API's explanation (nothing recomputed here).
 * `memberName` is given where the reader is not the structure itself (the treasury's settlement):
 * the sentences then name it instead of saying « votre structure ».
 */
export function WhyIPay({ line, memberName }: { line: SettlementLine; memberName?: string }) {
  const { t } = useI18n();
  if (line.poolShares.length === 0) return <p className="muted">{t('finance.why.noPools')}</p>;
  return (
    <div className="why-list">
      {line.poolShares.map((share) => (
        <PoolShareExplanation key={share.poolId} share={share} memberName={memberName} />
      ))}
    </div>
  );
}

function PoolShareExplanation({ share, memberName }: { share: PoolShare; memberName: string | undefined }) {
  const { t, locale } = useI18n();
  const amounts = { pool: share.poolName, amount: formatMoneyCents(share.shareCents, locale) };
  return (
    <details className="why" data-testid="why-i-pay">
      <summary>
        {memberName === undefined ? t('finance.why.summary', amounts) : t('finance.why.summaryOf', amounts)}
      </summary>
      {share.explanations.map((explanation, index) => (
        <div className="why-part" key={index}>
          <p>
            {memberName === undefined
              ? t('finance.why.plain', plainWords(explanation, t, locale))
              : t('finance.why.plainOf', { ...plainWords(explanation, t, locale), member: memberName })}
          </p>
          <details className="why-detail">
            <summary>{t('finance.why.detail')}</summary>
            <ExactCalculation explanation={explanation} ownShare={memberName === undefined} />
          </details>
        </div>
      ))}
    </details>
  );
}

type Explanation = PoolShare['explanations'][number];
type Translate = ReturnType<typeof useI18n>['t'];

/**
 * The share said as a member reads it: euros, whole weights with thousands separators, and a
 * percent; the exact fraction of cents and the rounding stay in « Détail du calcul ».
 */
function plainWords(explanation: Explanation, t: Translate, locale: 'fr' | 'en') {
  const unit = weightUnitOf(explanation);
  const memberWeight = Number(explanation.memberWeight);
  const totalWeight = Number(explanation.totalWeight);
  const readable = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
  return {
    split: formatMoneyCents(explanation.splitAmountCents, locale),
    key: t(`finance.keyKind.${explanation.keyKind}`),
    weight: readable.format(memberWeight),
    total: readable.format(totalWeight),
    unit: unit ? t(`finance.unit.${unit}`) : explanation.weightUnit,
    percent: readable.format(totalWeight === 0 ? 0 : (memberWeight / totalWeight) * 100),
    share: formatMoneyCents(explanation.shareCents, locale),
  };
}

/** The exact share as a fraction of cents, and what the rounding did, from the API's explanation. */
function ExactCalculation({ explanation, ownShare }: { explanation: Explanation; ownShare: boolean }) {
  const { t, locale } = useI18n();
  const money = (cents: number) => formatMoneyCents(cents, locale);
  const unit = weightUnitOf(explanation);
  const unitText = unit ? t(`finance.unit.${unit}`) : explanation.weightUnit;
  const weight = frenchDecimal(explanation.memberWeight, locale).replace(/^\+/, '');
  const total = frenchDecimal(explanation.totalWeight, locale).replace(/^\+/, '');
  return (
    <dl className="facts why-facts">
      <dt>{t('finance.why.key')}</dt>
      <dd>
        {t(`finance.keyKind.${explanation.keyKind}`)}
        {explanation.partPercent !== 100 ? ` — ${t('finance.why.part', { percent: formatHundredths(explanation.partPercent, locale) })}` : null}
      </dd>
      <dt>{t('finance.why.split')}</dt>
      <dd>{money(explanation.splitAmountCents)}</dd>
      <dt>{t('finance.why.weight')}</dt>
      <dd>{t('finance.why.weightOf', { weight, total, unit: unitText })}</dd>
      <dt>{t('finance.why.exact')}</dt>
      <dd>
        {t('finance.why.exactValue', {
          split: money(explanation.splitAmountCents),
          weight,
          total,
          exact: frenchDecimal(centsDecimalToEuros(explanation.exactShareCentsDecimal), locale).replace(/^\+/, ''),
          fraction: explanation.exactShareCents,
        })}
      </dd>
      <dt>{t('finance.why.rounding')}</dt>
      <dd>
        {roundingIsZero(explanation.roundingCentsDecimal)
          ? t('finance.why.roundingNone')
          : t(explanation.receivedLeftoverCent ? 'finance.why.roundingUp' : 'finance.why.roundingDown', {
              floor: money(explanation.floorCents),
              rounding: frenchDecimal(explanation.roundingCentsDecimal, locale),
            })}
      </dd>
      <dt>{t(ownShare ? 'finance.why.share' : 'finance.why.shareOf')}</dt>
      <dd><strong>{money(explanation.shareCents)}</strong></dd>
    </dl>
  );
}
