// The offline player page of an export (xem-video.html): one self-contained
// HTML file that plays the export's MP4s side by side, in sync, from file:// in
// any current browser, with no network and no install. Investigators get the
// station's timeline (local wall-clock time) without our software.
//
// The page carries only what it needs to play (cameras, range, labels), not the
// file hashes: the page is itself a hashed file of the folder.
import { STATION_UTC_OFFSET_MINUTES } from '../../contract/station-time';
import { escapeHtml, jsonForScript } from './html-escape';
import type { ExportManifest } from './export-manifest';

/** What the page's script reads from its JSON block. */
interface PlayerData {
  title: string;
  station: string;
  caseNumber: string;
  offsetMinutes: number;
  startMs: number;
  endMs: number;
  cameras: {
    id: string;
    name: string;
    location: string;
    file: string | null;
    /** URL-encoded relative path for the <video> element. */
    src: string | null;
    codec: string | null;
    startMs: number;
    endMs: number;
    missing: [number, number][];
  }[];
}

/** "+07:00" → 420 */
function offsetMinutes(text: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!match) return STATION_UTC_OFFSET_MINUTES;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function playerData(m: ExportManifest): PlayerData {
  return {
    title: m.incident
      ? [`Vụ việc ${m.incident.code}`, m.incident.location.trim()].filter(Boolean).join(' — ')
      : `Trích xuất ${m.range.start.local} – ${m.range.end.local}`,
    station: m.station,
    caseNumber: m.caseNumber,
    offsetMinutes: offsetMinutes(m.utcOffset),
    startMs: m.range.start.ms,
    endMs: m.range.end.ms,
    cameras: m.cameras.map((c) => ({
      id: c.id,
      name: c.name,
      location: c.location,
      file: c.file,
      src: c.file === null ? null : c.file.split('/').map(encodeURIComponent).join('/'),
      codec: c.codec,
      startMs: c.start.ms,
      endMs: c.end.ms,
      missing: c.missing.map((g) => [g.start.ms, g.end.ms] as [number, number]),
    })),
  };
}

const CSS = `
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: grid; grid-template-rows: auto 1fr auto; background: #101317; color: #e8eaed;
  font: 14px/1.35 "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
header { display: flex; align-items: center; gap: 16px; padding: 8px 14px; background: #1b1f25; border-bottom: 1px solid #2c323a; }
header .what { flex: 1; min-width: 0; }
header .what b { display: block; font-size: 15px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header .what span { color: #9aa3ad; font-size: 12px; }
.clock { text-align: right; font-variant-numeric: tabular-nums; }
.clock .t { font-size: 24px; font-weight: 600; letter-spacing: .5px; }
.clock .d { color: #9aa3ad; font-size: 12px; }
main { display: grid; gap: 4px; padding: 4px; min-height: 0; }
main.solo .tile:not(.on) { display: none; }
main.solo { grid-template-columns: 1fr !important; grid-template-rows: 1fr !important; }
.tile { position: relative; background: #000; min-height: 0; overflow: hidden; border: 1px solid #262b31; cursor: zoom-in; }
main.solo .tile { cursor: zoom-out; }
.tile video { width: 100%; height: 100%; object-fit: contain; display: block; }
.label { position: absolute; left: 0; right: 0; top: 0; padding: 5px 8px; display: flex; gap: 8px; align-items: flex-start;
  background: linear-gradient(rgba(0,0,0,.78), rgba(0,0,0,0)); pointer-events: none; }
.label .n { flex: 1; min-width: 0; }
.label .n b { display: block; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.label .n span { display: block; color: #b9c0c8; font-size: 11px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.label .ct { font-variant-numeric: tabular-nums; font-weight: 600; font-size: 13px; background: rgba(0,0,0,.55);
  padding: 1px 6px; border-radius: 3px; white-space: nowrap; }
.note { position: absolute; inset: 0; display: none; flex-direction: column; align-items: center; justify-content: center; text-align: center;
  padding: 16px; color: #c9d0d8; background: #15181d; font-size: 14px; }
.note small { display: block; color: #8a939d; margin-top: 4px; font-size: 12px; }
.tile.before .note, .tile.empty .note, .tile.failed .note { display: flex; }
.tile.empty .ct { display: none; }
.badge { position: absolute; left: 8px; bottom: 8px; display: none; background: #8a3b00; color: #fff; font-size: 12px;
  padding: 2px 8px; border-radius: 3px; }
.tile.gap .badge { display: block; }
footer { display: grid; grid-template-columns: auto 1fr auto; gap: 14px; align-items: center; padding: 8px 14px;
  background: #1b1f25; border-top: 1px solid #2c323a; }
button { background: #2a3038; color: #e8eaed; border: 1px solid #3a414b; border-radius: 4px; padding: 6px 10px;
  font: inherit; cursor: pointer; min-width: 40px; }
button:hover { background: #343b45; }
button.on { background: #1f6feb; border-color: #1f6feb; }
button:focus-visible, input:focus-visible { outline: 2px solid #58a6ff; outline-offset: 1px; }
.buttons, .speeds { display: flex; gap: 6px; align-items: center; }
#play { min-width: 96px; font-weight: 600; }
.seek { display: grid; grid-template-columns: auto 1fr auto; gap: 10px; align-items: center; font-variant-numeric: tabular-nums; color: #9aa3ad; font-size: 12px; }
.seek input { width: 100%; accent-color: #1f6feb; }
.speeds span { color: #9aa3ad; font-size: 12px; margin-right: 2px; }
.help { grid-column: 1 / -1; color: #7d8590; font-size: 11px; margin-top: -4px; }
`;

// Plain ES5-style browser script (no template literals: it lives in one).
const SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('export-data').textContent);
  var FRAME = 0.04;            // 25 fps
  var TOLERANCE = 0.1;         // seconds a video may drift from the clock before it is re-aligned
  var total = (data.endMs - data.startMs) / 1000;
  var pos = 0, playing = false, rate = 1, lastNow = null;
  var grid = document.getElementById('grid');
  var seek = document.getElementById('seek');
  var playBtn = document.getElementById('play');

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function shifted(ms) { return new Date(ms + data.offsetMinutes * 60000); }
  function timeOf(ms) { var d = shifted(ms); return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()); }
  function dateOf(ms) { var d = shifted(ms); return pad(d.getUTCDate()) + '/' + pad(d.getUTCMonth() + 1) + '/' + d.getUTCFullYear(); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }

  var n = data.cameras.length;
  var cols = n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
  grid.style.gridTemplateColumns = 'repeat(' + cols + ', minmax(0, 1fr))';
  grid.style.gridTemplateRows = 'repeat(' + Math.ceil(n / cols) + ', minmax(0, 1fr))';

  var tiles = data.cameras.map(function (c) {
    var tile = el('div', 'tile');
    tile.setAttribute('data-camera', c.id);
    var label = el('div', 'label');
    var names = el('div', 'n');
    names.appendChild(el('b', null, c.name));
    names.appendChild(el('span', null, c.location));
    var ct = el('div', 'ct', '--:--:--');
    label.appendChild(names);
    label.appendChild(ct);
    var note = el('div', 'note');
    // A gap may be the camera offline or the recorder stopped: say what is seen, not why.
    var badge = el('div', 'badge', 'Không có hình — giữ khung hình cuối');
    var t = { cam: c, tile: tile, ct: ct, note: note, video: null, failed: false,
      offset: (c.startMs - data.startMs) / 1000, span: (c.endMs - c.startMs) / 1000, state: '' };
    if (c.src) {
      var v = document.createElement('video');
      v.muted = true;
      v.playsInline = true;
      v.preload = 'auto';
      v.src = c.src;
      v.addEventListener('error', function () {
        t.failed = true;
        note.textContent = '';
        note.appendChild(document.createTextNode('Trình duyệt này không phát được tệp'));
        note.appendChild(el('small', null, c.file + (c.codec === 'hevc' || c.codec === 'h265'
          ? ' (H.265) — hãy mở bằng VLC hoặc trình phát khác' : ' — hãy mở bằng VLC hoặc trình phát khác')));
        tile.className = 'tile failed';
      });
      v.addEventListener('loadedmetadata', function () { align(true); });
      t.video = v;
      tile.appendChild(v);
    } else {
      tile.className = 'tile empty';
      note.appendChild(document.createTextNode('Không có hình'));
      note.appendChild(el('small', null, 'Camera không có dữ liệu ghi hình trong khoảng thời gian này'));
    }
    tile.appendChild(note);
    tile.appendChild(badge);
    tile.appendChild(label);
    tile.addEventListener('dblclick', function () { toggleSolo(tile); });
    tile.addEventListener('click', function (ev) { if (ev.detail === 1 && grid.classList.contains('solo')) toggleSolo(tile); });
    grid.appendChild(tile);
    return t;
  });

  function toggleSolo(tile) {
    var solo = !grid.classList.contains('solo');
    grid.classList.toggle('solo', solo);
    tiles.forEach(function (t) { t.tile.classList.toggle('on', solo && t.tile === tile); });
  }

  function inGap(t, ms) {
    for (var i = 0; i < t.cam.missing.length; i++) {
      var g = t.cam.missing[i];
      if (ms >= g[0] && ms < g[1]) return true;
    }
    return false;
  }

  function setState(t, state) {
    if (t.state === state) return;
    t.state = state;
    var classes = ['tile'];
    if (state) classes.push(state);
    if (t.tile.classList.contains('on')) classes.push('on');
    t.tile.className = classes.join(' ');
  }

  // Brings every video to the clock; force after a seek or frame step.
  function align(force) {
    var wallMs = data.startMs + pos * 1000;
    tiles.forEach(function (t) {
      if (!t.video || t.failed) return;
      var v = t.video;
      var local = pos - t.offset;
      var end = isFinite(v.duration) && v.duration > 0 ? v.duration : t.span;
      if (local < 0) {
        setState(t, 'before');
        t.note.textContent = '';
        t.note.appendChild(document.createTextNode('Chưa có hình'));
        t.note.appendChild(el('small', null, 'Camera có hình từ ' + timeOf(t.cam.startMs)));
        t.ct.textContent = '--:--:--';
        if (!v.paused) v.pause();
        if (v.currentTime !== 0 && !v.seeking) v.currentTime = 0;
        return;
      }
      var target = Math.min(local, end);
      setState(t, inGap(t, wallMs) ? 'gap' : '');
      if (v.playbackRate !== rate) v.playbackRate = rate;
      if (local >= end) {
        if (!v.paused) v.pause();
      } else if (playing && v.paused) {
        var p = v.play();
        if (p && p.catch) p.catch(function () {});
      } else if (!playing && !v.paused) {
        v.pause();
      }
      if (force || (Math.abs(v.currentTime - target) > TOLERANCE * Math.max(1, rate / 2) && !v.seeking)) {
        v.currentTime = target;
      }
    });
  }

  // The clock follows the first video that is playing its footage, so the others
  // are aligned to real frames; with none playing it runs on the system clock.
  function leader() {
    for (var i = 0; i < tiles.length; i++) {
      var t = tiles[i];
      if (t.video && !t.failed && t.state !== 'before' && !t.video.paused && !t.video.seeking && !t.video.ended) return t;
    }
    return null;
  }

  function waiting() {
    return tiles.some(function (t) {
      return t.video && !t.failed && t.state !== 'before' && (t.video.seeking || t.video.readyState < 3) && pos - t.offset < t.span;
    });
  }

  function showClock() {
    var ms = data.startMs + pos * 1000;
    document.getElementById('now').textContent = timeOf(ms);
    document.getElementById('nowDate').textContent = dateOf(ms);
    document.getElementById('pos').textContent = timeOf(ms);
    if (document.activeElement !== seek) seek.value = String(Math.round(pos * 1000));
    tiles.forEach(function (t) {
      if (!t.video || t.failed || t.state === 'before') return;
      t.ct.textContent = timeOf(t.cam.startMs + t.video.currentTime * 1000);
    });
  }

  function tick(now) {
    if (playing) {
      var lead = leader();
      if (lead) {
        pos = Math.min(total, lead.offset + lead.video.currentTime);
      } else if (lastNow !== null && !waiting()) {
        pos = Math.min(total, pos + ((now - lastNow) / 1000) * rate);
      }
      if (pos >= total) setPlaying(false);
      align(false);
    }
    lastNow = now;
    showClock();
    requestAnimationFrame(tick);
  }

  function setPlaying(on) {
    if (on && pos >= total) pos = 0;
    playing = on;
    playBtn.textContent = on ? '⏸ Tạm dừng' : '▶ Phát';
    playBtn.setAttribute('aria-pressed', String(on));
    align(true);
  }

  function seekTo(seconds) {
    pos = Math.max(0, Math.min(total, seconds));
    align(true);
    showClock();
  }

  function step(frames) {
    setPlaying(false);
    seekTo((Math.round(pos / FRAME) + frames) * FRAME);
  }

  function setRate(r) {
    rate = r;
    Array.prototype.forEach.call(document.querySelectorAll('[data-rate]'), function (b) {
      b.classList.toggle('on', Number(b.getAttribute('data-rate')) === r);
    });
    align(false);
  }

  seek.max = String(Math.round(total * 1000));
  document.getElementById('from').textContent = timeOf(data.startMs);
  document.getElementById('to').textContent = timeOf(data.endMs);
  seek.addEventListener('input', function () { seekTo(Number(seek.value) / 1000); });
  playBtn.addEventListener('click', function () { setPlaying(!playing); });
  document.getElementById('back').addEventListener('click', function () { step(-1); });
  document.getElementById('fwd').addEventListener('click', function () { step(1); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-rate]'), function (b) {
    b.addEventListener('click', function () { setRate(Number(b.getAttribute('data-rate'))); });
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.target === seek && (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight')) ev.preventDefault();
    if (ev.key === ' ') { ev.preventDefault(); setPlaying(!playing); }
    else if (ev.key === 'ArrowLeft') { ev.preventDefault(); if (ev.shiftKey) seekTo(pos - 10); else step(-1); }
    else if (ev.key === 'ArrowRight') { ev.preventDefault(); if (ev.shiftKey) seekTo(pos + 10); else step(1); }
  });
  setRate(1);
  setPlaying(false);
  requestAnimationFrame(tick);
})();
`;

export function renderOfflinePlayerHtml(m: ExportManifest): string {
  const d = playerData(m);
  const e = escapeHtml;
  const sub = [
    d.station,
    m.caseNumber ? `Số công văn: ${m.caseNumber}` : '',
    `Giờ Việt Nam (UTC${m.utcOffset})`,
  ]
    .filter(Boolean)
    .join(' · ');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; media-src 'self' file:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Xem video — ${d.title}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <div class="what"><b>${e(d.title)}</b><span>${e(sub)}</span></div>
  <div class="clock"><div class="t" id="now">--:--:--</div><div class="d" id="nowDate"></div></div>
</header>
<main id="grid" aria-label="Các camera"></main>
<footer>
  <div class="buttons">
    <button id="back" title="Lùi 1 khung hình (←)">⏮ −1</button>
    <button id="play" aria-pressed="false">▶ Phát</button>
    <button id="fwd" title="Tiến 1 khung hình (→)">+1 ⏭</button>
  </div>
  <div class="seek"><span id="from"></span><input id="seek" type="range" min="0" step="40" value="0" aria-label="Thời điểm"><span id="to"></span></div>
  <div class="speeds"><span>Tốc độ</span>
    <button data-rate="0.5">0,5×</button><button data-rate="1">1×</button><button data-rate="2">2×</button><button data-rate="4">4×</button>
  </div>
  <div class="help">Đang xem: <b id="pos">--:--:--</b> · Phím cách: phát/tạm dừng · ←/→: từng khung hình · Shift+←/→: 10 giây · Nhấp đúp vào camera để phóng to</div>
</footer>
<script type="application/json" id="export-data">${jsonForScript(d)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
