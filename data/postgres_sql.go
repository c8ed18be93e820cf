package data

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgconn"
)

// The store's SQL is written for SQLite. postgresSQL says the same on
// PostgreSQL, for a shared book: every query goes through it once (the
// result is cached), so that the store's methods stay one for both.

// postgresRewrites turn SQLite's ways of saying a thing into PostgreSQL's,
// in order.
var postgresRewrites = []struct {
	from *regexp.Regexp
	to   string
}{
	// Index hints: PostgreSQL's planner chooses alone.
	{regexp.MustCompile(`\s+INDEXED BY \w+`), ""},
	// Days between two dates: a date minus a date is a number of days.
	{regexp.MustCompile(`CAST\(julianday\(([\w.]+)\) - julianday\(([\w.]+)\) AS INTEGER\)`), "($1 - $2)"},
	// The larger of two values.
	{regexp.MustCompile(`\bMAX\(0, `), "GREATEST(0, "},
	// A JSON array of ids passed as one parameter (idList).
	{regexp.MustCompile(`SELECT value FROM json_each\(\?\)`), "SELECT value::bigint FROM jsonb_array_elements_text(?::jsonb)"},
	// A field of a JSON text column.
	{regexp.MustCompile(`json_extract\(([\w.]+), '\$\.(\w+)'\)`), "($1::jsonb->>'$2')"},
	// Where a text is found in another.
	{regexp.MustCompile(`\binstr\(`), "strpos("},
	// Ordered whatever the case.
	{regexp.MustCompile(`([\w.]+) COLLATE NOCASE`), "lower($1)"},
}

// postgresFlags are the columns SQLite keeps as 0/1 and PostgreSQL as
// BOOLEAN: a literal compared with or given to one becomes FALSE/TRUE.
var postgresFlags = regexp.MustCompile(`\b(onboarded|alsace_moselle|reminders_paused|debtor_type_migrated|category_by_hand|` +
	`paused|penalties_waived|credit_closed|attach_invoice|include_statement|with_letter|auto_send|retired|catch_up|` +
	`allow_plaintext|bcc_self|auto|seen|held|live|is_return)\s*=\s*([01])\b`)

var postgresCache sync.Map // SQLite query -> PostgreSQL query

// postgresSQL is query as PostgreSQL takes it: the rewrites above, the
// flags' literals, and the placeholders numbered ($1, $2...: ?NNN keeps
// its number, each bare ? takes the next).
func postgresSQL(query string) string {
	if done, ok := postgresCache.Load(query); ok {
		return done.(string)
	}
	out := query
	for _, r := range postgresRewrites {
		out = r.from.ReplaceAllString(out, r.to)
	}
	out = postgresFlags.ReplaceAllStringFunc(out, func(m string) string {
		if strings.HasSuffix(m, "1") {
			return strings.TrimSuffix(m, "1") + "TRUE"
		}
		return strings.TrimSuffix(m, "0") + "FALSE"
	})
	out = numberPlaceholders(out)
	postgresCache.Store(query, out)
	return out
}

// numberPlaceholders turns ? and ?NNN into $N, leaving quoted text alone.
// As in SQLite, a bare ? takes the number after the largest given so far.
func numberPlaceholders(query string) string {
	var b strings.Builder
	largest, quoted := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			quoted = !quoted
			b.WriteByte(c)
		case c == '?' && !quoted:
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			n := largest + 1
			if j > i+1 {
				n, _ = strconv.Atoi(query[i+1 : j])
				i = j - 1
			}
			largest = max(largest, n)
			b.WriteString("$" + strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// translatePostgres is translate for PostgreSQL's refusals: a unique or
// primary key already taken, a reference missing or still held, a check
// or NOT NULL refused.
func translatePostgres(err error) (error, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err, false
	}
	switch pe.Code {
	case "23505":
		return fmt.Errorf("%w: %s", ErrAlreadyExists, pe.Message), true
	case "23503":
		return fmt.Errorf("%w: %s", errForeignKey, pe.Message), true
	case "23514", "23502":
		return fmt.Errorf("%w: %s", ErrInvalid, pe.Message), true
	case "42501", "25006": // insufficient privilege; a read-only transaction
		return fmt.Errorf("%w: %s", ErrReadOnly, pe.Message), true
	}
	return err, false
}
