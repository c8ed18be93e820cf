#!/bin/sh
# package.sh VERSION, on a Mac (Xcode's command-line tools and Go 1.26):
# builds Relance for the Mac it runs on, wraps it in Relance.app with its
# icon and id (fyne package on the built program) and makes a .dmg, all in
# dist/. Signing and notarisation, done by the publisher with their Apple
# Developer ID, are in the README ("macOS").
set -eu
version=${1:?usage: package.sh VERSION}
[ "$(uname)" = Darwin ] || { echo "package.sh builds the macOS app on a Mac (Fyne needs Apple's C compiler)" >&2; exit 1; }
cd "$(dirname "$0")/../.."
mkdir -p dist
go build -tags migrated_fynedo -ldflags "-X relance/cmd/relance/cli.version=$version" -o dist/relance ./cmd/relance
cd dist
rm -rf Relance.app
# The app version is the tag's three numbers: 0.1.0-12-gabc1234 -> 0.1.0.
go run fyne.io/tools/cmd/fyne@v1.7.4 package --os darwin --executable relance --name Relance --app-id fr.relance.app \
	--app-version "${version%%-*}" --icon ../assets/icon.png --release
hdiutil create -volname Relance -srcfolder Relance.app -ov -format UDZO "relance-$version.dmg"
echo "dist/relance-$version.dmg"
