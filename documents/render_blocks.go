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
		return c.invoiceTables()
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

// invoiceTables are the invoices still owed, then, apart, those paid late
// whose penalties a formal notice or a court file still claims: a reader
// must not take a paid invoice for an unpaid one.
func (c *Context) invoiceTables() []table {
	var owed, paidLate []InvoiceLine
	for _, l := range c.lines() {
		if l.PaidLate {
			paidLate = append(paidLate, l)
		} else {
			owed = append(owed, l)
		}
	}
	var out []table
	if len(owed) > 0 || len(paidLate) == 0 {
		out = append(out, c.invoiceTable(owed))
	}
	if len(paidLate) > 0 {
		out = append(out, c.paidLateTable(paidLate))
	}
	return out
}

// invoiceTable is the table of the invoices: numbers, dates, amounts
// including VAT, payments received, balances and days late, with a total.
func (c *Context) invoiceTable(lines []InvoiceLine) table {
	w := func(k string) string { return word(c.Lang, "col."+k) }
	t := table{
		head:  []string{w("number"), w("issue"), w("due"), w("amount"), w("paid"), w("outstanding"), w("days_late")},
		right: []bool{false, false, false, true, true, true, true},
	}
	var amount, paid, outstanding data.Money
	for _, l := range lines {
		t.rows = append(t.rows, []string{l.Number, shortDate(l.IssueDate, c.Lang), shortDate(l.DueDate, c.Lang),
			money(l.Amount, c.Lang), money(l.Paid, c.Lang), money(l.Outstanding, c.Lang), strconv.Itoa(l.DaysLate)})
		amount += l.Amount
		paid += l.Paid
		outstanding += l.Outstanding
	}
	t.foot = [][]string{{word(c.Lang, "total"), "", "", money(amount, c.Lang), money(paid, c.Lang), money(outstanding, c.Lang), ""}}
	return t
}

// paidLateTable lists invoices paid after their due date: when each was
// paid off and how late. Their penalties are in the statement.
func (c *Context) paidLateTable(lines []InvoiceLine) table {
	w := func(k string) string { return word(c.Lang, "col."+k) }
	caption := word(c.Lang, "paid_late.caption")
	if c.lateCharge() == chargeMoratory {
		caption = word(c.Lang, "paid_late.caption.public")
	}
	t := table{caption: caption,
		head:  []string{w("number"), w("issue"), w("due"), w("amount"), w("paid_on"), w("days_late")},
		right: []bool{false, false, false, true, false, true}}
	for _, l := range lines {
		t.rows = append(t.rows, []string{l.Number, shortDate(l.IssueDate, c.Lang), shortDate(l.DueDate, c.Lang),
			money(l.Amount, c.Lang), shortDate(l.PaidOn, c.Lang), strconv.Itoa(l.DaysLate)})
	}
	return t
}

// What late payment costs a debtor, by its type: the words change with it.
const (
	chargePenalties = iota // a business: late-payment penalties (L441-10)
	chargeInterest         // a consumer: interest at the legal rate, never "penalties"
	chargeMoratory         // a public buyer: intérêts moratoires (R2192-31)
)

// lateCharge is what the document calls the cost of the delay: by the
// debtor's type, or by the statement's basis when the type says nothing.
func (c *Context) lateCharge() int {
	switch {
	case c.Client.Kind == data.Consumer:
		return chargeInterest
	case c.Client.Kind == data.PublicBuyer:
		return chargeMoratory
	case c.Statement != nil && c.Statement.BasisCode == BasisLegalRate:
		return chargeInterest
	case c.Statement != nil && c.Statement.BasisCode == BasisPublic:
		return chargeMoratory
	}
	return chargePenalties
}

// statementTables are the penalty statement: the computation slice by
// slice (when there are any), then the totals, then how partial payments
// were imputed. The indemnity line shows only when one is owed, so that a
// consumer's statement never mentions it.
func (c *Context) statementTables() []table {
	st := c.Statement
	if st == nil {
		return nil
	}
	w := func(k string) string { return word(c.Lang, k) }
	penaltiesLabel, amountCol := w("statement.penalties"), w("col.penalties")
	switch c.lateCharge() {
	case chargeInterest:
		penaltiesLabel, amountCol = w("statement.interest"), w("col.interest")
	case chargeMoratory:
		penaltiesLabel, amountCol = w("statement.moratory"), w("col.interest")
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
	out = append(out, st.totalsTable(asOf, penaltiesLabel, c.Lang))
	if text := st.imputationText(c.Lang); text != "" {
		out = append(out, table{caption: text})
	}
	return out
}

// totalsTable adds up what is claimed: the principal still owed, the
// interest accrued less what the payments settled of it, the indemnity.
// The lines add up to the total.
func (st *Statement) totalsTable(caption, penaltiesLabel, lang string) table {
	w := func(k string) string { return word(lang, k) }
	totals := table{caption: caption, right: []bool{false, true}}
	totals.rows = [][]string{{w("statement.outstanding"), money(st.Outstanding, lang)},
		{penaltiesLabel, money(st.Penalties, lang)}}
	if st.InterestPaid > 0 {
		totals.rows = append(totals.rows, []string{w("statement.paid"), "−" + money(st.InterestPaid, lang)})
	}
	if st.Indemnity > 0 {
		totals.rows = append(totals.rows, []string{w("statement.indemnity"), money(st.Indemnity, lang)})
	}
	totals.foot = [][]string{{w("statement.total"), money(st.Total, lang)}}
	return totals
}

// imputationText states how partial payments were imputed; "" when the
// penalties were waived (nothing but the principal is claimed).
func (st *Statement) imputationText(lang string) string {
	if st.BasisCode == BasisWaived {
		return ""
	}
	return ImputationSentence(st.Imputation, lang)
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
	rule := strings.Repeat("-", max(total, 0)) // a caption alone has no column
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
	if t.head == nil && len(t.rows) == 0 && len(t.foot) == 0 {
		return b.String() // a caption alone: a sentence, no table
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
