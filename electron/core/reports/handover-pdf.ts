// The printable handover record (biên bản bàn giao ca trực): an A4 PDF in
// Vietnamese, laid out like a station's paper record, with page numbers, the
// content hash and signature blocks. Fonts are embedded (Be Vietnam Pro, the
// UI's typeface) so diacritics print on any machine.
import type { Handover, HandoverIncident } from '../../contract/shift-schemas';
import type { OfficerBrief } from '../../contract/officer-schemas';
import {
  ALARM_KIND_VI,
  CAMERA_ALARM_KIND_VI,
  CATEGORY_VI,
  END_REASON_VI,
  GAP_REASON_VI,
  SEVERITY_VI,
  STATUS_VI,
  formatDurationVi,
  labelOf,
} from './report-labels-vi';
import {
  drawDetail,
  drawRule,
  BODY_SIZE,
  GREY,
  NO_LIGATURES,
  REPORT_MARGIN as MARGIN,
  RULE,
  SMALL_SIZE,
  drawPageFooters,
  drawSignatureBlocks,
  drawStateHeader,
  renderA4Pdf,
  type Doc,
  type ReportFonts,
} from './pdf-kit-helpers';
import { STATION_UTC_OFFSET_MINUTES, formatStationDateTime } from '../../contract/station-time';

export interface HandoverPdfOptions {
  stationName: string;
  /** Minutes east of UTC for printed times; 420 = Asia/Ho_Chi_Minh. */
  utcOffsetMinutes?: number;
  /** When the report is printed (shown in the footer and the PDF's metadata). */
  generatedAt: number;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

const officerLabel = (o: OfficerBrief) => `${o.rank} ${o.fullName}`;

class HandoverReport {
  private section = 0;
  private readonly width: number;
  private readonly time: (ms: number) => string;

  constructor(
    private readonly doc: Doc,
    private readonly fonts: ReportFonts,
    private readonly h: Handover,
    private readonly opts: HandoverPdfOptions,
  ) {
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
    const offset = opts.utcOffsetMinutes ?? STATION_UTC_OFFSET_MINUTES;
    this.time = (ms) => formatStationDateTime(ms, offset);
  }

  render(): void {
    this.header();
    this.facts();
    const s = this.h.summary;
    this.incidents('Vụ việc phát sinh trong ca', s.incidentsOpened);
    this.incidents('Vụ việc đã cập nhật trong ca (tiếp nhận từ ca trước)', s.incidentsUpdated);
    this.incidents('Vụ việc chưa xử lý xong khi kết thúc ca', s.incidentsStillOpen);
    this.heading('Camera mất kết nối trong ca', s.outages.length);
    this.table(
      ['Camera', 'Từ', 'Đến', 'Thời gian mất (trong ca)'],
      [150, 110, 110, 125],
      s.outages.map((o) => [
        o.cameraName,
        this.time(o.startedAt),
        o.endedAt === null ? 'Chưa khắc phục' : this.time(o.endedAt),
        formatDurationVi(o.durationMs),
      ]),
    );
    this.heading('Đoạn trống ghi hình trong ca', s.recordingGaps.length);
    this.table(
      ['Camera', 'Từ', 'Đến', 'Thời lượng', 'Nguyên nhân'],
      [120, 95, 95, 80, 105],
      s.recordingGaps.map((g) => [
        g.cameraName,
        this.time(g.startMs),
        g.endMs === null ? 'Chưa ghi lại' : this.time(g.endMs),
        formatDurationVi(g.durationMs),
        labelOf(GAP_REASON_VI, g.reason),
      ]),
    );
    this.heading('Trích xuất dữ liệu trong ca', s.exports.length);
    this.table(
      ['Thời gian', 'Nội dung'],
      [120, 375],
      s.exports.map((e) => [this.time(e.atMs), e.label]),
    );
    this.heading('Cảnh báo lưu trữ trong ca', s.storageAlarms.length);
    this.table(
      ['Thời gian', 'Cảnh báo', 'Trạng thái'],
      [120, 250, 125],
      s.storageAlarms.map((a) => [
        this.time(a.atMs),
        labelOf(ALARM_KIND_VI, a.kind),
        a.cleared ? 'Đã hết cảnh báo' : 'Phát sinh',
      ]),
    );
    // Handovers written before these alarms existed have no such list, and print no section.
    if (s.cameraAlarms) {
      this.heading('Cảnh báo hình ảnh và giờ camera trong ca', s.cameraAlarms.length);
      this.table(
        ['Camera', 'Cảnh báo', 'Từ', 'Thời lượng (trong ca)', 'Đã biết'],
        [110, 115, 95, 85, 90],
        s.cameraAlarms.map((a) => [
          a.cameraName,
          labelOf(CAMERA_ALARM_KIND_VI, a.kind),
          this.time(a.startMs),
          a.endMs === null
            ? `${formatDurationVi(a.durationMs)}, chưa hết`
            : formatDurationVi(a.durationMs),
          a.acknowledgedBy ?? 'Chưa',
        ]),
      );
    }
    this.notes();
    this.integrity();
    this.signatures();
    this.footers();
  }

  private header(): void {
    const { doc, fonts } = this;
    drawStateHeader(doc, fonts, this.opts.stationName);

    doc.font(fonts.bold).fontSize(15);
    doc.text('BIÊN BẢN BÀN GIAO CA TRỰC', MARGIN.left, doc.y, {
      width: this.width,
      align: 'center',
    });
    doc.font(fonts.regular).fontSize(BODY_SIZE).fillColor(GREY);
    doc.text(
      `Ca trực từ ${this.time(this.h.shiftStartedAt)} đến ${this.time(this.h.shiftEndedAt)}`,
      {
        width: this.width,
        align: 'center',
      },
    );
    doc.fillColor('black').moveDown(1);
  }

  private facts(): void {
    const h = this.h;
    const lines: Array<[string, string]> = [
      ['Người giao ca', officerLabel(h.outgoing)],
      [
        'Thời gian ca trực',
        `${this.time(h.shiftStartedAt)} – ${this.time(h.shiftEndedAt)} (${formatDurationVi(
          h.shiftEndedAt - h.shiftStartedAt,
        )})`,
      ],
      ['Kết thúc ca', END_REASON_VI[h.endReason]],
      ['Người nhận ca', h.incoming ? officerLabel(h.incoming) : 'Chưa nhận bàn giao'],
    ];
    if (h.acknowledgedAt !== null) lines.push(['Nhận bàn giao lúc', this.time(h.acknowledgedAt)]);
    for (const [label, value] of lines) this.labelled(label, value);
    this.doc.moveDown(0.5);
  }

  /** "Label: value" with the label in bold, wrapping under the left margin. */
  private labelled(label: string, value: string): void {
    const { doc, fonts } = this;
    doc.font(fonts.bold).fontSize(BODY_SIZE).text(`${label}: `, MARGIN.left, doc.y, {
      continued: true,
      width: this.width,
    });
    doc.font(fonts.regular).text(value);
  }

  private heading(title: string, count?: number): void {
    const { doc, fonts } = this;
    // Keep a heading with at least its first lines.
    if (doc.y + 70 > doc.page.maxY()) doc.addPage();
    const number = ROMAN[this.section] ?? String(this.section + 1);
    this.section++;
    doc.moveDown(0.6);
    doc.font(fonts.bold).fontSize(11).fillColor('black');
    const counted = count === undefined ? '' : ` (${count})`;
    doc.text(`${number}. ${title.toLocaleUpperCase('vi')}${counted}`, MARGIN.left, doc.y, {
      width: this.width,
    });
    doc.moveDown(0.3);
  }

  private none(): void {
    this.doc.font(this.fonts.regular).fontSize(BODY_SIZE).fillColor(GREY);
    this.doc.text('Không có.', MARGIN.left, this.doc.y, { width: this.width });
    this.doc.fillColor('black');
  }

  /** Incidents as blocks rather than a table: a description may run to a page. */
  private incidents(title: string, list: HandoverIncident[]): void {
    this.heading(title, list.length);
    if (list.length === 0) return this.none();
    const { doc, fonts } = this;
    list.forEach((i, n) => {
      if (doc.y + 50 > doc.page.maxY()) doc.addPage();
      if (n > 0) this.rule();
      doc.font(fonts.bold).fontSize(BODY_SIZE).fillColor('black');
      doc.text(`${i.code}  ·  ${labelOf(CATEGORY_VI, i.category)}`, MARGIN.left, doc.y, {
        width: this.width,
      });
      doc.font(fonts.regular).fontSize(SMALL_SIZE + 0.5);
      doc.text(
        `Thời gian: ${this.time(i.occurredAt)}   ·   Mức độ: ${labelOf(SEVERITY_VI, i.severity)}` +
          `   ·   Trạng thái: ${labelOf(STATUS_VI, i.status)}`,
        { width: this.width },
      );
      this.detail('Địa điểm', i.location);
      this.detail('Camera', i.cameraNames.length > 0 ? i.cameraNames.join(', ') : '—');
      this.detail('Nội dung', i.description);
    });
  }

  private detail(label: string, value: string): void {
    drawDetail(this.doc, this.fonts, label, value, this.width);
  }

  private rule(): void {
    drawRule(this.doc, this.width);
  }

  private table(head: string[], widths: number[], rows: string[][]): void {
    if (rows.length === 0) return this.none();
    const { doc, fonts } = this;
    doc
      .font(fonts.regular)
      .fontSize(SMALL_SIZE + 0.5)
      .fillColor('black');
    doc.table({
      position: { x: MARGIN.left, y: doc.y },
      columnStyles: widths,
      defaultStyle: { border: 0.5, borderColor: RULE, padding: [3, 4, 3, 4] },
      data: [
        head.map((text) => ({ text, font: { src: fonts.bold }, backgroundColor: '#eeeeee' })),
        ...rows,
      ],
    });
    doc.x = MARGIN.left;
  }

  private notes(): void {
    const h = this.h;
    this.heading('Ghi chú của người giao ca');
    if (h.outgoingNotes.trim()) this.paragraph(h.outgoingNotes);
    else this.none();
    this.heading('Ý kiến của người nhận ca');
    if (h.incomingNote?.trim()) this.paragraph(h.incomingNote);
    else this.none();
  }

  private paragraph(text: string): void {
    this.doc.font(this.fonts.regular).fontSize(BODY_SIZE).fillColor('black');
    this.doc.text(text, MARGIN.left, this.doc.y, { width: this.width });
  }

  private integrity(): void {
    const { doc, fonts } = this;
    // The hash and the signatures stay on one page: a signature page alone could be swapped.
    if (doc.y + 150 > doc.page.maxY()) doc.addPage();
    doc.moveDown(0.8);
    doc.font(fonts.bold).fontSize(SMALL_SIZE).fillColor('black');
    doc.text('Mã kiểm tra toàn vẹn (SHA-256): ', MARGIN.left, doc.y, {
      continued: true,
      width: this.width,
    });
    doc
      .font(fonts.regular)
      .text(this.h.contentHash ?? 'chưa có — biên bản chưa được người nhận ca xác nhận', {
        features: NO_LIGATURES,
      });
    const head = this.h.summary.auditHead;
    if (head) {
      doc.moveDown(0.3).font(fonts.bold).text('Nhật ký hệ thống (dòng cuối khi lập biên bản): ', {
        continued: true,
        width: this.width,
      });
      doc.font(fonts.regular).text(`dòng số ${head.seq} · mã ${head.hash}`, {
        features: NO_LIGATURES,
      });
    }
  }

  private signatures(): void {
    const { doc, fonts, h } = this;
    doc.moveDown(1.2);
    drawSignatureBlocks(doc, fonts, [
      { title: 'NGƯỜI GIAO CA', name: officerLabel(h.outgoing) },
      { title: 'NGƯỜI NHẬN CA', name: h.incoming ? officerLabel(h.incoming) : '' },
    ]);
  }

  private footers(): void {
    drawPageFooters(
      this.doc,
      this.fonts,
      `Biên bản bàn giao ca trực · in lúc ${this.time(this.opts.generatedAt)}`,
    );
  }
}

/** Renders the handover as an A4 PDF. */
export async function renderHandoverPdf(h: Handover, opts: HandoverPdfOptions): Promise<Buffer> {
  return await renderA4Pdf(
    { title: 'Biên bản bàn giao ca trực', author: opts.stationName, createdAt: opts.generatedAt },
    (doc, fonts) => new HandoverReport(doc, fonts, h, opts).render(),
  );
}
