import { formatMoneyCents } from '../../shared/format.js';
import { compareFrench } from '../../../../shared/french-order.js';
import { graphql } from '../../shared/generated/index.js';
import type { CorrectionWithoutCreditNoteRowFragment as CorrectionRow } from '../../shared/generated/graphql.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

/** A late reversal's correction that no credit note carries: its statement does (README « Invoices: what a close issues »). */
export const CorrectionWithoutCreditNoteRowFragment = graphql(`
  fragment CorrectionWithoutCreditNoteRow on CorrectionWithoutCreditNote {
    kind member { id name } correctedPeriodId amountCents vatCents message
  }
`);

export interface CorrectionsWithoutCreditNoteProps {
  corrections: readonly CorrectionRow[];
  /**
   * `closed`: what the period's close left on the statements; `open`: what closing it now would
   * leave, which the treasurer reads before closing; `mine`: a member's statement, its own rows.
   */
  when: 'closed' | 'open' | 'mine';
}

/**
 * One row per correction, with the sentence the close wrote for it (in French, as the statement
 * prints it) and its amount; the period's table names each row's structure. Nothing without any.
 */
export function CorrectionsWithoutCreditNote({ corrections, when }: CorrectionsWithoutCreditNoteProps) {
  const { t, locale } = useI18n();
  if (corrections.length === 0) return null;
  const money = (cents: number) => formatMoneyCents(cents, locale);
  const withMember = when !== 'mine';
  const columns = {
    member: t('invoices.column.member'),
    correction: t('invoices.withoutCreditNote.column.correction'),
    exclTax: t('invoices.column.exclTax'),
    vat: t('invoices.column.vat'),
  };
  const sorted = withMember ? [...corrections].sort((left, right) => compareFrench(left.member.name, right.member.name)) : corrections;
  return (
    <section aria-labelledby="corrections-without-credit-note-heading" data-testid="corrections-without-credit-note">
      <h3 id="corrections-without-credit-note-heading">{t('invoices.withoutCreditNote.title')}</h3>
      <p>{t(`invoices.withoutCreditNote.intro.${when}`)}</p>
      <TableScroll label={t('invoices.withoutCreditNote.caption')}>
        <table className="table table-stack">
          <caption className="visually-hidden">{t('invoices.withoutCreditNote.caption')}</caption>
          <thead>
            <tr>
              {withMember ? <th scope="col">{columns.member}</th> : null}
              <th scope="col">{columns.correction}</th>
              <th scope="col" className="numeric">{columns.exclTax}</th>
              <th scope="col" className="numeric">{columns.vat}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((correction, index) => (
              <tr key={index}>
                {withMember ? <th scope="row" data-label={columns.member}>{correction.member.name}</th> : null}
                {withMember
                  ? <td data-label={columns.correction}>{correction.message}</td>
                  : <th scope="row" data-label={columns.correction}>{correction.message}</th>}
                <td className="numeric" data-label={columns.exclTax}>{money(correction.amountCents)}</td>
                <td className="numeric" data-label={columns.vat}>{money(correction.vatCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
