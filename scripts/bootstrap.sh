#!/usr/bin/env bash
# One set-up path for developers, maintainers and CI (Debian/Ubuntu):
#   bash scripts/bootstrap.sh start   install what is needed, build, start the console
#   bash scripts/bootstrap.sh test    install what is needed (plus the RTSP test rig), run every test
# Stations themselves install the packaged app (Windows installer / AppImage / deb), not this.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-start}"
case "$mode" in start | test) ;; *)
  echo "Cách dùng / usage: bash scripts/bootstrap.sh start|test" >&2
  exit 2
  ;;
esac

# ffmpeg records and remuxes the cameras; Chromium runs the console when the
# Electron binary is not available (and runs the e2e tests); GStreamer's RTSP
# server is the test rig of real cameras (its tamper mounts also need compositor and
# videobalance from plugins-base/-good and gaussianblur from plugins-bad; its clock-stamp
# mounts draw with cairooverlay, whose Python callback needs python3-gi-cairo); DejaVu gives demo cameras a font
# with Vietnamese glyphs for their burned-in names; chromium-l10n gives Chromium its
# Vietnamese UI language, so its date fields read dd/mm/yyyy. Tests read the PDF reports
# back with poppler's pdftotext. The packaging tests verify the station service's
# systemd unit with systemd-analyze (package systemd) and compile its NSIS
# include with makensis (package nsis). nats-server is the station's leaf node and
# the centre's hub (docs/design/district.md); the centre makes its CA and the hub's
# TLS certificate with openssl.
pkgs=(ffmpeg chromium chromium-l10n fonts-dejavu-core nats-server openssl)
if [ "$mode" = test ]; then
  pkgs+=(python3-gi python3-gi-cairo gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good
    gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-rtsp gstreamer1.0-x poppler-utils
    systemd nsis)
  # A virtual display: the launcher's real Chromium app window is opened and closed in tests.
  pkgs+=(xvfb xauth)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The rig names any GStreamer element (and its Debian package) it still cannot find:
# a rig that starts without one answers 503 on every mount.
if [ "$mode" = test ] && ! rig_check="$(/usr/bin/python3 e2e/rig/rtsp_rig.py --check 2>&1)"; then
  echo "Bộ giả lập camera RTSP thiếu thành phần / the RTSP test rig is incomplete:" >&2
  echo "$rig_check" >&2
  exit 1
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "Cần Node.js 20 trở lên / Node.js 20 or newer is required (found $(node -v))." >&2
  exit 1
fi

# sqlite3 compiles from source here (no prebuilt binary is reachable); it is
# listed in package.json "allowScripts" so npm runs its build.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$mode" = test ]; then
  exec npm test
fi
exec npm start
