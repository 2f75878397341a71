// The export report as an A4 PDF (bien-ban-xuat-du-lieu.pdf), laid out like the
// station's other printed records and stating exactly what the HTML report does
// (both read export-report-text.ts). Hashes print in the embedded report font, in
// two fixed halves of 32 digits, so they can be compared character by character.
import {
  drawDetail,
  drawRule,
  BODY_SIZE,
  GREY,
  NO_LIGATURES,
  REPORT_MARGIN as MARGIN,
  RULE,
  SMALL_SIZE,
  contentWidth,
  drawPageFooters,
  drawSignatureBlocks,
  drawStateHeader,
  renderA4Pdf,
  type Doc,
  type ReportFonts,
} from '../reports/pdf-kit-helpers';
import type { ExportManifest, ManifestCamera } from './export-manifest';
import {
  FILE_COLUMNS,
  REPORT_TITLE_EN,
  REPORT_TITLE_VI,
  SECTIONS,
  SIGNERS,
  codecLabel,
  fileDescriptionVi,
  filesTotalVi,
  formatBytesVi,
  generalFacts,
  missingLines,
  timeLines,
  type Labelled,
} from './export-report-text';

const WARN = '#8a3b00';
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];
const HASH_SIZE = 8;
const LABEL_W = 150;

/**
 * A hash as two lines of 32 hex digits, split at the same place every time. It prints in
 * the embedded font: pdfkit's built-in Courier is not embedded, so each viewer draws it in
 * its own monospace font, taller than Courier's metrics, and the table cell clipped its top.
 */
export function hashCell(sha256: string): string {
  return `${sha256.slice(0, 32)}\n${sha256.slice(32)}`;
}

/** "358 MB" over the exact byte count, which is what a copy check compares. */
function bytesCell(bytes: number): string {
  return formatBytesVi(bytes).replace(/ \((.*)\)$/, '\n$1');
}

class ExportReport {
  private section = 0;
  private readonly width: number;

  constructor(
    private readonly doc: Doc,
    private readonly fonts: ReportFonts,
    private readonly m: ExportManifest,
  ) {
    this.width = contentWidth(doc);
  }

  render(): void {
    const { doc, fonts, m } = this;
    drawStateHeader(doc, fonts, m.station);
    doc.font(fonts.bold).fontSize(15).fillColor('black');
    doc.text(REPORT_TITLE_VI, MARGIN.left, doc.y, { width: this.width, align: 'center' });
    doc
      .font(fonts.regular)
      .fontSize(SMALL_SIZE + 0.5)
      .fillColor(GREY);
    doc.text(REPORT_TITLE_EN, { width: this.width, align: 'center' });
    doc.fillColor('black').moveDown(0.6);

    this.heading(SECTIONS.general);
    for (const f of generalFacts(m)) this.fact(f, f.value);
    this.heading(SECTIONS.cameras);
    m.cameras.forEach((c, i) => this.camera(c, i));
    // The table's head and first rows stay with the heading.
    this.ensure(150);
    this.heading(SECTIONS.files);
    this.files();
    // The instructions and the signatures share a page: a signature page alone could be swapped.
    this.ensure(300);
    this.heading(SECTIONS.verify);
    this.verify();
    this.signatures();
    drawPageFooters(doc, fonts, `${REPORT_TITLE_VI} · ${m.exportId}`);
  }

  private ensure(space: number): void {
    if (this.doc.y + space > this.doc.page.maxY()) this.doc.addPage();
  }

  private heading(l: Labelled): void {
    const { doc, fonts } = this;
    // Keep a heading with at least its first lines.
    this.ensure(70);
    const number = ROMAN[this.section] ?? String(this.section + 1);
    this.section++;
    doc.moveDown(0.6);
    const title = `${number}. ${l.vi.toLocaleUpperCase('vi')}`;
    const top = doc.y;
    doc.font(fonts.bold).fontSize(11).fillColor('black');
    const titleW = doc.widthOfString(title);
    doc.text(title, MARGIN.left, top, { width: this.width });
    const bottom = doc.y;
    // The English subtitle sits on the heading's baseline, in small grey type.
    doc.font(fonts.regular).fontSize(SMALL_SIZE).fillColor(GREY);
    doc.text(l.en, MARGIN.left + titleW + 8, top + 2.5, { lineBreak: false });
    doc.y = bottom;
    doc.fillColor('black').moveDown(0.3);
  }

  /** Label (Vietnamese, English under it) in the left column, value on the right. */
  private fact(l: Labelled, value: string): void {
    const { doc, fonts } = this;
    const valueW = this.width - LABEL_W;
    doc.font(fonts.regular).fontSize(BODY_SIZE);
    this.ensure(Math.max(doc.heightOfString(value, { width: valueW }), 24) + 4);
    const top = doc.y;
    doc.font(fonts.bold).fontSize(BODY_SIZE).fillColor('black');
    doc.text(l.vi, MARGIN.left, top, { width: LABEL_W - 8 });
    doc.font(fonts.regular).fontSize(7).fillColor(GREY);
    doc.text(l.en, MARGIN.left, doc.y, { width: LABEL_W - 8 });
    const leftBottom = doc.y;
    doc.font(fonts.regular).fontSize(BODY_SIZE).fillColor('black');
    doc.text(value, MARGIN.left + LABEL_W, top, { width: valueW });
    doc.y = Math.max(leftBottom, doc.y) + 3;
    doc.x = MARGIN.left;
  }

  /** One block per camera: a table cell is too narrow for both time zones. */
  private camera(c: ManifestCamera, index: number): void {
    const { doc, fonts } = this;
    this.ensure(70);
    if (index > 0) this.rule();
    doc.font(fonts.bold).fontSize(BODY_SIZE).fillColor('black');
    doc.text(`${index + 1}. ${c.name}`, MARGIN.left, doc.y, { width: this.width });
    doc
      .font(fonts.regular)
      .fontSize(SMALL_SIZE + 0.5)
      .fillColor(GREY);
    doc.text(c.location, { width: this.width });
    doc.fillColor('black');
    if (c.file === null) {
      doc.fillColor(WARN).text(missingLines(c).join('\n'), { width: this.width });
      doc.fillColor('black');
      return;
    }
    const [fromLocal, fromUtc] = timeLines(c.start);
    const [toLocal, toUtc] = timeLines(c.end);
    this.detail('Tệp', `${c.file}   ·   ${codecLabel(c)}`);
    this.detail('Từ', `${fromLocal}   (${fromUtc})`);
    this.detail('Đến', `${toLocal}   (${toUtc})`);
    const gaps = missingLines(c);
    if (gaps.length > 0) {
      doc
        .font(fonts.regular)
        .fontSize(SMALL_SIZE + 0.5)
        .fillColor(WARN);
      doc.text(gaps.join('\n'), MARGIN.left, doc.y, { width: this.width });
      doc.fillColor('black');
    } else {
      this.detail('Tình trạng', 'Đầy đủ hình trong khoảng thời gian');
    }
  }

  private detail(label: string, value: string): void {
    drawDetail(this.doc, this.fonts, label, value, this.width);
  }

  private rule(): void {
    drawRule(this.doc, this.width);
  }

  private files(): void {
    const { doc, fonts, m } = this;
    const names = new Map(m.cameras.map((c) => [c.id, c.name]));
    const totalBytes = m.files.reduce((sum, f) => sum + f.bytes, 0);
    const total = filesTotalVi(m.files.length);
    doc.font(fonts.regular).fontSize(7.5).fillColor('black');
    doc.table({
      position: { x: MARGIN.left, y: doc.y },
      // 32 hex digits of 8 pt Be Vietnam Pro (at most 182 pt: all "4") fit the last column
      // with room to spare: pdfkit's wrapper needs a few points more for the line break.
      columnStyles: [217, 78, 200],
      defaultStyle: { border: 0.5, borderColor: RULE, padding: [3, 4, 3, 4] },
      data: [
        FILE_COLUMNS.map((c) => ({
          text: `${c.vi} / ${c.en}`,
          font: { src: fonts.bold, size: 8 },
          backgroundColor: '#eeeeee',
        })),
        ...m.files.map((f) => {
          const camera = f.cameraId ? names.get(f.cameraId) : undefined;
          return [
            `${f.name}\n${fileDescriptionVi(f, camera)}`,
            bytesCell(f.bytes),
            {
              text: hashCell(f.sha256),
              font: { size: HASH_SIZE },
              textOptions: { features: NO_LIGATURES },
            },
          ];
        }),
        [
          { text: total.label, font: { src: fonts.bold } },
          bytesCell(totalBytes),
          { text: total.note, textColor: GREY },
        ],
      ],
    });
    doc.x = MARGIN.left;
  }

  private verify(): void {
    const { doc, fonts, m } = this;
    const list = (items: string[], size: number, color: string) => {
      items.forEach((text, i) => {
        doc.font(fonts.regular).fontSize(size).fillColor(color);
        doc.text(`${i + 1}. ${text}`, MARGIN.left + 8, doc.y, { width: this.width - 8 });
      });
    };
    list(m.verify.vi, SMALL_SIZE + 0.5, 'black');
    doc.moveDown(0.4);
    doc.font(fonts.bold).fontSize(SMALL_SIZE).fillColor(GREY);
    doc.text('In English', MARGIN.left, doc.y, { width: this.width });
    list(m.verify.en, SMALL_SIZE, GREY);
    doc.fillColor('black');
    doc.x = MARGIN.left;
  }

  private signatures(): void {
    const { doc, fonts, m } = this;
    this.ensure(110);
    doc.moveDown(1.2);
    drawSignatureBlocks(doc, fonts, [
      { title: SIGNERS.recipient.vi, name: '' },
      { title: SIGNERS.officer.vi, name: `${m.officer.rank} ${m.officer.fullName}` },
    ]);
  }
}

/** Renders the export report as an A4 PDF. */
export async function renderExportReportPdf(m: ExportManifest): Promise<Buffer> {
  return await renderA4Pdf(
    { title: 'Biên bản trích xuất dữ liệu camera', author: m.station, createdAt: m.exportedAt.ms },
    (doc, fonts) => new ExportReport(doc, fonts, m).render(),
  );
}
