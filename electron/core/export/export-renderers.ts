// The three documents of an export folder, all rendered from its manifest.
import type { ExportRenderers } from './export-job';
import { renderExportReportHtml } from './export-report-html';
import { renderExportReportPdf } from './export-report-pdf';
import { renderOfflinePlayerHtml } from './offline-player-html';

export const exportRenderers: ExportRenderers = {
  reportHtml: renderExportReportHtml,
  reportPdf: renderExportReportPdf,
  playerHtml: renderOfflinePlayerHtml,
};
