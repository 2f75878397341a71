// Layout pieces shared by the station's printed records (handover, export):
// the embedded Be Vietnam Pro font, the state header of a Vietnamese official
// record, signature blocks and numbered page footers, so every record looks
// like it came from the same office.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

export type Doc = PDFKit.PDFDocument;

export interface ReportFonts {
  regular: string;
  bold: string;
}

export const REPORT_MARGIN = { top: 48, bottom: 56, left: 50, right: 50 };
export const BODY_SIZE = 10;
export const SMALL_SIZE = 8.5;
export const GREY = '#555555';
export const RULE = '#999999';
/**
 * Text options' `features` for hashes and codes: every character its own glyph (the font
 * joins "ff" into a ligature, which hides a digit). fontkit takes a map that switches a
 * feature off; @types/pdfkit only knows the list form.
 */
export const NO_LIGATURES = { liga: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

/** Resolved from node_modules, so it works unbundled and from the packaged app alike. */
export function reportFontFiles(): ReportFonts {
  const require = createRequire(import.meta.url);
  const pkg = '@expo-google-fonts/be-vietnam-pro';
  return {
    regular: require.resolve(`${pkg}/400Regular/BeVietnamPro_400Regular.ttf`),
    bold: require.resolve(`${pkg}/700Bold/BeVietnamPro_700Bold.ttf`),
  };
}

/** An A4 document in our font, drawn by `draw`, returned as bytes. */
export async function renderA4Pdf(
  meta: { title: string; author: string; createdAt: number },
  draw: (doc: Doc, fonts: ReportFonts) => void,
): Promise<Buffer> {
  const fonts = reportFontFiles();
  const doc = new PDFDocument({
    size: 'A4',
    margins: REPORT_MARGIN,
    bufferPages: true,
    // Our own font from the start: pdfkit's default (Helvetica) has no Vietnamese glyphs.
    font: fonts.regular,
    info: { Title: meta.title, Author: meta.author, CreationDate: new Date(meta.createdAt) },
    lang: 'vi-VN',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, fonts);
  doc.end();
  return await done;
}

/** Content width between the margins. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - REPORT_MARGIN.left - REPORT_MARGIN.right;
}

/** Station name on the left, "CỘNG HÒA… / Độc lập - Tự do - Hạnh phúc" on the right. */
export function drawStateHeader(doc: Doc, fonts: ReportFonts, stationName: string): void {
  const width = contentWidth(doc);
  const top = doc.y;
  const leftW = 210;
  const rightX = REPORT_MARGIN.left + leftW + 10;
  const rightW = width - leftW - 10;
  doc.font(fonts.bold).fontSize(BODY_SIZE).fillColor('black');
  doc.text(stationName.toLocaleUpperCase('vi'), REPORT_MARGIN.left, top, {
    width: leftW,
    align: 'center',
  });
  const leftBottom = doc.y;
  doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
  doc.text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, {
    width: rightW,
    align: 'center',
    underline: true,
  });
  doc.y = Math.max(leftBottom, doc.y) + 22;
}

/** Two signature blocks side by side, names printed under the space to sign. */
export function drawSignatureBlocks(
  doc: Doc,
  fonts: ReportFonts,
  blocks: [{ title: string; name: string }, { title: string; name: string }],
): void {
  const width = contentWidth(doc);
  const top = doc.y;
  const colW = width / 2;
  blocks.forEach((b, i) => {
    const x = REPORT_MARGIN.left + i * colW;
    doc.font(fonts.bold).fontSize(BODY_SIZE).fillColor('black');
    doc.text(b.title, x, top, { width: colW, align: 'center' });
    doc.font(fonts.regular).fontSize(SMALL_SIZE).fillColor(GREY);
    doc.text('(Ký, ghi rõ họ tên)', x, doc.y, { width: colW, align: 'center' });
    doc.font(fonts.bold).fontSize(BODY_SIZE).fillColor('black');
    doc.text(b.name, x, top + 70, { width: colW, align: 'center' });
  });
  doc.x = REPORT_MARGIN.left;
}

/** "<text>" on the left and "Trang i/n" on the right of every page; call last. */
export function drawPageFooters(doc: Doc, fonts: ReportFonts, text: string): void {
  const width = contentWidth(doc);
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 36;
    doc.font(fonts.regular).fontSize(SMALL_SIZE).fillColor(GREY);
    doc.text(text, REPORT_MARGIN.left, y, { width, lineBreak: false });
    doc.text(`Trang ${i + 1}/${range.count}`, REPORT_MARGIN.left, y, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** "Label: value" on one flowing line, the label bold (small size), in black. */
export function drawDetail(
  doc: Doc,
  fonts: ReportFonts,
  label: string,
  value: string,
  width: number,
): void {
  doc
    .font(fonts.bold)
    .fontSize(SMALL_SIZE + 0.5)
    .fillColor('black')
    .text(`${label}: `, REPORT_MARGIN.left, doc.y, { continued: true, width });
  doc.font(fonts.regular).text(value);
}

/** A thin grey rule across the content width, with a little air above and below. */
export function drawRule(doc: Doc, width: number): void {
  doc.moveDown(0.3);
  doc
    .moveTo(REPORT_MARGIN.left, doc.y)
    .lineTo(REPORT_MARGIN.left + width, doc.y)
    .lineWidth(0.4)
    .strokeColor(RULE)
    .stroke();
  doc.moveDown(0.3);
}
