#!/usr/bin/env bash
# installer-check.sh SETUP.exe: what the Windows installer does, under Wine,
# in a private prefix: a silent install for the current user puts the
# program, its Start-menu shortcut and its "Installed apps" entry (with its
# version) in place; a second install over it (an upgrade) works; the
# uninstaller removes the program, the shortcut and the entry, and keeps
# the book in %AppData%\Relance; an install for all users goes to Program
# Files. (wine-smoke.sh then starts the installed app.)
set -euo pipefail
setup=$(readlink -f "$1")
command -v wine >/dev/null || { echo "wine is missing (wine-smoke.sh installs it)" >&2; exit 1; }
tmp=$(mktemp -d)
export HOME=$tmp/home WINEPREFIX=$tmp/prefix WINEARCH=win64 WINEDEBUG=-all \
       WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
trap 'wineserver -k 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir -p "$HOME"
wineboot --init >/dev/null 2>&1
user=$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
drive=$WINEPREFIX/drive_c
local_programs="$drive/users/$user/AppData/Local/Programs/Relance"
start_menu="$drive/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Relance.lnk"
book="$drive/users/$user/AppData/Roaming/Relance/relance.db"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Relance'
fail() { echo "installer: $*" >&2; exit 1; }

wine "$setup" /S
[[ -f $local_programs/relance.exe ]] || fail "relance.exe not installed in $local_programs"
[[ -f $start_menu ]] || fail "no Start-menu shortcut"
version=$(wine reg query "$key" /v DisplayVersion 2>/dev/null | tr -d '\r' | awk '/DisplayVersion/ {print $3}')
[[ -n $version ]] || fail "no Installed apps entry with a version"
echo "ok: installed for the user, Installed apps says version $version"

mkdir -p "$(dirname "$book")" && echo "the owner's book" >"$book"
wine "$setup" /S
[[ -f $local_programs/relance.exe ]] || fail "the upgrade lost relance.exe"
echo "ok: installed again over it (upgrade)"

wine "$local_programs/uninstall.exe" /CurrentUser /S
for _ in $(seq 1 50); do [[ -e $local_programs/relance.exe ]] || break; sleep 0.2; done
[[ ! -e $local_programs/relance.exe ]] || fail "the uninstaller left relance.exe"
[[ ! -e $start_menu ]] || fail "the uninstaller left the shortcut"
! wine reg query "$key" >/dev/null 2>&1 || fail "the uninstaller left the Installed apps entry"
[[ $(cat "$book") == "the owner's book" ]] || fail "the uninstaller touched the book"
echo "ok: uninstalled, the book kept"

# The uninstaller runs from a copy of itself that outlives the files it
# removes: wait for every Wine process to end before installing again, or
# the two installers meet (an install for all users failed so, now and
# then).
wineserver -w
wine "$setup" /S /AllUsers
[[ -f "$drive/Program Files/Relance/relance.exe" ]] || fail "not installed in Program Files for all users"
echo "ok: installed for all users in Program Files"
