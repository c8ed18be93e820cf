#!/bin/sh
# Installs Relance for the current user, from the unpacked tarball: the
# program in ~/.local/bin, the icon and the menu entry in ~/.local/share.
# Run it again to upgrade; ./install.sh --uninstall removes the program and
# the entry. Your data (~/.local/share/Relance) is never touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${XDG_BIN_HOME:-$HOME/.local/bin}
share=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--uninstall" ]; then
	rm -f "$bin/relance" "$share/applications/relance.desktop" "$share/icons/hicolor/512x512/apps/relance.png"
	echo "Relance removed. Your data stays in $share/Relance."
	exit 0
fi
mkdir -p "$bin" "$share/applications" "$share/icons/hicolor/512x512/apps"
install -m 0755 "$here/relance" "$bin/relance"
install -m 0644 "$here/icon.png" "$share/icons/hicolor/512x512/apps/relance.png"
sed "s|^Exec=relance|Exec=$bin/relance|" "$here/relance.desktop" > "$share/applications/relance.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$share/applications" || true
echo "Relance installed in $bin/relance; it is in your applications menu."
