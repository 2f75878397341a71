// The export report as one self-contained HTML file (bien-ban-xuat-du-lieu.html):
// inline CSS sized for A4 printing, no scripts, no external resources. Every
// value is escaped: camera names, locations and descriptions are typed by users.
import { escapeHtml } from './html-escape';
import type { ExportManifest, ManifestCamera } from './export-manifest';
import {
  CAMERA_COLUMNS,
  FILE_COLUMNS,
  MOTTO_VI,
  NATION_VI,
  REPORT_TITLE_EN,
  REPORT_TITLE_VI,
  SECTIONS,
  SIGNERS,
  SIGN_HINT,
  codecLabel,
  fileDescriptionVi,
  filesTotalVi,
  formalDateVi,
  formatBytesVi,
  generalFacts,
  missingLines,
  officerLine,
  timeLines,
  type Labelled,
} from './export-report-text';

const e = escapeHtml;

/** Escaped text with its line breaks kept. */
const lines = (s: string) => e(s).replace(/\n/g, '<br>');

const label = (l: Labelled) => `${e(l.vi)}<span class="en">${e(l.en)}</span>`;

const CSS = `
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
html { background: #e9e9e6; }
body { margin: 0; font: 10.5pt/1.45 "Times New Roman", "Noto Serif", "DejaVu Serif", serif; color: #111; }
.sheet { width: 210mm; min-height: 297mm; margin: 12px auto; padding: 16mm 15mm 18mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.state { display: grid; grid-template-columns: 42% 58%; text-align: center; font-weight: bold; font-size: 10.5pt; }
.state .motto { text-decoration: underline; text-underline-offset: 3px; }
.state .place { font-weight: normal; font-style: italic; margin-top: 6px; }
h1 { text-align: center; font-size: 15pt; margin: 20px 0 0; letter-spacing: .3px; }
.subtitle { text-align: center; color: #555; font-size: 9.5pt; font-style: italic; margin: 2px 0 14px; }
h2 { font-size: 11pt; margin: 16px 0 6px; text-transform: uppercase; break-after: avoid; }
.en { display: block; font-weight: normal; font-size: 7.5pt; color: #666; text-transform: none; font-style: italic; }
h2 .en { display: inline; margin-left: 6px; font-size: 8.5pt; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
th, td { border: 0.6pt solid #888; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #efefec; }
tr { break-inside: avoid; }
table.facts th { width: 32%; }
table.facts td, table.facts th { border-color: #bbb; }
.mono { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 8pt;
  overflow-wrap: anywhere; word-break: break-all; }
.num { text-align: right; white-space: nowrap; }
.muted { color: #555; }
.utc { color: #555; font-size: 8pt; }
.warn { color: #8a3b00; }
.sub { font-size: 8.5pt; }
ol.verify { margin: 4px 0 0; padding-left: 20px; }
ol.verify li { margin: 2px 0; }
ol.verify code, .cmd { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 8.5pt;
  background: #f3f3f0; padding: 0 3px; overflow-wrap: anywhere; }
.en-block { color: #555; font-size: 8.5pt; margin-top: 8px; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; text-align: center; margin-top: 22px; break-inside: avoid; }
.signatures .title { font-weight: bold; }
.signatures .hint { font-style: italic; font-size: 9pt; color: #444; }
.signatures .name { margin-top: 72px; font-weight: bold; }
.foot { margin-top: 18px; border-top: 0.6pt solid #999; padding-top: 4px; color: #666; font-size: 8pt; }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`;

/** Wraps command names in <code> so investigators see exactly what to type. */
function verifyItem(text: string): string {
  return e(text).replace(
    /(sha256sum -c \S+|shasum -a 256 -c \S+|certutil -hashfile &quot;.*?&quot; SHA256|Get-FileHash -Algorithm SHA256 &quot;.*?&quot;)/g,
    '<code>$1</code>',
  );
}

function cameraRow(c: ManifestCamera): string {
  const [fromLocal, fromUtc] = timeLines(c.start);
  const [toLocal, toUtc] = timeLines(c.end);
  const gaps = missingLines(c);
  const noFootage = c.file === null;
  return `<tr>
<td><b>${e(c.name)}</b><div class="sub muted">${e(c.location)}</div>${
    gaps.length > 0
      ? `<div class="sub warn">${gaps.map(e).join('<br>')}</div>`
      : '<div class="sub muted">Đầy đủ hình trong khoảng thời gian</div>'
  }</td>
<td class="mono">${noFootage ? '—' : e(c.file ?? '')}</td>
<td>${noFootage ? '—' : `${e(fromLocal)}<div class="utc">${e(fromUtc)}</div>`}</td>
<td>${noFootage ? '—' : `${e(toLocal)}<div class="utc">${e(toUtc)}</div>`}</td>
<td>${e(codecLabel(c))}</td>
</tr>`;
}

export function renderExportReportHtml(m: ExportManifest): string {
  const facts = generalFacts(m)
    .map((f) => `<tr><th>${label(f)}</th><td>${lines(f.value)}</td></tr>`)
    .join('\n');
  const cameraById = new Map(m.cameras.map((c) => [c.id, c]));
  const files = m.files
    .map((f) => {
      const cam = f.cameraId ? cameraById.get(f.cameraId) : undefined;
      const what = fileDescriptionVi(f, cam?.name);
      return `<tr><td><span class="mono">${e(f.name)}</span><div class="sub muted">${e(what)}</div></td>
<td class="num">${e(formatBytesVi(f.bytes))}</td><td class="mono">${e(f.sha256)}</td></tr>`;
    })
    .join('\n');
  const totalBytes = m.files.reduce((sum, f) => sum + f.bytes, 0);
  const total = filesTotalVi(m.files.length);
  const head = (cols: Labelled[]) => `<tr>${cols.map((c) => `<th>${label(c)}</th>`).join('')}</tr>`;

  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Biên bản trích xuất dữ liệu camera — ${m.incident?.code ?? m.range.start.local}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main class="sheet">
<div class="state">
  <div>${e(m.station.toLocaleUpperCase('vi'))}</div>
  <div>${e(NATION_VI)}<div class="motto">${e(MOTTO_VI)}</div>
    <div class="place">${e(formalDateVi(m.exportedAt.local))}</div></div>
</div>
<h1>${e(REPORT_TITLE_VI)}</h1>
<p class="subtitle">${e(REPORT_TITLE_EN)}</p>

<h2>I. ${label(SECTIONS.general)}</h2>
<table class="facts">${facts}</table>

<h2>II. ${label(SECTIONS.cameras)}</h2>
<table class="cameras">
<colgroup><col style="width:30%"><col style="width:24%"><col style="width:16%"><col style="width:16%"><col style="width:14%"></colgroup>
${head(CAMERA_COLUMNS)}
${m.cameras.map(cameraRow).join('\n')}
</table>

<h2>III. ${label(SECTIONS.files)}</h2>
<table class="files">
<colgroup><col style="width:33%"><col style="width:17%"><col style="width:50%"></colgroup>
${head(FILE_COLUMNS)}
${files}
<tr><td><b>${e(total.label)}</b></td><td class="num">${e(formatBytesVi(totalBytes))}</td>
<td class="sub muted">${e(total.note)}</td></tr>
</table>

<h2>IV. ${label(SECTIONS.verify)}</h2>
<ol class="verify">${m.verify.vi.map((t) => `<li>${verifyItem(t)}</li>`).join('')}</ol>
<div class="en-block" lang="en"><b>In English</b>
<ol class="verify">${m.verify.en.map((t) => `<li>${verifyItem(t)}</li>`).join('')}</ol></div>

<div class="signatures">
  <div><div class="title">${e(SIGNERS.recipient.vi)}</div><div class="hint">${e(SIGN_HINT)}</div>
    <div class="name">&nbsp;</div></div>
  <div><div class="title">${e(SIGNERS.officer.vi)}</div><div class="hint">${e(SIGN_HINT)}</div>
    <div class="name">${e(`${m.officer.rank} ${m.officer.fullName}`)}</div></div>
</div>
<div class="foot">${e(`${REPORT_TITLE_VI} · ${m.exportId} · ${officerLine(m)} · ${m.app.name} ${m.app.version}`)}</div>
</main>
</body>
</html>
`;
}
