import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString } from '@cantoo/pdf-lib';
import { type CorrectedInvoice } from '../../domain/invoicing/invoice-document.js';

/*
 * @e-invoice-eu/core 2.3.4, the newest version the npm registry offers here, reads the preceding
 * invoice (BG-3) one level too high when it writes CII (its issue #455, fixed in 3.0): a credit
 * note's CII and Factur-X lose the invoice they correct, which the UBL keeps. Until 3.x can be
 * installed, Mutua writes that one element itself, where CII D16B's sequence puts it.
 */

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const SUMMATION_END = '</ram:SpecifiedTradeSettlementHeaderMonetarySummation>';

/** The CII with its preceding invoice reference (BT-25, BT-26) after the monetary summation, as D16B orders them. */
export function withPrecedingInvoice(cii: string, corrected: CorrectedInvoice | undefined): string {
  if (corrected === undefined || cii.includes('<ram:InvoiceReferencedDocument>')) return cii;
  if (cii.split(SUMMATION_END).length !== 2) throw new Error('Invariant violated: a CII has one header monetary summation');
  const reference = [
    '<ram:InvoiceReferencedDocument>',
    `<ram:IssuerAssignedID>${escapeXml(corrected.number)}</ram:IssuerAssignedID>`,
    `<ram:FormattedIssueDateTime><qdt:DateTimeString format="102">${corrected.issueDate.replaceAll('-', '')}</qdt:DateTimeString></ram:FormattedIssueDateTime>`,
    '</ram:InvoiceReferencedDocument>',
  ].join('');
  return cii.replace(SUMMATION_END, `${SUMMATION_END}${reference}`);
}

function embeddedFileRef(pdf: PDFDocument, filename: string): PDFRef {
  const names = pdf.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
  for (let index = 0; index < names.size(); index += 2) {
    const name = names.lookup(index);
    if ((name instanceof PDFString || name instanceof PDFHexString) && name.decodeText() === filename) {
      const reference = names.lookup(index + 1, PDFDict).lookup(PDFName.of('EF'), PDFDict).get(PDFName.of('F'));
      if (reference instanceof PDFRef) return reference;
    }
  }
  throw new Error(`Invariant violated: the Factur-X embeds no ${filename}`);
}

/** The Factur-X with its embedded `factur-x.xml` replaced by `xml`, the file's other entries kept. */
export async function withFacturXXml(facturX: Uint8Array, xml: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(facturX, { updateMetadata: false });
  const reference = embeddedFileRef(pdf, 'factur-x.xml');
  const previous = pdf.context.lookup(reference, PDFStream);
  const bytes = new TextEncoder().encode(xml);
  const params = previous.dict.lookup(PDFName.of('Params'), PDFDict);
  params.set(PDFName.of('Size'), PDFNumber.of(bytes.length));
  pdf.context.assign(reference, pdf.context.flateStream(bytes, { Type: 'EmbeddedFile', Subtype: 'text/xml', Params: params }));
  return pdf.save();
}
