package documents

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"relance/data"
)

// BlockText is a block placeholder as plain text: the table as aligned
// columns. It is "" when the block has nothing to show (no statement, no
// plan) or the name is not a block.
func BlockText(name string, c *Context) string {
	tables := blockTables(name, c)
	texts := make([]string, len(tables))
	for i, t := range tables {
		texts[i] = t.text()
	}
	return strings.Join(texts, "\n\n")
}

// BlockHTML is a block placeholder as HTML tables with inline styles, every
// cell escaped; "" when BlockText is.
func BlockHTML(name string, c *Context) string {
	var b strings.Builder
	for _, t := range blockTables(name, c) {
		b.WriteString(t.html())
	}
	return b.String()
}

func blockTables(name string, c *Context) []table {
	if c == nil {
		return nil
	}
	switch name {
	case "overdue_table":
		return []table{c.invoiceTable()}
	case "penalty_statement":
		return c.statementTables()
	case "instalments_table":
		if c.Plan == nil || len(c.Plan.Instalments) == 0 {
			return nil
		}
		return []table{c.instalmentTable()}
	}
	return nil
}

// lines are the invoices the document lists: Invoices, or the invoice
// itself when the caller gave no list.
func (c *Context) lines() []InvoiceLine {
	if len(c.Invoices) > 0 {
		return c.Invoices
	}
	inv := c.Invoice
	return []InvoiceLine{{Number: inv.Number, IssueDate: inv.IssueDate, DueDate: inv.DueDate, Amount: inv.Amount,
		Paid: c.Paid, Outstanding: inv.Amount - c.Paid, DaysLate: c.daysLate()}}
}

// invoiceTable is the table of the invoices: numbers, dates, amounts
// including VAT, payments received, balances and days late, with a total.
func (c *Context) invoiceTable() table {
	w := func(k string) string { return word(c.Lang, "col."+k) }
	t := table{
		head:  []string{w("number"), w("issue"), w("due"), w("amount"), w("paid"), w("outstanding"), w("days_late")},
		right: []bool{false, false, false, true, true, true, true},
	}
	var amount, paid, outstanding data.Money
	for _, l := range c.lines() {
		t.rows = append(t.rows, []string{l.Number, shortDate(l.IssueDate, c.Lang), shortDate(l.DueDate, c.Lang),
			money(l.Amount, c.Lang), money(l.Paid, c.Lang), money(l.Outstanding, c.Lang), strconv.Itoa(l.DaysLate)})
		amount += l.Amount
		paid += l.Paid
		outstanding += l.Outstanding
	}
	t.foot = [][]string{{word(c.Lang, "total"), "", "", money(amount, c.Lang), money(paid, c.Lang), money(outstanding, c.Lang), ""}}
	return t
}

// statementTables are the penalty statement: the computation slice by
// slice (when there are any), then the totals. The indemnity line shows
// only when one is owed, so that a consumer's statement never mentions it.
func (c *Context) statementTables() []table {
	st := c.Statement
	if st == nil {
		return nil
	}
	w := func(k string) string { return word(c.Lang, k) }
	penaltiesLabel, amountCol := w("statement.penalties"), w("col.penalties")
	if st.BasisCode == BasisLegalRate {
		penaltiesLabel, amountCol = w("statement.interest"), w("col.interest")
	}
	var out []table
	asOf := fill(w("statement.as_of"), map[string]string{"date": longDate(st.AsOf, c.Lang)})
	if len(st.Rows) > 0 {
		rows := table{caption: asOf,
			head:  []string{w("col.from"), w("col.to"), w("col.days"), w("col.base"), w("col.rate"), amountCol},
			right: []bool{false, false, true, true, true, true}}
		several := st.severalInvoices()
		if several {
			rows.head = append([]string{w("col.number")}, rows.head...)
			rows.right = append([]bool{false}, rows.right...)
		}
		for _, r := range st.Rows {
			cells := []string{shortDate(r.From, c.Lang), shortDate(r.To, c.Lang), strconv.Itoa(r.Days),
				money(r.Base, c.Lang), ratePercent(r.RateBP, c.Lang), money(r.Amount, c.Lang)}
			if several {
				cells = append([]string{r.Invoice}, cells...)
			}
			rows.rows = append(rows.rows, cells)
		}
		out = append(out, rows)
		asOf = ""
	}
	totals := table{caption: asOf, right: []bool{false, true}}
	totals.rows = [][]string{{w("statement.outstanding"), money(st.Outstanding, c.Lang)},
		{penaltiesLabel, money(st.Penalties, c.Lang)}}
	if st.Indemnity > 0 {
		totals.rows = append(totals.rows, []string{w("statement.indemnity"), money(st.Indemnity, c.Lang)})
	}
	totals.foot = [][]string{{w("statement.total"), money(st.Total, c.Lang)}}
	return append(out, totals)
}

// instalmentTable lists a payment plan's instalments with their total.
func (c *Context) instalmentTable() table {
	t := table{head: []string{word(c.Lang, "col.instalment"), word(c.Lang, "col.date"), word(c.Lang, "col.amount")},
		right: []bool{true, false, true}}
	var total data.Money
	for i, in := range c.Plan.Instalments {
		t.rows = append(t.rows, []string{strconv.Itoa(i + 1), longDate(in.DueDate, c.Lang), money(in.Amount, c.Lang)})
		total += in.Amount
	}
	t.foot = [][]string{{word(c.Lang, "total"), "", money(total, c.Lang)}}
	return t
}

// table is a block's table before it is written as text or HTML.
type table struct {
	caption string     // a line above the table, may be ""
	head    []string   // may be nil
	right   []bool     // right-aligned columns (amounts, numbers)
	rows    [][]string // the body
	foot    [][]string // total lines, set apart
}

// text writes the table in aligned columns two spaces apart, a rule under
// the header and above the totals.
func (t table) text() string {
	widths := make([]int, len(t.right))
	for _, row := range t.all() {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	total := 2 * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	rule := strings.Repeat("-", total)
	var lines []string
	if t.caption != "" {
		lines = append(lines, t.caption)
	}
	if t.head != nil {
		lines = append(lines, t.line(t.head, widths), rule)
	}
	for _, row := range t.rows {
		lines = append(lines, t.line(row, widths))
	}
	if len(t.foot) > 0 {
		lines = append(lines, rule)
	}
	for _, row := range t.foot {
		lines = append(lines, t.line(row, widths))
	}
	return strings.Join(lines, "\n")
}

func (t table) all() [][]string {
	all := append([][]string{}, t.rows...)
	if t.head != nil {
		all = append(all, t.head)
	}
	return append(all, t.foot...)
}

func (t table) line(cells []string, widths []int) string {
	parts := make([]string, len(cells))
	for i, cell := range cells {
		pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
		if t.right[i] {
			parts[i] = pad + cell
		} else {
			parts[i] = cell + pad
		}
	}
	return strings.TrimRight(strings.Join(parts, "  "), " ")
}

// Inline styles of the HTML tables: mail clients drop style sheets.
const (
	tableStyle = `border-collapse:collapse;margin:0 0 1em 0;font-size:13px`
	cellStyle  = `padding:4px 10px;border-bottom:1px solid #dddddd;white-space:nowrap`
	headStyle  = `padding:4px 10px;border-bottom:2px solid #888888;background:#f3f3f3;white-space:nowrap`
	footStyle  = `padding:4px 10px;border-top:2px solid #888888;font-weight:bold;white-space:nowrap`
)

func (t table) html() string {
	var b strings.Builder
	if t.caption != "" {
		b.WriteString(`<p style="margin:0 0 0.5em 0">` + html.EscapeString(t.caption) + `</p>`)
	}
	b.WriteString(`<table style="` + tableStyle + `">`)
	if t.head != nil {
		t.htmlRow(&b, "th", headStyle, t.head)
	}
	for _, row := range t.rows {
		t.htmlRow(&b, "td", cellStyle, row)
	}
	for _, row := range t.foot {
		t.htmlRow(&b, "td", footStyle, row)
	}
	b.WriteString(`</table>`)
	return b.String()
}

func (t table) htmlRow(b *strings.Builder, tag, style string, cells []string) {
	b.WriteString("<tr>")
	for i, cell := range cells {
		align := "left"
		if t.right[i] {
			align = "right"
		}
		b.WriteString("<" + tag + ` style="` + style + ";text-align:" + align + `">`)
		b.WriteString(html.EscapeString(cell))
		b.WriteString("</" + tag + ">")
	}
	b.WriteString("</tr>")
}

// severalInvoices tells whether the statement's slices come from more than
// one invoice, so that each row must say which.
func (st *Statement) severalInvoices() bool {
	for _, r := range st.Rows {
		if r.Invoice != st.Rows[0].Invoice {
			return true
		}
	}
	return false
}
