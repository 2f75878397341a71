#!/bin/bash
# The deb's postrm (electron-builder deb.afterRemove; it fills in the two
# electron-builder names written with dollar-brace below, so this script uses
# plain $VAR for its own shell variables). The first part is electron-builder
# 26's own after-remove (templates/linux/after-remove.tpl); the second stops and
# removes the station service.

# --- electron-builder's after-remove ----------------------------------------

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi

# --- the station service ----------------------------------------------------

# dpkg calls postrm with "upgrade" too: the new version's postinst restarts the
# service then, so only a real removal stops it.
case "$1" in
    remove | purge)
        if command -v systemctl >/dev/null 2>&1; then
            if [ -d /run/systemd/system ]; then
                systemctl stop station-console.service || true
            fi
            systemctl disable station-console.service || true
        fi
        rm -f /lib/systemd/system/station-console.service
        if [ -d /run/systemd/system ]; then
            systemctl daemon-reload || true
        fi
        # Recordings and the database in /var/lib/station-console, and the
        # station-console user that owns them, are kept even on purge: footage
        # may be evidence. Removing them is a deliberate, manual step (README).
        ;;
esac
