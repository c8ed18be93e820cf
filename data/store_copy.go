package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Moving a book: "Move this book to a server" copies a SQLite book into a
// PostgreSQL one, and its way back ("Export to a SQLite file") copies a
// server's book into a new file. CopyBook does both, table by table, from
// the schema the two books read alike (store_copy_schema.go).

// ErrNotEmptyBook is returned by CopyBook when the destination holds rows a
// new book does not: clients, invoices, a scenario added... A copy never
// mixes two books. The error names the tables.
var ErrNotEmptyBook = errors.New("the destination book is not empty")

// ErrSchemaDiffers is returned by CopyBook when the two books are not at
// the same schema version or do not have the same tables and columns: the
// older one is opened first by this version of Relance, which brings it up
// to date.
var ErrSchemaDiffers = errors.New("the two books do not have the same schema")

// CopyProgress is how far a copy is, for a progress bar: Table is the table
// being copied, Done the rows copied so far over all tables, Total the rows
// of the whole book.
type CopyProgress struct {
	Table       string
	Done, Total int
}

// CopyReport says what a copy carried, table by table in the order copied
// (a table after those it refers to), with the checks it passed.
type CopyReport struct {
	Tables []CopiedTable
}

// CopiedTable is one table copied: its rows and the sum of each of its
// money columns, found equal in both books before the copy was committed.
type CopiedTable struct {
	Name  string
	Rows  int
	Money []MoneySum
}

// MoneySum is the sum of one money column (…_cents) over a table.
type MoneySum struct {
	Column string
	Sum    Money
}

// Rows is the number of rows copied, over all tables.
func (r CopyReport) Rows() int {
	n := 0
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// Table is the report of the table named name; ok is false when no table
// of that name was copied.
func (r CopyReport) Table(name string) (t CopiedTable, ok bool) {
	for _, t := range r.Tables {
		if t.Name == name {
			return t, true
		}
	}
	return CopiedTable{}, false
}

// CopyBook copies every table of the book from into to: a SQLite book into
// a PostgreSQL one, back, or a file into another file. to must be a book
// at the same schema version holding nothing but what its migrations wrote
// (the company's row, the default scenarios and their steps, the published
// rates): those rows are replaced by from's; any other row refuses the copy
// (ErrNotEmptyBook, naming the tables). The copy is exact: the same ids,
// the same change log and where its numbers go on, the same derived
// columns and counts, each value in the destination's type (days, instants
// and flags as each database keeps them; a server keeps instants to the
// microsecond, as it does the store's own writes).
//
// It runs as one transaction on to, reading from through one consistent
// snapshot: when anything fails (ctx cancelled included), to is left as it
// was. Before committing it checks, for every table, that to holds as many
// rows as from and that every money column sums the same; a difference
// fails the copy, naming the table and the figures. Then the destination's
// statistics are made for its query planner (ANALYZE). progress, when not
// nil, is told at each table and every few hundred rows.
//
// On a server book, the role copying must own the tables (it switches
// their triggers off for the copy, see quietTriggers), as the role that
// created the book does.
func CopyBook(ctx context.Context, from, to *Store, progress func(CopyProgress)) (CopyReport, error) {
	return copyBook(ctx, from, to, progress, nil)
}

// copyBook is CopyBook; beforeCheck, when not nil, runs in the
// destination's transaction once the rows are in, before they are checked:
// a test spoils the copy there to see the check refuse it.
func copyBook(ctx context.Context, from, to *Store, progress func(CopyProgress),
	beforeCheck func(context.Context, *sql.Tx) error) (CopyReport, error) {
	if from == to {
		return CopyReport{}, errors.New("copy the book: the source and the destination are the same book")
	}
	if progress == nil {
		progress = func(CopyProgress) {}
	}
	seeded, err := seededRows(ctx)
	if err != nil {
		return CopyReport{}, fmt.Errorf("copy the book: %w", err)
	}
	if !to.server && to.tx == nil {
		restore, err := to.setPragmas(ctx, "copy the book", copyFilePragmas)
		if err != nil {
			return CopyReport{}, err
		}
		defer restore()
	}
	var report CopyReport
	err = from.inSnapshot(ctx, func(src *Store) error {
		return to.InTx(ctx, func(dst *Store) error {
			c := &bookCopy{ctx: ctx, src: src, dst: dst, progress: progress, seeded: seeded, beforeCheck: beforeCheck}
			var err error
			report, err = c.run()
			return err
		})
	})
	if err != nil {
		return CopyReport{}, fmt.Errorf("copy the book: %w", err)
	}
	if to.server {
		// The triggers were off for the copy: the windows already open on
		// the shared book (an empty one) are told here that it changed.
		if _, err := to.write.ExecContext(ctx, `SELECT pg_notify($1, '')`, bookChannel); err != nil {
			slog.Warn("copy the book: tell the open windows", "err", err)
		}
	}
	return report, nil
}

// copyFilePragmas are the settings of a copy into a file, BulkLoad's: a
// wide page cache, so that the pages of the tables and indexes being
// filled stay in memory rather than go to the WAL and back again and
// again; a bounded ANALYZE.
var copyFilePragmas = []pragmaSetting{{"cache_size", -bulkCacheKiB}, {"analysis_limit", bulkAnalysisLimit}}

// bookCopy is one copy under way: src reads the source's snapshot, dst
// writes in the destination's transaction.
type bookCopy struct {
	ctx         context.Context
	src, dst    *Store
	progress    func(CopyProgress)
	seeded      map[string]int
	beforeCheck func(context.Context, *sql.Tx) error
	// done rows copied of total; reported: done at the last report.
	done, total, reported int
}

// copyProgressEvery is how many rows a copy goes without reporting its
// progress, at most.
const copyProgressEvery = 500

// run is the copy, in the transactions copyBook opened: the schemas
// matched, the destination made ready (its triggers quiet, found empty,
// its seeded rows gone), the rows copied, the sequences set, the figures
// checked, the triggers back, the statistics made.
func (c *bookCopy) run() (CopyReport, error) {
	tables, err := c.plan()
	if err != nil {
		return CopyReport{}, err
	}
	restore, err := quietTriggers(c.ctx, c.dst, tables)
	if err != nil {
		return CopyReport{}, err
	}
	if err := c.clearDestination(tables); err != nil {
		return CopyReport{}, err
	}
	want, err := tableFiguresOf(c.ctx, c.src, tables)
	if err != nil {
		return CopyReport{}, fmt.Errorf("read the source: %w", err)
	}
	for _, f := range want {
		c.total += f.Rows
	}
	for i := range tables {
		if err := c.copyTable(&tables[i]); err != nil {
			return CopyReport{}, fmt.Errorf("copy %s: %w", tables[i].name, err)
		}
	}
	if err := c.carrySequences(tables); err != nil {
		return CopyReport{}, err
	}
	if err := c.check(tables, want); err != nil {
		return CopyReport{}, err
	}
	if err := restore(); err != nil {
		return CopyReport{}, err
	}
	if err := analyze(c.ctx, c.dst, tables); err != nil {
		return CopyReport{}, err
	}
	return CopyReport{Tables: want}, nil
}

// analyze gives the destination's query planner the statistics of the
// rows copied, as BulkLoad does for a generated book: the first screens
// after the move are planned on the book as it is, not as it was empty.
// A file's ANALYZE is bounded by copyFilePragmas; a server samples.
func analyze(ctx context.Context, s *Store, tables []copyTable) error {
	query := `ANALYZE`
	if s.server {
		query += ` ` + tableList(tables)
	}
	if _, err := s.tx.ExecContext(ctx, query); err != nil {
		return fmt.Errorf("analyze the copy: %w", translate(err))
	}
	return nil
}

// plan reads both books' schemas and makes of them the tables to copy, in
// the order of their foreign keys.
func (c *bookCopy) plan() ([]copyTable, error) {
	srcVersion, err := schemaVersion(c.ctx, c.src.tx)
	if err != nil {
		return nil, err
	}
	dstVersion, err := schemaVersion(c.ctx, c.dst.tx)
	if err != nil {
		return nil, err
	}
	if srcVersion != dstVersion {
		return nil, fmt.Errorf("%w: the source is at version %d, the destination at %d", ErrSchemaDiffers, srcVersion, dstVersion)
	}
	from, err := readShapes(c.ctx, c.src)
	if err != nil {
		return nil, fmt.Errorf("read the source's schema: %w", err)
	}
	to, err := readShapes(c.ctx, c.dst)
	if err != nil {
		return nil, fmt.Errorf("read the destination's schema: %w", err)
	}
	return planCopy(from, to, c.src.server, c.dst.server)
}

// clearDestination refuses a destination that holds more than a new book,
// naming every table that does, then deletes what its migrations wrote,
// children first, so that the source's rows take their place under the
// same keys.
func (c *bookCopy) clearDestination(tables []copyTable) error {
	var fuller []string
	for _, t := range tables {
		var n int
		if err := c.dst.tx.QueryRowContext(c.ctx, `SELECT COUNT(*) FROM `+quoteIdent(t.name)).Scan(&n); err != nil {
			return fmt.Errorf("count %s: %w", t.name, translate(err))
		}
		switch seeded := c.seeded[t.name]; {
		case n > seeded && seeded == 0:
			fuller = append(fuller, fmt.Sprintf("%s (%d)", t.name, n))
		case n > seeded:
			fuller = append(fuller, fmt.Sprintf("%s (%d, a new book %d)", t.name, n, seeded))
		}
	}
	if len(fuller) > 0 {
		return fmt.Errorf("%w: rows in %s", ErrNotEmptyBook, strings.Join(fuller, ", "))
	}
	for i := len(tables) - 1; i >= 0; i-- {
		if _, err := c.dst.tx.ExecContext(c.ctx, `DELETE FROM `+quoteIdent(tables[i].name)); err != nil {
			return fmt.Errorf("clear %s: %w", tables[i].name, translate(err))
		}
	}
	return nil
}

// copyTable copies one table's rows, in batches of multi-row INSERTs.
func (c *bookCopy) copyTable(t *copyTable) error {
	c.progress(CopyProgress{Table: t.name, Done: c.done, Total: c.total})
	rows, err := c.src.tx.QueryContext(c.ctx, t.selectSQL())
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	in := newInserter(c.ctx, c.dst, t)
	defer in.close()
	values := make([]any, len(t.columns)+len(t.blobs))
	dest := make([]any, len(values))
	for i := range values {
		dest[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return translate(err)
		}
		if err := in.add(t.row(values)); err != nil {
			return err
		}
		if in.batchFull() {
			if err := c.flush(t, in, false); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	return c.flush(t, in, true)
}

// selectSQL reads the table's rows from the source, in the order of its
// key: its columns, then whether each blob is NULL (see blobs).
func (t *copyTable) selectSQL() string {
	query := `SELECT ` + quoteIdents(t.columns)
	for _, i := range t.blobs {
		query += `, ` + quoteIdent(t.columns[i]) + ` IS NOT NULL`
	}
	query += ` FROM ` + quoteIdent(t.name)
	if len(t.order) > 0 {
		query += ` ORDER BY ` + quoteIdents(t.order)
	}
	return query
}

// row is the row selectSQL read into values, its empty blobs told from
// its NULLs.
func (t *copyTable) row(values []any) []any {
	n := len(t.columns)
	for k, i := range t.blobs {
		if b, _ := values[i].([]byte); b == nil && values[n+k] == int64(1) {
			values[i] = []byte{}
		}
	}
	return values[:n]
}

// flush writes the rows the inserter holds and reports the progress, at
// the end of a table (end) and every copyProgressEvery rows.
func (c *bookCopy) flush(t *copyTable, in *inserter, end bool) error {
	n, err := in.flush()
	if err != nil {
		return err
	}
	c.done += n
	if end || c.done >= c.reported+copyProgressEvery {
		c.reported = c.done
		c.progress(CopyProgress{Table: t.name, Done: c.done, Total: c.total})
	}
	// A cancelled copy stops here rather than at its next statement, with
	// the context's error in its chain.
	return c.ctx.Err()
}

// carrySequences sets where the destination's ids go on: past the largest
// id copied, and past the source's own mark when it remembers ids no row
// holds any more (the change log's sequence, which pruning leaves where it
// was: a window that read the book up to a number must never see that
// number again).
func (c *bookCopy) carrySequences(tables []copyTable) error {
	marks, err := highWaterMarks(c.ctx, c.src, tables)
	if err != nil {
		return fmt.Errorf("read the source's sequences: %w", err)
	}
	for _, t := range tables {
		if err := setHighWaterMark(c.ctx, c.dst, t, marks[t.name]); err != nil {
			return fmt.Errorf("set the sequence of %s: %w", t.name, err)
		}
	}
	return nil
}

// check compares, table by table, the rows and money sums the destination
// now holds with the source's.
func (c *bookCopy) check(tables []copyTable, want []CopiedTable) error {
	if c.beforeCheck != nil {
		if err := c.beforeCheck(c.ctx, c.dst.tx); err != nil {
			return err
		}
	}
	got, err := tableFiguresOf(c.ctx, c.dst, tables)
	if err != nil {
		return fmt.Errorf("check the copy: %w", err)
	}
	for i, w := range want {
		g := got[i]
		if g.Rows != w.Rows {
			return fmt.Errorf("check the copy: %s has %d rows, the source %d", w.Name, g.Rows, w.Rows)
		}
		for j, m := range w.Money {
			if g.Money[j].Sum != m.Sum {
				return fmt.Errorf("check the copy: %s.%s sums %d cents, the source %d", w.Name, m.Column, g.Money[j].Sum, m.Sum)
			}
		}
	}
	return nil
}

// tableFiguresOf counts each table's rows and sums its money columns, in
// one statement per table.
func tableFiguresOf(ctx context.Context, s *Store, tables []copyTable) ([]CopiedTable, error) {
	out := make([]CopiedTable, len(tables))
	for i, t := range tables {
		selects := []string{`COUNT(*)`}
		for _, col := range t.money {
			selects = append(selects, `CAST(COALESCE(SUM(`+quoteIdent(col)+`), 0) AS BIGINT)`)
		}
		sums := make([]int64, len(t.money))
		dest := []any{&out[i].Rows}
		for j := range sums {
			dest = append(dest, &sums[j])
		}
		query := `SELECT ` + strings.Join(selects, `, `) + ` FROM ` + quoteIdent(t.name)
		if err := s.tx.QueryRowContext(ctx, query).Scan(dest...); err != nil {
			return nil, fmt.Errorf("figures of %s: %w", t.name, translate(err))
		}
		out[i].Name = t.name
		for j, col := range t.money {
			out[i].Money = append(out[i].Money, MoneySum{Column: col, Sum: Money(sums[j])})
		}
	}
	return out, nil
}

// seededRows counts, per table, the rows a new book's migrations write
// (the company's row, the default scenarios and steps, the rates...): a
// destination holding no more than that is empty. It migrates a book in
// memory rather than naming the tables, so that a migration that seeds a
// new table is followed. SQLite's migrations stand for PostgreSQL's: they
// are twins, number for number (TestPostgresSchemaMatchesSQLite).
func seededRows(ctx context.Context) (map[string]int, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, fmt.Errorf("a new book to compare with: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one database in memory
	if err := migrate(ctx, db, migrationsFS); err != nil {
		return nil, fmt.Errorf("a new book to compare with: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, fmt.Errorf("a new book to compare with: %w", err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string]int{}
	for _, t := range tables {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(t)).Scan(&n); err != nil {
			return nil, fmt.Errorf("a new book to compare with: %w", err)
		}
		out[t] = n
	}
	return out, nil
}

// quietTriggers stops the destination's triggers for the copy and returns
// what starts them again, to run before the commit. The rows copied carry
// what the triggers derive (the change log, the invoice counts) as the
// source holds it: left running, the triggers would write the change log a
// second time under new numbers and count every invoice twice (the counts
// are copied too).
//
// On a file, the triggers are dropped and made again from the statements
// SQLite keeps of them (sqlite_schema), in the copy's transaction: SQLite
// has no way to switch a trigger off, its DDL is transactional (a failed
// copy gets them back with the rollback), and the statements are the
// migrations' own whatever migration added them. Copying with the triggers
// on and mending the derived tables after would have to know which tables
// are derived, and which trigger writes what.
//
// On a server, ALTER TABLE ... DISABLE TRIGGER, trigger by trigger, for
// those enabled, then ENABLE: transactional as well, and it needs only
// ownership of the tables, which the role that made the book has.
// session_replication_role = replica would need a superuser, and would
// switch the foreign keys' checks off too, which the copy wants on. The
// tables are locked first (EXCLUSIVE: others may read, none write), so
// that no one writes into the book between the check that it is empty and
// the commit.
func quietTriggers(ctx context.Context, s *Store, tables []copyTable) (restore func() error, err error) {
	if !s.server {
		ddls, err := s.dropSchema(ctx, "trigger")
		if err != nil {
			return nil, err
		}
		return func() error { return runAll(ctx, s.tx, ddls, "make the triggers again") }, nil
	}
	// A PC holding a table (a transaction left open) fails the copy after
	// a while rather than leave it waiting without end.
	if _, err := s.tx.ExecContext(ctx, `SET LOCAL lock_timeout = '30s'`); err != nil {
		return nil, fmt.Errorf("lock the tables: %w", translate(err))
	}
	if _, err := s.tx.ExecContext(ctx, `LOCK TABLE `+tableList(tables)+` IN EXCLUSIVE MODE`); err != nil {
		return nil, fmt.Errorf("lock the tables: %w", translate(err))
	}
	var off, on []string
	err = eachRow(ctx, s.tx, `SELECT c.relname, t.tgname FROM pg_trigger t
		JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgenabled <> 'D'
		ORDER BY c.relname, t.tgname`, nil, func(rows *sql.Rows) error {
		var table, name string
		err := rows.Scan(&table, &name)
		alter := `ALTER TABLE ` + quoteIdent(table) + ` %s TRIGGER ` + quoteIdent(name)
		off, on = append(off, fmt.Sprintf(alter, "DISABLE")), append(on, fmt.Sprintf(alter, "ENABLE"))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list the triggers: %w", err)
	}
	if err := runAll(ctx, s.tx, off, "switch the triggers off"); err != nil {
		return nil, err
	}
	return func() error { return runAll(ctx, s.tx, on, "switch the triggers on") }, nil
}

// tableList is the tables' names, quoted, joined by commas.
func tableList(tables []copyTable) string {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.name
	}
	return quoteIdents(names)
}

// runAll runs statements in order; what says what they do, in errors.
func runAll(ctx context.Context, tx *sql.Tx, statements []string, what string) error {
	for _, q := range statements {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", what, translate(err))
		}
	}
	return nil
}

// highWaterMarks reads, per table, the largest id the source's sequence
// gave (0 when it keeps none: SQLite remembers only for AUTOINCREMENT
// tables, in sqlite_sequence; PostgreSQL in each identity's sequence).
func highWaterMarks(ctx context.Context, s *Store, tables []copyTable) (map[string]int64, error) {
	marks := map[string]int64{}
	if !s.server {
		var autoincrement bool // sqlite_sequence exists once a table has AUTOINCREMENT
		err := s.tx.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence')`).Scan(&autoincrement)
		if err != nil || !autoincrement {
			return marks, translate(err)
		}
		err = eachRow(ctx, s.tx, `SELECT name, seq FROM sqlite_sequence`, nil, func(rows *sql.Rows) error {
			var name string
			var seq int64
			err := rows.Scan(&name, &seq)
			marks[name] = seq
			return err
		})
		return marks, err
	}
	for _, t := range tables {
		if t.srcIdentity == "" {
			continue
		}
		var mark int64
		if err := s.tx.QueryRowContext(ctx, `SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass), 0)`,
			quoteIdent(t.name), t.srcIdentity).Scan(&mark); err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, translate(err))
		}
		marks[t.name] = mark
	}
	return marks, nil
}

// setHighWaterMark has the destination's next id for t come after both
// the largest copied and mark: on a server, the identity's sequence; on a
// file, sqlite_sequence for an AUTOINCREMENT table (any other takes the
// largest rowid plus one by itself).
func setHighWaterMark(ctx context.Context, s *Store, t copyTable, mark int64) error {
	column := t.identity
	if !s.server {
		if !t.autoincrement {
			return nil
		}
		column = "rowid"
	}
	if column == "" {
		return nil
	}
	var largest int64
	if err := s.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(`+quoteIdent(column)+`), 0) FROM `+quoteIdent(t.name)).Scan(&largest); err != nil {
		return translate(err)
	}
	mark = max(mark, largest)
	if !s.server {
		if _, err := s.tx.ExecContext(ctx, `DELETE FROM sqlite_sequence WHERE name = ?`, t.name); err != nil || mark == 0 {
			return translate(err)
		}
		_, err := s.tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)`, t.name, mark)
		return translate(err)
	}
	// setval(seq, n, true): the next id is n+1; an empty table starts at 1.
	_, err := s.tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)`,
		quoteIdent(t.name), column, max(mark, 1), mark > 0)
	return translate(err)
}

// inserter writes a table's rows, one prepared INSERT for many rows. On
// a server an INSERT writes up to a few hundred rows: one round trip per
// few hundred rows rather than per row. In a file, one row: a multi-row
// INSERT in a transaction makes SQLite keep a statement journal (to undo
// that statement alone should it fail), which doubled the copy's time,
// while a statement costs no round trip there.
type inserter struct {
	ctx       context.Context
	s         *Store
	t         *copyTable
	perInsert int
	args      []any
	bytes     int // of the texts and blobs held
	full      *sql.Stmt
}

// A batch on a server is copyRowsPerInsert rows, fewer for wide tables
// (PostgreSQL binds at most 65,535 parameters to a statement) or heavy
// ones: a batch is written once it holds copyBytesPerInsert of text and
// blobs (the archived files are kept in the book).
const (
	copyRowsPerInsert   = 500
	copyParamsPerInsert = 30000
	copyBytesPerInsert  = 4 << 20
)

func newInserter(ctx context.Context, s *Store, t *copyTable) *inserter {
	per := 1
	if s.server {
		per = max(1, min(copyRowsPerInsert, copyParamsPerInsert/len(t.columns)))
	}
	return &inserter{ctx: ctx, s: s, t: t, perInsert: per, args: make([]any, 0, per*len(t.columns))}
}

// pending is the number of rows held, not yet written.
func (in *inserter) pending() int { return len(in.args) / len(in.t.columns) }

// add converts a row read from the source into the destination's types
// and holds it.
func (in *inserter) add(row []any) error {
	for i, v := range row {
		if conv := in.t.convert[i]; conv != nil && v != nil {
			var err error
			if v, err = conv(v); err != nil {
				return fmt.Errorf("column %s: %w", in.t.columns[i], err)
			}
		}
		switch x := v.(type) {
		case string:
			in.bytes += len(x)
		case []byte:
			in.bytes += len(x)
		}
		in.args = append(in.args, v)
	}
	return nil
}

// batchFull reports whether the rows held make a batch.
func (in *inserter) batchFull() bool {
	return in.pending() >= in.perInsert || in.bytes >= copyBytesPerInsert
}

// flush writes the rows held and says how many.
func (in *inserter) flush() (int, error) {
	n := in.pending()
	if n == 0 {
		return 0, nil
	}
	var err error
	if n == in.perInsert {
		if in.full == nil {
			if in.full, err = in.s.tx.PrepareContext(in.ctx, insertSQL(in.t, n, in.s.server)); err != nil {
				return 0, translate(err)
			}
		}
		_, err = in.full.ExecContext(in.ctx, in.args...)
	} else {
		_, err = in.s.tx.ExecContext(in.ctx, insertSQL(in.t, n, in.s.server), in.args...)
	}
	if err != nil {
		return 0, translate(err)
	}
	in.args, in.bytes = in.args[:0], 0
	return n, nil
}

func (in *inserter) close() {
	if in.full != nil {
		in.full.Close()
	}
}

// insertSQL is the INSERT of rows rows of t, in the destination's
// placeholders. Ids are given: on a server, OVERRIDING SYSTEM VALUE lets
// them into identity columns (those GENERATED ALWAYS refuse them without).
func insertSQL(t *copyTable, rows int, server bool) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO ` + quoteIdent(t.name) + ` (` + quoteIdents(t.columns) + `)`)
	if server && t.identity != "" {
		b.WriteString(` OVERRIDING SYSTEM VALUE`)
	}
	b.WriteString(` VALUES `)
	n := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(`, `)
		}
		b.WriteByte('(')
		for c := range t.columns {
			if c > 0 {
				b.WriteString(`, `)
			}
			n++
			if server {
				fmt.Fprintf(&b, "$%d", n)
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// The conversions of a value read from one kind of database into what the
// other keeps, chosen per column by its kind (converterFor). Each gives
// the form the store itself writes and reads back: days 'YYYY-MM-DD'
// (Date), instants timeText, flags 0/1.

// flagToServer is a SQLite flag (0/1) as a BOOLEAN.
func flagToServer(v any) (any, error) {
	if n, ok := v.(int64); ok && (n == 0 || n == 1) {
		return n == 1, nil
	}
	return nil, fmt.Errorf("flag %v is neither 0 nor 1", v)
}

// flagToFile is a BOOLEAN as SQLite's 0/1.
func flagToFile(v any) (any, error) {
	if b, ok := v.(bool); ok {
		if b {
			return int64(1), nil
		}
		return int64(0), nil
	}
	return nil, fmt.Errorf("flag %v is not a boolean", v)
}

// dayValue is a day read from either kind of database ('YYYY-MM-DD' text
// or a DATE) as the store gives a Date to both: 'YYYY-MM-DD', and ” as
// no day (NULL), as Date reads it.
func dayValue(v any) (any, error) {
	var d Date
	if err := d.Scan(v); err != nil {
		return nil, err
	}
	return d.Value()
}

// instantToServer is a SQLite instant as a TIMESTAMPTZ, given in
// timeText's form as the store gives one (the server rounds it to the
// microsecond, as it does the store's own writes). SQLite's own
// CURRENT_TIMESTAMP form ('2026-03-15 12:00:00', UTC), which the first
// migration's scenarios carry, is read too; ” is no instant.
func instantToServer(v any) (any, error) {
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("instant %v is not text", v)
	}
	if s == "" {
		return nil, nil
	}
	t, err := parseTimeText(s)
	if err != nil {
		var perr error
		if t, perr = time.Parse(time.DateTime, s); perr != nil {
			return nil, err
		}
	}
	return timeText(t), nil
}

// instantToFile is a TIMESTAMPTZ as timeText writes it.
func instantToFile(v any) (any, error) {
	if t, ok := v.(time.Time); ok {
		return timeText(t), nil
	}
	return nil, fmt.Errorf("instant %v is not a time", v)
}

// bytesToServer is a SQLite blob as BYTEA (SQLite may hand a blob column
// text).
func bytesToServer(v any) (any, error) {
	switch b := v.(type) {
	case []byte:
		return b, nil
	case string:
		return []byte(b), nil
	}
	return nil, fmt.Errorf("value %v is not bytes", v)
}

// converterFor is the conversion of a column's values from the source's
// kind of database to the destination's; nil when they go as they are
// (between two books of the same kind, or a kind both keep alike).
func converterFor(srcServer, dstServer bool, src, dst columnKind) func(any) (any, error) {
	switch {
	case srcServer == dstServer:
		return nil
	case dstServer:
		return map[columnKind]func(any) (any, error){kindFlag: flagToServer, kindDay: dayValue,
			kindInstant: instantToServer, kindBytes: bytesToServer}[dst]
	default:
		return map[columnKind]func(any) (any, error){kindFlag: flagToFile, kindDay: dayValue,
			kindInstant: instantToFile}[src]
	}
}
