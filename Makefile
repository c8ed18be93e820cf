# Relance build. Every go command gets the same -tags so they all share one build
# cache: migrated_fynedo turns on Fyne's fyne.Do threading model, which FyneApp.toml
# declares but only the fyne tool reads.
TAGS     := migrated_fynedo
BIN      := relance
WIN_BIN  := relance.exe
WIN_CC   := x86_64-w64-mingw32-gcc
DEB_PKGS := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
            libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
# The tests read generated PDFs back with pdftotext.
TEST_PKGS := poppler-utils
ARGS     ?=

# The version, from the git tags (vX.Y.Z): the tag, and past it the commits
# since and the commit ("0.1.0-12-gabc1234"); FyneApp.toml's before any tag.
# Windows wants four numbers: the tag's and the commits since it.
GIT_DESC    := $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null)
VERSION     := $(if $(GIT_DESC),$(patsubst v%,%,$(GIT_DESC)),$(shell sed -n 's/^ *Version = "\(.*\)"/\1/p' FyneApp.toml))
WIN_VERSION := $(shell echo '$(VERSION)' | sed -E 's/^([0-9]+)\.([0-9]+)\.([0-9]+)(-([0-9]+))?.*$$/\1.\2.\3.\5/; s/\.$$/.0/')
LDFLAGS     := -X relance/cmd/relance/cli.version=$(VERSION)
DIST        := dist

# Fyne's drivers and the race detector need cgo.
export CGO_ENABLED := 1

.DEFAULT_GOAL := build
.PHONY: deps deps-windows build run test test-pg soak windows package-windows package-linux package-darwin vet-darwin lint bench clean

deps:
	@CC="$(CC)" sh .ci/deps.sh $(DEB_PKGS)

deps-windows:
	@CC="$(WIN_CC)" sh .ci/deps.sh gcc-mingw-w64-x86-64 nsis imagemagick

build: deps
	go build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/relance

run: build
	./$(BIN) $(ARGS)

# The race detector slows Fyne's widget tests tenfold (app/ui took 9.5 of
# go test's 10 minutes on a busy 2-core machine), while they run background
# work in line and so give it little to find: app/ui runs without it, but
# for the tests that run the background path as the window does
# (TestBackground*), every other package with it. The kill test (200
# writers killed at random) runs without it: the race detector slows each
# writer tenfold and has nothing to find across processes. Timeouts are
# explicit so that a hang fails fast.
test: deps
	@CC="$(CC)" sh .ci/deps.sh $(DEB_PKGS) $(TEST_PKGS)
	go vet -tags $(TAGS) ./...
	go test -race -timeout 15m -tags $(TAGS) $$(go list -tags $(TAGS) ./... | grep -v '/app/ui')
	go test -race -timeout 5m -tags $(TAGS) -run '^TestBackground' ./app/ui/...
	go test -timeout 5m -tags $(TAGS) ./app/ui/...
	go test -timeout 5m -tags $(TAGS) -count=1 -run '^TestKilledWritesLoseNothingCommitted$$' ./data/

# A shared book on PostgreSQL, against a throwaway cluster that .ci/pg.sh
# starts on 127.0.0.1 for the run (passwords, TLS under a throwaway CA)
# and removes after (Debian's postgresql package, openssl for the
# certificates): the store's whole test suite, each test on a database of
# its own, with the PostgreSQL tests (the schema against SQLite's, the
# triggers, every list query, two PCs claiming and listening); the shared
# book's connection (TLS verify-full, the troubles said); the archived
# files kept in the book; and two send-due processes on one book, round
# after round, sending each reminder once. The kill test is SQLite's: make
# test runs it.
test-pg: deps
	@CC="$(CC)" sh .ci/deps.sh $(DEB_PKGS) postgresql openssl
	RELANCE_TEST_STORE=postgres sh .ci/pg.sh sh -c '\
		go test -timeout 10m -tags $(TAGS) -count=1 -skip "^TestKilledWritesLoseNothingCommitted$$" \
			./data/ ./app/sharedbook/ ./app/archive/ && \
		go test -timeout 5m -tags $(TAGS) -count=1 -run "^(TestTwoProcessesSendOnce|TestMoveToTheServerAndBack|TestSharedBook.*|TestMoveThisBookToAServer)$$" ./cmd/relance/cli/ ./app/mail/ ./app/ui/settings/'

# The crash test at length: a process writing to the book is killed at a
# random moment 2,000 times (make test does it 200 times); after each kill
# the book must check and hold every commit it said it made.
SOAK_KILLS ?= 2000
soak: deps
	RELANCE_KILL_COUNT=$(SOAK_KILLS) go test -timeout 120m -tags $(TAGS) -count=1 -run '^TestKilledWritesLoseNothingCommitted$$' -v ./data/

# The .exe carries its icon, version and manifest (cmd/relance's .syso,
# written by go-winres, which go build links for Windows only).
windows: deps-windows
	go tool go-winres simply --arch amd64 --out cmd/relance/rsrc --manifest gui --icon assets/icon.png \
		--product-name Relance --file-description Relance --original-filename relance.exe --copyright Relance \
		--product-version $(WIN_VERSION) --file-version $(WIN_VERSION)
	GOOS=windows GOARCH=amd64 CC=$(WIN_CC) \
		go build -tags $(TAGS) -ldflags "-H=windowsgui $(LDFLAGS)" -o $(WIN_BIN) ./cmd/relance

# The Windows installer (assets/windows/installer.nsi), built here with NSIS:
# dist/relance-<version>-setup.exe.
package-windows: windows
	mkdir -p $(DIST)
	convert assets/icon.png -define icon:auto-resize=256,48,32,16 $(DIST)/relance.ico
	makensis -V2 -DVERSION=$(WIN_VERSION) -DDISPLAY_VERSION=$(VERSION) -DEXE=$(CURDIR)/$(WIN_BIN) \
		-DICON=$(CURDIR)/$(DIST)/relance.ico -DOUT=$(CURDIR)/$(DIST)/relance-$(VERSION)-setup.exe assets/windows/installer.nsi
	@echo $(DIST)/relance-$(VERSION)-setup.exe

# A tarball for Linux, installable per user (assets/linux/install.sh):
# dist/relance-<version>-linux-amd64.tar.gz.
package-linux: build
	rm -rf $(DIST)/relance-$(VERSION) && mkdir -p $(DIST)/relance-$(VERSION)
	cp $(BIN) assets/icon.png assets/linux/relance.desktop assets/linux/install.sh $(DIST)/relance-$(VERSION)/
	tar -C $(DIST) -czf $(DIST)/relance-$(VERSION)-linux-amd64.tar.gz relance-$(VERSION)
	@echo $(DIST)/relance-$(VERSION)-linux-amd64.tar.gz

# On a Mac (Xcode's command-line tools, Go): the .app and a .dmg, see
# README ("macOS"). Signing and notarisation are the publisher's.
package-darwin:
	sh assets/macos/package.sh $(VERSION)

# The packages that build for macOS without a Mac's C compiler (all but the
# window's, which Fyne builds with cgo) are vetted for darwin, so that
# nothing of ours rots there unseen.
vet-darwin:
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 go vet -tags $(TAGS) \
		$$(go list -tags $(TAGS) ./... | grep -v -e '/app/ui' -e '/cmd/relance$$' -e '/cmd/maillab$$')

lint: deps
	@files=$$(gofmt -l .); if [ -n "$$files" ]; then \
		echo "Not gofmt-ed:"; echo "$$files"; exit 1; fi
	go vet -tags $(TAGS) ./...
	go tool staticcheck -tags $(TAGS) ./...

# Every benchmark, three times each (the report keeps the medians), on the
# generated realistic books (100k and 1M invoices, generated once into the
# system's temporary folder), then docs/BENCHMARKS.md from their output.
# LibreOffice, when installed (Debian: libreoffice-writer-nogui), is timed
# on the same letters; without it that comparison is skipped.
bench: deps
	RELANCE_BENCH_1M=1 LANG=en_US.UTF-8 go test -tags $(TAGS) -run '^$$' -bench . -benchmem -count 3 -timeout 90m ./... | tee bench.out
	go run ./cmd/benchreport bench.out > docs/BENCHMARKS.md

clean:
	rm -rf $(BIN) $(WIN_BIN) $(DIST) cmd/relance/rsrc_windows_*.syso
