#!/bin/sh
# deps.sh PKG... makes sure the tools to build Relance are installed.
#
# On Debian and Ubuntu it installs the missing packages among PKG... with apt-get, as
# root or through passwordless sudo, and otherwise prints the command to run. Elsewhere
# PKG... is ignored: it checks that Go and the C compiler $CC (default cc; Fyne needs
# cgo) exist and says what to install if not.
set -eu

fail() {
	printf '%s\n' "$@" >&2
	exit 1
}

check_go() {
	command -v go >/dev/null 2>&1 || fail "Go is missing: install Go 1.26 or later from https://go.dev/dl/"
}

deb_missing() {
	for pkg in "$@"; do
		status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
		[ "$status" = "install ok installed" ] || printf ' %s' "$pkg"
	done
}

deb_install() {
	missing=$(deb_missing "$@")
	[ -n "$missing" ] || return 0
	if [ "$(id -u)" = 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo="sudo -n"
	else
		fail "Missing packages:$missing" \
			"Install them with:" \
			"  sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing"
	fi
	echo "Installing:$missing"
	$sudo apt-get update
	# shellcheck disable=SC2086 # word splitting wanted: one argument per package
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
}

check_cc() {
	cc=${CC:-cc}
	command -v "$cc" >/dev/null 2>&1 && return 0
	case "$(uname -s)/$cc" in
	Darwin/*mingw32*) fail "C compiler '$cc' is missing: brew install mingw-w64" ;;
	Darwin/*) fail "C compiler '$cc' is missing: xcode-select --install" ;;
	*/*mingw32*) fail "C compiler '$cc' is missing: install mingw-w64 for x86_64 with your package manager" ;;
	*) fail "C compiler '$cc' is missing: install gcc or clang with your package manager" ;;
	esac
}

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	deb_install "$@"
else
	check_cc
fi
check_go
