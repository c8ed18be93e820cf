package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"relance/app/dunning"
	"relance/app/exports"
	"relance/data"
)

// exportFlags are the options of `relance export`.
type exportFlags struct {
	format string
	out    string
	asOf   string
}

func (o *exportFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "", "")
	fs.StringVar(&o.out, "out", "", "")
	fs.StringVar(&o.asOf, "as-of", "", "")
}

// runExport writes one of the table exports (invoices, aged, profiles,
// accountant) as XLSX or CSV: into --out (- for the standard output), or
// under its dated name in the current folder.
func runExport(env *cliEnv, args []string) int {
	var opts exportFlags
	rest, code := parseCommand(env, args, 1, opts.register)
	if code >= 0 {
		return code
	}
	report, err := exports.ParseReport(rest[0])
	if err != nil {
		fmt.Fprintln(env.stderr, say.T.L("cli.export.bad_report", map[string]any{"Name": rest[0]}))
		return 2
	}
	format, ok := opts.resolveFormat(env)
	if !ok {
		return 2
	}
	day, ok := (&asOfFlags{asOf: opts.asOf}).day(env)
	if !ok {
		return 2
	}
	store, dir, err := openForReading(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer store.Close()
	out := opts.out
	if out == "" {
		out = exports.FileName(say, report, day, format.Ext())
	}
	return writeOut(env, out, func(w io.Writer) error {
		return exports.Write(context.Background(), store, report, w, format, say, day)
	})
}

// resolveFormat is --format, else the one --out's extension names, else
// XLSX.
func (o *exportFlags) resolveFormat(env *cliEnv) (exports.Format, bool) {
	name := o.format
	if name == "" {
		name = strings.TrimPrefix(strings.ToLower(filepath.Ext(o.out)), ".")
		if _, err := exports.ParseFormat(name); err != nil {
			name = string(exports.XLSX)
		}
	}
	f, err := exports.ParseFormat(name)
	if err != nil {
		fmt.Fprintln(env.stderr, say.T.L("cli.export.bad_format", map[string]any{"Name": name}))
		return "", false
	}
	return f, true
}

// writeOut writes an export to the standard output (path "-") or to a
// file, said on the standard output once written; a failed file is
// removed, not left half-written.
func writeOut(env *cliEnv, path string, write func(io.Writer) error) int {
	if path == "-" {
		if err := write(env.stdout); err != nil {
			return failed(env, err)
		}
		return 0
	}
	f, err := os.Create(path)
	if err != nil {
		return failed(env, err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return failed(env, err)
	}
	fmt.Fprintln(env.stdout, say.T.L("cli.export.done", map[string]any{"Path": path}))
	return 0
}

// calendarFlags are the options of `relance calendar`.
type calendarFlags struct {
	ics      bool
	out      string
	from, to string
	days     int
	asOf     string
}

func (o *calendarFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.ics, "ics", false, "")
	fs.StringVar(&o.out, "out", "", "")
	fs.StringVar(&o.from, "from", "", "")
	fs.StringVar(&o.to, "to", "", "")
	fs.IntVar(&o.days, "days", 0, "")
	fs.StringVar(&o.asOf, "as-of", "", "")
}

// runCalendar writes the calendar (due dates, steps and calls planned,
// promises, deadlines) as an iCalendar file.
func runCalendar(env *cliEnv, args []string) int {
	var opts calendarFlags
	if _, code := parseCommand(env, args, 0, opts.register); code >= 0 {
		return code
	}
	if !opts.ics {
		fmt.Fprintln(env.stderr, say.T.L("cli.export.need_ics"))
		return 2
	}
	today, ok := (&asOfFlags{asOf: opts.asOf}).day(env)
	if !ok {
		return 2
	}
	first, last, ok := opts.span(env, today)
	if !ok {
		return 2
	}
	store, dir, err := openForReading(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer store.Close()
	ctx := context.Background()
	company, err := store.GetCompany(ctx)
	if err != nil {
		return failed(env, err)
	}
	out := opts.out
	if out == "" {
		out = exports.CalendarFileName(say, today)
	}
	feed := dunning.NewService(store, data.ClockOn(today))
	return writeOut(env, out, func(w io.Writer) error {
		return exports.Calendar(ctx, feed, w, say, first, last, time.Now(), company.SIREN)
	})
}

// span is the days the calendar covers: --from to --to, or --days days
// from --from (else from today); by default the last 30 days and the
// next 180.
func (o *calendarFlags) span(env *cliEnv, today data.Date) (first, last data.Date, ok bool) {
	first, last = exports.DefaultCalendarSpan(today)
	if o.days > 0 {
		first = today
	}
	if first, ok = o.date(env, o.from, first); !ok {
		return first, last, false
	}
	if o.days > 0 {
		last = first.AddDays(o.days - 1)
	}
	if last, ok = o.date(env, o.to, last); !ok {
		return first, last, false
	}
	if last.Before(first) {
		fmt.Fprintln(env.stderr, say.T.L("cli.export.bad_span", map[string]any{"From": say.Date(first), "To": say.Date(last)}))
		return first, last, false
	}
	return first, last, true
}

// date reads a day option, or keeps byDefault when it is not given.
func (o *calendarFlags) date(env *cliEnv, value string, byDefault data.Date) (data.Date, bool) {
	if value == "" {
		return byDefault, true
	}
	d, err := data.ParseDate(value)
	if err != nil {
		fmt.Fprintln(env.stderr, say.T.L("cli.bad_date", map[string]any{"Value": value}))
		return d, false
	}
	return d, true
}
