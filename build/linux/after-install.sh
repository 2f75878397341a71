#!/bin/bash
# The deb's postinst (electron-builder deb.afterInstall; it fills in the two
# electron-builder names written with dollar-brace below, so this script uses
# plain $VAR for its own shell variables: any other dollar-brace name fails
# the build). The first part is electron-builder 26's own after-install
# (templates/linux/after-install.tpl), which a custom script replaces; the
# second installs and starts the station service.

# --- electron-builder's after-install ---------------------------------------

if type update-alternatives >/dev/null 2>&1; then
    # Remove previous link if it doesn't use update-alternatives
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# AppArmor profile (Ubuntu 24+), only where this AppArmor accepts it.
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi

# --- the station service ----------------------------------------------------

SERVICE_USER=station-console
UNIT_SOURCE='/opt/${sanitizedProductName}/resources/linux/station-console.service'
UNIT_TARGET=/lib/systemd/system/station-console.service

# Its own system user and group: recordings belong to the service, not to whoever
# is signed in. The group is how consoles read the runtime file (0640).
if ! getent group "$SERVICE_USER" >/dev/null; then
    groupadd --system "$SERVICE_USER"
fi
if ! getent passwd "$SERVICE_USER" >/dev/null; then
    useradd --system --gid "$SERVICE_USER" --home-dir /var/lib/station-console --no-create-home \
        --shell /usr/sbin/nologin --comment "Truc ban Camera station service" "$SERVICE_USER"
fi

# The desktop user who installs the package (sudo apt / a software centre through
# pkexec) gets the group; others are added by hand (README). Effective at next sign-in.
for desktop_user in "$SUDO_USER" "$(id -nu "$PKEXEC_UID" 2>/dev/null)"; do
    if [ -n "$desktop_user" ] && [ "$desktop_user" != root ] && id "$desktop_user" >/dev/null 2>&1; then
        usermod -aG "$SERVICE_USER" "$desktop_user" || true
    fi
done

install -m 0644 "$UNIT_SOURCE" "$UNIT_TARGET"
if command -v systemctl >/dev/null 2>&1; then
    # enable works without a running systemd (a chroot): the unit starts at next boot.
    systemctl enable station-console.service || true
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload || true
        # restart, not start: an upgrade runs the new code at once.
        systemctl restart station-console.service || true
    fi
fi
