// Command benchreport turns the output of `go test -bench` (read from the
// files named, or standard input) into docs/BENCHMARKS.md: the machine, the
// day, each measure against its goal from DESIGN.md and issue 14, and
// how to run them again. `make bench` runs the benchmarks and then it.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// goal is a target a benchmark's metric is held to.
type goal struct {
	bench, metric string  // benchmark name (without -N), metric unit ("ns/op", "ms/letter"...)
	what          string  // the measure, in words
	limit         float64 // in the metric's unit
	unit          string  // how to print the figure: "ms", "s", "MB"
	scale         float64 // metric × scale = figure in unit
	// against, when set, names a benchmark the figure must stay within
	// ratio of (the raw query reading the same rows).
	against string
	ratio   float64
	// atLeast: the figure is a floor (a speed-up), not a ceiling.
	atLeast bool
	// why says, when the goal is missed, where the time goes.
	why string
}

// goals are the performance targets: DESIGN.md's and issues 14's and 17's.
var goals = []goal{
	{bench: "BenchmarkTodayRefresh100k", metric: "ns/op", what: "Today list after a write, 100k book (raw: the rows it " +
		"shows, read by id)", limit: 50e6, unit: "ms", scale: 1e-6, against: "BenchmarkTodayRowsRaw100k", ratio: 2},
	{bench: "BenchmarkTodayRefresh100k", metric: "ns/op", what: "Today list after a write, 100k book, stricter: " +
		"against a raw replay of its own reads", limit: 50e6, unit: "ms", scale: 1e-6, against: "BenchmarkTodayRefreshRaw100k",
		ratio: 2, why: "the refresh reads only what changed (the change log, then the changed invoice's rows: a dozen " +
			"small queries), so its raw replay is a fraction of a millisecond; on top, the store scans those rows into " +
			"the book inside a snapshot, and the service plans that invoice again, groups every step due today and hands " +
			"out a plan of its own (a copy of every open invoice's next step): about a millisecond and a half that " +
			"the replay does not do"},
	{bench: "BenchmarkTodayPlan100k", metric: "ns/op", what: "Today list, first plan of a session, 100k book", limit: 50e6,
		unit: "ms", scale: 1e-6, against: "BenchmarkTodayRaw100k", ratio: 2, why: "the first plan of a session reads the " +
			"open invoices within Today's horizon and their history whole (~40,000 rows); it runs beside the window's own " +
			"start (dunning.Service.Warm), within the cold start below, and every later plan is the refresh above"},
	{bench: "BenchmarkOverdueList100k", metric: "ns/op", what: "overdue list, 100k book", limit: 50e6, unit: "ms", scale: 1e-6,
		against: "BenchmarkOverdueRaw100k", ratio: 2, why: "besides the overdue rows, the list counts every unpaid filter " +
			"(one pass over the unpaid invoices' index, beside the rows) and makes each row's cells once"},
	{bench: "BenchmarkCalendarMonth100k", metric: "ns/op", what: "calendar month, 100k book", limit: 50e6, unit: "ms",
		scale: 1e-6, against: "BenchmarkCalendarMonthRaw100k", ratio: 2, why: "besides the month's due invoices, the " +
			"month shows what every open invoice puts on its days (next steps, promises, instalments, notice deadlines, " +
			"limitation dates): computed from the kept book, where the raw query reads the due invoices only"},
	{bench: "BenchmarkClientList100k", metric: "ns/op", what: "client list, 100k book (10,000 clients)", limit: 50e6,
		unit: "ms", scale: 1e-6, against: "BenchmarkClientListRaw100k", ratio: 2, why: "the list reads every client " +
			"(the columns it shows, the invoice count the store keeps per client, the unpaid totals) to sort and search " +
			"them in memory: the raw read alone is most of the time; on top, each row's folded name and search text, and " +
			"the sort by name with accents in their place. A page at a time read in SQL, sorted and searched there, is " +
			"the way under 50 ms"},
	{bench: "BenchmarkDashboard100k", metric: "ns/op", what: "dashboard, 100k book (figures, aged balance, 16 weeks " +
		"of cash, the 10 clients most late)", limit: 100e6, unit: "ms", scale: 1e-6},
	{bench: "BenchmarkTodayRefresh1M", metric: "ns/op", what: "Today list after a write, 1M book", limit: 250e6, unit: "ms",
		scale: 1e-6, why: "ten times the open invoices of the 100k book to group and copy"},
	{bench: "BenchmarkTodayPlan1M", metric: "ns/op", what: "Today list, first plan of a session, 1M book", limit: 250e6,
		unit: "ms", scale: 1e-6, why: "ten times the rows of the 100k book's first plan, read whole once a session"},
	{bench: "BenchmarkReminderLetter", metric: "ns/op", what: "one reminder PDF", limit: 5e6, unit: "ms", scale: 1e-6},
	{bench: "BenchmarkThousandLetters", metric: "ns/op", what: "1,000 letters, one process", limit: 5e9, unit: "s", scale: 1e-9},
	{bench: "BenchmarkLibreOfficeRatio", metric: "x-faster", what: "1,000 letters vs LibreOffice on the same letters, same run",
		limit: 4, unit: "x", scale: 1, atLeast: true},
	{bench: "BenchmarkThousandLetters", metric: "MB-sys-peak", what: "memory for 1,000 letters", limit: 50, unit: "MB", scale: 1},
	{bench: "BenchmarkRead1M", metric: "ns/op", what: "FEC of 1,000,000 lines read", limit: 10e9, unit: "s", scale: 1e-9},
	{bench: "BenchmarkRead1M", metric: "peak-heap-MB", what: "FEC of 1,000,000 lines, peak heap", limit: 300, unit: "MB", scale: 1},
	{bench: "BenchmarkMatch5000Against100k", metric: "ns/op", what: "matching 5,000 credits against 100,000 open invoices",
		limit: 2e9, unit: "s", scale: 1e-9},
}

// result is one benchmark line: its metrics by unit.
type result map[string]float64

func main() {
	results, err := readAll(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	write(os.Stdout, results)
}

func readAll(files []string) (map[string]result, error) {
	results := map[string]result{}
	if len(files) == 0 {
		return results, read(os.Stdin, results)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		err = read(f, results)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// read parses benchmark lines: "BenchmarkX-2  10  123 ns/op  4 B/op ...".
// A benchmark run several times (-count) keeps its median.
func read(r io.Reader, results map[string]result) error {
	runs := map[string][]result{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := fields[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i]
		}
		res := result{}
		for i := 2; i+1 < len(fields); i += 2 {
			if v, err := strconv.ParseFloat(fields[i], 64); err == nil {
				res[fields[i+1]] = v
			}
		}
		if _, ok := res["ns/op"]; !ok {
			continue // the name line of a benchmark whose result comes after a log line
		}
		runs[name] = append(runs[name], res)
	}
	for name, list := range runs {
		results[name] = median(list)
	}
	return sc.Err()
}

// median keeps, for each metric, the median of the runs.
func median(list []result) result {
	out := result{}
	for unit := range list[0] {
		var vs []float64
		for _, r := range list {
			vs = append(vs, r[unit])
		}
		sort.Float64s(vs)
		out[unit] = vs[len(vs)/2]
	}
	return out
}

func write(w io.Writer, results map[string]result) {
	fmt.Fprintf(w, "# Benchmarks\n\nMeasured on %s, %s (%s/%s, %d CPUs, %s), median of the runs.\n\n",
		time.Now().Format("2006-01-02"), cpuModel(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), goVersion())
	fmt.Fprintln(w, "Run them again with `make bench` (it writes this file). The books are generated by `relance gen-book`"+
		" (5 years, ~92 % paid) once per size, in the system's temporary folder.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Goals")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| measure | goal | measured | |")
	fmt.Fprintln(w, "|---|---|---|---|")
	var missed []string // why the missed goals are
	for _, g := range goals {
		if why := writeGoal(w, g, results); why != "" {
			missed = append(missed, why)
		}
	}
	if len(missed) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Where a goal is missed, why:")
		fmt.Fprintln(w)
		for _, m := range missed {
			fmt.Fprintln(w, "- "+m)
		}
	}
	fmt.Fprintln(w)
	writeWindowFigures(w)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Every benchmark")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| benchmark | time/op | memory/op | allocs/op | other |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	names := make([]string, 0, len(results))
	for name := range results {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		writeRow(w, name, results[name])
	}
}

// writeGoal writes a goal's row, and returns why it is missed ("" when
// met, or when there is nothing to say).
func writeGoal(w io.Writer, g goal, results map[string]result) string {
	r, ok := results[g.bench]
	if !ok {
		fmt.Fprintf(w, "| %s | %s %s | not run | |\n", g.what, bound(g), figure(g.limit*g.scale, g.unit))
		return ""
	}
	v, ok := r[g.metric]
	if !ok {
		fmt.Fprintf(w, "| %s | %s %s | not reported | |\n", g.what, bound(g), figure(g.limit*g.scale, g.unit))
		return ""
	}
	verdict, target := "met", bound(g)+" "+figure(g.limit*g.scale, g.unit)
	switch {
	case g.atLeast && v < g.limit:
		verdict = fmt.Sprintf("missed by %s", figure((g.limit-v)*g.scale, g.unit))
	case !g.atLeast && v > g.limit:
		verdict = fmt.Sprintf("missed by %s", figure((v-g.limit)*g.scale, g.unit))
	}
	if raw, ok := results[g.against]; ok && g.ratio > 0 && raw[g.metric] > 0 {
		x := v / raw[g.metric]
		target += fmt.Sprintf(", <= %.0fx raw", g.ratio)
		if x > g.ratio && verdict == "met" {
			verdict = fmt.Sprintf("%.1fx raw: over by %.1fx", x, x/g.ratio)
		} else {
			verdict += fmt.Sprintf(" (%.1fx raw, %s)", x, figure(raw[g.metric]*g.scale, g.unit))
		}
	}
	fmt.Fprintf(w, "| %s | %s | %s | %s |\n", g.what, target, figure(v*g.scale, g.unit), verdict)
	if (strings.HasPrefix(verdict, "missed") || strings.Contains(verdict, "over by")) && g.why != "" {
		return g.what + ": " + g.why + "."
	}
	return ""
}

// bound is how a goal's limit reads: a ceiling, or a floor.
func bound(g goal) string {
	if g.atLeast {
		return ">="
	}
	return "<"
}

func writeRow(w io.Writer, name string, r result) {
	var other []string
	for unit, v := range r {
		switch unit {
		case "ns/op", "B/op", "allocs/op":
		default:
			other = append(other, fmt.Sprintf("%.4g %s", v, unit))
		}
	}
	sort.Strings(other)
	fmt.Fprintf(w, "| %s | %s | %s | %.0f | %s |\n", name, duration(r["ns/op"]), bytes(r["B/op"]), r["allocs/op"],
		strings.Join(other, ", "))
}

func figure(v float64, unit string) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f %s", v, unit)
	}
	return fmt.Sprintf("%.3g %s", v, unit)
}

func duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func bytes(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f kB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}

// windowFigures is the file of the figures measured on the window itself
// (cold start, resident memory), which no `go test` can take: they are
// measured by hand under Xvfb, as it says, and kept across reports.
const windowFigures = "docs/benchmarks-window.md"

func writeWindowFigures(w io.Writer) {
	b, err := os.ReadFile(windowFigures)
	if err != nil {
		fmt.Fprintf(w, "The window's figures (cold start, memory) are measured by hand: see %s (missing).\n", windowFigures)
		return
	}
	w.Write(b)
}

// cpuModel is the processor's name, from /proc/cpuinfo on Linux.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
		}
	}
	return "unknown CPU"
}

func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return runtime.Version()
	}
	return strings.TrimSpace(string(out))
}
