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

# Fyne's drivers and the race detector need cgo.
export CGO_ENABLED := 1

.DEFAULT_GOAL := build
.PHONY: deps deps-windows build run test soak windows lint bench clean

deps:
	@CC="$(CC)" sh .ci/deps.sh $(DEB_PKGS)

deps-windows:
	@CC="$(WIN_CC)" sh .ci/deps.sh gcc-mingw-w64-x86-64

build: deps
	go build -tags $(TAGS) -o $(BIN) ./cmd/relance

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

# The crash test at length: a process writing to the book is killed at a
# random moment 2,000 times (make test does it 200 times); after each kill
# the book must check and hold every commit it said it made.
SOAK_KILLS ?= 2000
soak: deps
	RELANCE_KILL_COUNT=$(SOAK_KILLS) go test -timeout 120m -tags $(TAGS) -count=1 -run '^TestKilledWritesLoseNothingCommitted$$' -v ./data/

windows: deps-windows
	GOOS=windows GOARCH=amd64 CC=$(WIN_CC) \
		go build -tags $(TAGS) -ldflags "-H=windowsgui" -o $(WIN_BIN) ./cmd/relance

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
	rm -f $(BIN) $(WIN_BIN)
