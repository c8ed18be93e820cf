package data

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// What CopyBook reads of a book's schema: the tables and their columns
// from the database's own catalog (sqlite_schema and its pragmas,
// PostgreSQL's information_schema and pg_catalog), never from a list kept
// here, so that a table a migration adds is copied with the others.

// columnKind is what a column holds, as far as the copy must know to turn
// one database's value into the other's.
type columnKind int

const (
	kindInteger columnKind = iota
	kindText
	kindBytes
	kindFlag    // PostgreSQL BOOLEAN; SQLite keeps 0/1 in an INTEGER
	kindDay     // PostgreSQL DATE; SQLite keeps 'YYYY-MM-DD' TEXT
	kindInstant // PostgreSQL TIMESTAMPTZ; SQLite keeps timeText's TEXT
)

// family is the kind of value a SQLite column of that kind holds: the two
// books' columns must agree on it.
func (k columnKind) family() columnKind {
	switch k {
	case kindFlag:
		return kindInteger
	case kindDay, kindInstant:
		return kindText
	}
	return k
}

// sqliteKind is a SQLite column's kind from its declared type, by
// SQLite's rules of affinity: it says integer, text or bytes, never which
// text is a day.
func sqliteKind(declared string) columnKind {
	switch t := strings.ToUpper(declared); {
	case strings.Contains(t, "INT"):
		return kindInteger
	case strings.Contains(t, "BLOB"):
		return kindBytes
	}
	return kindText
}

// postgresKind is a PostgreSQL column's kind from its type
// (information_schema's data_type).
func postgresKind(dataType string) columnKind {
	switch dataType {
	case "bigint", "integer", "smallint":
		return kindInteger
	case "boolean":
		return kindFlag
	case "date":
		return kindDay
	case "timestamp with time zone", "timestamp without time zone":
		return kindInstant
	case "bytea":
		return kindBytes
	}
	return kindText
}

// rowidColumn is SQLite's implicit row number. SQLite's tables without an
// INTEGER PRIMARY KEY keep their rows in its order, and the store reads
// some of them in that order (an email's steps, an import's items): their
// PostgreSQL twins carry it as a column of that name, an identity.
const rowidColumn = "rowid"

// tableShape is what one book says of a table.
type tableShape struct {
	columns map[string]columnKind // without rowid
	order   []string              // its columns in the catalog's order, without rowid
	// rowid: SQLite: the table has a rowid no column names; PostgreSQL: it
	// has a column named rowid.
	rowid bool
	key   []string // the columns rows are read in the order of: the primary key, or rowid
	// identity is PostgreSQL's identity column, autoincrement SQLite's
	// AUTOINCREMENT: where each keeps the largest id it gave.
	identity      string
	autoincrement bool
	parents       []string // the tables its foreign keys refer to
}

// copyTable is one table as a copy carries it.
type copyTable struct {
	name    string
	columns []string                 // copied, in this order: both books have them
	convert []func(any) (any, error) // per column, from the source's value to the destination's; nil: as it is
	order   []string                 // the source is read in this order
	money   []string                 // the columns of cents, checked
	// blobs are the columns (their index in columns) a SQLite source
	// keeps blobs in: its driver reads an empty blob as a nil []byte, as
	// it reads NULL, so the copy reads too whether each is NULL.
	blobs []int
	// identity and autoincrement are the destination's (tableShape),
	// srcIdentity the source's identity column.
	identity, srcIdentity string
	autoincrement         bool
}

// migrationsTable is where migrate records the versions applied: the
// migrations' own, not the book's, and not copied (each book has its own,
// at the same version).
const migrationsTable = "schema_migrations"

// readShapes reads the tables of the book s is in a transaction on, but
// migrationsTable.
func readShapes(ctx context.Context, s *Store) (map[string]*tableShape, error) {
	if s.server {
		return postgresShapes(ctx, s)
	}
	return sqliteShapes(ctx, s)
}

func sqliteShapes(ctx context.Context, s *Store) (map[string]*tableShape, error) {
	shapes := map[string]*tableShape{}
	err := eachRow(ctx, s.tx, `SELECT name, sql FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> ?`, []any{migrationsTable}, func(rows *sql.Rows) error {
		var name, ddl string
		err := rows.Scan(&name, &ddl)
		ddl = strings.ToUpper(ddl)
		shapes[name] = &tableShape{columns: map[string]columnKind{}, autoincrement: strings.Contains(ddl, "AUTOINCREMENT"),
			rowid: !strings.Contains(ddl, "WITHOUT ROWID")}
		return err
	})
	if err != nil {
		return nil, err
	}
	for name, t := range shapes {
		if err := sqliteColumnsOf(ctx, s, name, t); err != nil {
			return nil, err
		}
		err := eachRow(ctx, s.tx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, []any{name}, func(rows *sql.Rows) error {
			var parent string
			err := rows.Scan(&parent)
			t.parents = append(t.parents, parent)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("foreign keys of %s: %w", name, err)
		}
	}
	return shapes, nil
}

// sqliteColumnsOf reads a SQLite table's columns into t. A table with a
// rowid is read in its order; the rowid is a column of its own unless an
// INTEGER PRIMARY KEY names it (SQLite's rule for an alias).
func sqliteColumnsOf(ctx context.Context, s *Store, name string, t *tableShape) error {
	var key []string
	alias := false
	err := eachRow(ctx, s.tx, `SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, []any{name}, func(rows *sql.Rows) error {
		var col, declared string
		var pk int
		err := rows.Scan(&col, &declared, &pk)
		t.columns[col], t.order = sqliteKind(declared), append(t.order, col)
		if pk > 0 {
			key = append(key, col)
			alias = strings.EqualFold(declared, "INTEGER")
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("columns of %s: %w", name, err)
	}
	t.key = key
	if t.rowid {
		t.key = []string{rowidColumn}
		t.rowid = len(key) != 1 || !alias
	}
	return nil
}

func postgresShapes(ctx context.Context, s *Store) (map[string]*tableShape, error) {
	shapes := map[string]*tableShape{}
	err := eachRow(ctx, s.tx, `SELECT c.table_name, c.column_name, c.data_type, c.is_identity = 'YES'
		FROM information_schema.columns c JOIN information_schema.tables t
		  ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> $1
		ORDER BY c.table_name, c.ordinal_position`, []any{migrationsTable}, func(rows *sql.Rows) error {
		var table, col, dataType string
		var identity bool
		err := rows.Scan(&table, &col, &dataType, &identity)
		t := shapes[table]
		if t == nil {
			t = &tableShape{columns: map[string]columnKind{}}
			shapes[table] = t
		}
		if identity {
			t.identity = col
		}
		if col == rowidColumn {
			t.rowid = true
			return err
		}
		t.columns[col], t.order = postgresKind(dataType), append(t.order, col)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("columns: %w", err)
	}
	if err := postgresKeys(ctx, s, shapes); err != nil {
		return nil, err
	}
	return shapes, postgresParents(ctx, s, shapes)
}

// postgresKeys reads each table's primary key; a table without one is
// read in the order of its rowid, if it has one.
func postgresKeys(ctx context.Context, s *Store, shapes map[string]*tableShape) error {
	err := eachRow(ctx, s.tx, `SELECT k.table_name, k.column_name FROM information_schema.table_constraints c
		JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
		WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema()
		ORDER BY k.table_name, k.ordinal_position`, nil, func(rows *sql.Rows) error {
		var table, col string
		err := rows.Scan(&table, &col)
		if t := shapes[table]; t != nil {
			t.key = append(t.key, col)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("primary keys: %w", err)
	}
	for _, t := range shapes {
		if len(t.key) == 0 && t.rowid {
			t.key = []string{rowidColumn}
		}
	}
	return nil
}

// postgresParents reads the tables each table's foreign keys refer to.
func postgresParents(ctx context.Context, s *Store, shapes map[string]*tableShape) error {
	err := eachRow(ctx, s.tx, `SELECT DISTINCT child.relname, parent.relname FROM pg_constraint f
		JOIN pg_class child ON child.oid = f.conrelid JOIN pg_class parent ON parent.oid = f.confrelid
		JOIN pg_namespace n ON n.oid = child.relnamespace
		WHERE f.contype = 'f' AND n.nspname = current_schema()`, nil, func(rows *sql.Rows) error {
		var child, parent string
		err := rows.Scan(&child, &parent)
		if t := shapes[child]; t != nil {
			t.parents = append(t.parents, parent)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("foreign keys: %w", err)
	}
	return nil
}

// planCopy matches the two books' tables, column by column, and orders
// them parents first (the destination's foreign keys are checked as each
// row goes in).
func planCopy(from, to map[string]*tableShape, srcServer, dstServer bool) ([]copyTable, error) {
	if f, t := slices.Sorted(maps.Keys(from)), slices.Sorted(maps.Keys(to)); !slices.Equal(f, t) {
		return nil, fmt.Errorf("%w: the source has the tables %v, the destination %v", ErrSchemaDiffers, f, t)
	}
	order, err := parentsFirst(to)
	if err != nil {
		return nil, err
	}
	tables := make([]copyTable, 0, len(order))
	for _, name := range order {
		t, err := planTable(name, from[name], to[name], srcServer, dstServer)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, nil
}

// planTable is one table's copy: the destination's columns, each found in
// the source with the same kind of value, and the rowid where both keep
// one.
func planTable(name string, src, dst *tableShape, srcServer, dstServer bool) (copyTable, error) {
	if f, t := slices.Sorted(maps.Keys(src.columns)), slices.Sorted(maps.Keys(dst.columns)); !slices.Equal(f, t) {
		return copyTable{}, fmt.Errorf("%w: %s has the columns %v in the source, %v in the destination", ErrSchemaDiffers, name, f, t)
	}
	t := copyTable{name: name, order: src.key, identity: dst.identity, srcIdentity: src.identity, autoincrement: dst.autoincrement}
	columns := dst.order
	if src.rowid && dst.rowid {
		columns = append([]string{rowidColumn}, columns...)
	}
	for _, col := range columns {
		from, to := src.columns[col], dst.columns[col] // rowid: kindInteger on both sides
		if from.family() != to.family() || (srcServer == dstServer && from != to) {
			return copyTable{}, fmt.Errorf("%w: %s.%s holds different kinds of value", ErrSchemaDiffers, name, col)
		}
		if to.family() == kindBytes && !srcServer {
			t.blobs = append(t.blobs, len(t.columns))
		}
		t.columns = append(t.columns, col)
		t.convert = append(t.convert, converterFor(srcServer, dstServer, from, to))
		if strings.HasSuffix(col, "_cents") {
			t.money = append(t.money, col)
		}
	}
	return t, nil
}

// parentsFirst orders the tables so that each comes after those its
// foreign keys refer to (a table referring to itself aside), by name
// among those free to go: the same order at every copy.
func parentsFirst(shapes map[string]*tableShape) ([]string, error) {
	waiting := map[string]int{}
	children := map[string][]string{}
	for name, t := range shapes {
		for _, p := range slices.Compact(slices.Sorted(slices.Values(t.parents))) {
			if p == name || shapes[p] == nil {
				continue
			}
			waiting[name]++
			children[p] = append(children[p], name)
		}
	}
	var ready, order []string
	for name := range shapes {
		if waiting[name] == 0 {
			ready = append(ready, name)
		}
	}
	for len(ready) > 0 {
		slices.Sort(ready)
		name := ready[0]
		ready = ready[1:]
		order = append(order, name)
		for _, c := range children[name] {
			if waiting[c]--; waiting[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	if len(order) != len(shapes) {
		return nil, fmt.Errorf("%w: the foreign keys make a cycle", ErrSchemaDiffers)
	}
	return order, nil
}

// eachRow runs query in tx, as written (a catalog's query is one
// database's own, not the store's to be said the PostgreSQL way), and
// hands every row to scan.
func eachRow(ctx context.Context, tx *sql.Tx, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}

// quoteIdent is a table's or a column's name quoted, as both databases
// take it.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// quoteIdents is names quoted and joined by commas.
func quoteIdents(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = quoteIdent(n)
	}
	return strings.Join(quoted, ", ")
}
