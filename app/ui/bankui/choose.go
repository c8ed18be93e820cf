package bankui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/banking"
	"relance/app/ui/kit"
	"relance/data"
)

// maxResults bounds the search's list: the owner narrows the search
// rather than scroll 10,000 invoices.
const maxResults = 50

// chooser is the dialog where the owner says which invoices a credit
// pays and how much to each: found by a search on number or client,
// started from the proposal; one invoice, or a split across several.
type chooser struct {
	screen  *Screen
	item    banking.Item
	dlg     dialog.Dialog
	search  *kit.Entry
	results *widget.List
	found   []data.OpenBalance
	chosen  []*choice
	parts   *fyne.Container
	total   *widget.Label
	errText *widget.Label
	save    *widget.Button
}

// choice is an invoice the credit pays, with the amount typed for it.
type choice struct {
	invoice data.OpenBalance
	amount  *kit.Entry
}

// onChoose opens the chooser on a line.
func (s *Screen) onChoose(it banking.Item) *chooser {
	c := &chooser{screen: s, item: it}
	c.build()
	if best, ok := it.Proposal.Best(); ok {
		for _, a := range best.Allocations {
			if inv, ok := s.openInvoice(a.InvoiceID); ok {
				c.add(inv, a.Amount)
			}
		}
	}
	c.onSearch("")
	c.refreshTotal()
	s.host.Track(c.dlg)
	c.dlg.Show()
	s.host.Window().Canvas().Focus(c.search)
	return c
}

func (s *Screen) openInvoice(id int64) (data.OpenBalance, bool) {
	for _, o := range s.open {
		if o.InvoiceID == id {
			return o, true
		}
	}
	return data.OpenBalance{}, false
}

func (c *chooser) build() {
	win := c.screen.host.Window()
	l := c.item.Line
	key := "bank.choose_line"
	if l.Name == "" {
		key = "bank.choose_line_unnamed"
	}
	head := &widget.Label{Text: lang.L(key, map[string]any{"Date": kit.Date(l.Booked),
		"Amount": kit.Money(l.Amount), "Payer": l.Name, "Label": l.Label}), Wrapping: fyne.TextWrapWord}
	c.search = kit.NewEntry(win)
	c.search.PlaceHolder = lang.L("bank.search")
	c.search.OnChanged = c.onSearch
	c.results = &widget.List{Length: func() int { return len(c.found) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(invoiceText(c.found[id]))
		},
		OnSelected: func(id widget.ListItemID) {
			c.results.UnselectAll()
			if id < len(c.found) {
				c.add(c.found[id], 0)
			}
		}}
	c.results.ExtendBaseWidget(c.results)
	c.parts = container.NewVBox()
	c.total = widget.NewLabel("")
	c.errText = kit.NewErrorLabel()
	c.save = &widget.Button{Text: lang.L("bank.record"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: c.onSave}
	cancel := &widget.Button{Text: lang.L("button.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { c.dlg.Hide() }}
	chosen := container.NewBorder(&widget.Label{Text: lang.L("bank.chosen"), TextStyle: fyne.TextStyle{Bold: true}},
		container.NewVBox(c.total, c.errText), nil, nil, container.NewVScroll(c.parts))
	top := container.NewVBox(head, c.search)
	body := container.NewBorder(top, container.NewHBox(layout.NewSpacer(), cancel, c.save), nil, nil,
		container.NewGridWithRows(2, c.results, chosen))
	c.dlg = dialog.NewCustomWithoutButtons(lang.L("bank.choose_title"), container.NewGridWrap(fyne.NewSize(720, 540), body), win)
}

// invoiceText is a search result: number, client, what is left to pay.
func invoiceText(o data.OpenBalance) string {
	return lang.L("bank.invoice_line", map[string]any{"Number": o.Number, "Client": o.ClientName,
		"Left": kit.Money(o.Outstanding), "Due": kit.Date(o.Due)})
}

// onSearch lists the open invoices whose number or client holds every
// word typed (accents and case aside); the proposal's invoices first.
func (c *chooser) onSearch(text string) {
	words := strings.Fields(kit.Fold(text))
	c.found = c.found[:0]
	for _, cand := range c.item.Proposal.Candidates {
		for _, a := range cand.Allocations {
			if inv, ok := c.screen.openInvoice(a.InvoiceID); ok && matches(inv, words) && !c.listed(inv.InvoiceID) {
				c.found = append(c.found, inv)
			}
		}
	}
	for _, o := range c.screen.open {
		if len(c.found) >= maxResults {
			break
		}
		if matches(o, words) && !c.listed(o.InvoiceID) {
			c.found = append(c.found, o)
		}
	}
	c.results.Refresh()
}

func (c *chooser) listed(id int64) bool {
	for _, f := range c.found {
		if f.InvoiceID == id {
			return true
		}
	}
	return false
}

func matches(o data.OpenBalance, words []string) bool {
	text := kit.Fold(o.Number + " " + o.ClientName)
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// add puts an invoice among the chosen, with amount (0: what is left of
// the credit, at most the invoice's balance).
func (c *chooser) add(inv data.OpenBalance, amount data.Money) {
	for _, ch := range c.chosen {
		if ch.invoice.InvoiceID == inv.InvoiceID {
			return
		}
	}
	if amount <= 0 {
		amount = min(inv.Outstanding, max(c.item.Line.Amount-c.allocated(), 0))
	}
	ch := &choice{invoice: inv, amount: kit.NewMoneyEntry(c.screen.host.Window())}
	ch.amount.SetText(kit.InputMoney(amount))
	ch.amount.OnChanged = func(string) { c.refreshTotal() }
	c.chosen = append(c.chosen, ch)
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	line := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(130, ch.amount.MinSize().Height), ch.amount), remove),
		&widget.Label{Text: invoiceText(inv), Truncation: fyne.TextTruncateEllipsis})
	remove.OnTapped = func() {
		c.parts.Remove(line)
		for i, x := range c.chosen {
			if x == ch {
				c.chosen = append(c.chosen[:i], c.chosen[i+1:]...)
				break
			}
		}
		c.refreshTotal()
	}
	c.parts.Add(line)
	c.refreshTotal()
}

// allocated is what the chosen invoices take of the credit so far.
func (c *chooser) allocated() data.Money {
	var total data.Money
	for _, ch := range c.chosen {
		if m, err := data.ParseMoney(ch.amount.Text); err == nil {
			total += m
		}
	}
	return total
}

// refreshTotal says how much of the credit is given, and the fees the
// payer's bank kept when the whole credit pays invoices short by no more
// than the owner's tolerance.
func (c *chooser) refreshTotal() {
	parts, err := c.read()
	text := lang.L("bank.allocated", map[string]any{"Given": kit.Money(c.allocated()), "Credit": kit.Money(c.item.Line.Amount)})
	var fees data.Money
	for _, p := range parts {
		fees += p.Fees
	}
	if fees > 0 {
		text += " " + lang.L("bank.fees_counted", map[string]any{"Fees": kit.Money(fees)})
	}
	c.total.SetText(text)
	msg := ""
	if err != nil {
		msg = kit.ErrorSentence(err)
	}
	kit.SetError(c.errText, msg)
	kit.SetEnabled(c.save, err == nil && len(parts) > 0)
}

// read turns the chosen invoices into payments, refusing an amount that
// is not one, more than an invoice's balance, or a total over the credit.
func (c *chooser) read() ([]data.BankPayment, error) {
	var parts []data.BankPayment
	var total data.Money
	for _, ch := range c.chosen {
		m, err := data.ParseMoney(ch.amount.Text)
		if err != nil || m <= 0 {
			return nil, data.FieldErrors{{Field: "amount", Reason: data.ReasonNotPositive, Value: ch.amount.Text}}
		}
		if m > ch.invoice.Outstanding {
			return nil, data.FieldErrors{{Field: "amount", Reason: data.ReasonOutOfRange, Value: ch.amount.Text}}
		}
		total += m
		parts = append(parts, data.BankPayment{InvoiceID: ch.invoice.InvoiceID, Amount: m})
	}
	if total > c.item.Line.Amount {
		return nil, data.FieldErrors{{Field: "amount", Reason: data.ReasonOutOfRange, Value: kit.InputMoney(total)}}
	}
	if total == c.item.Line.Amount {
		c.countFees(parts)
	}
	return parts, nil
}

// countFees: the whole credit is given, and an invoice is left short by
// no more than the tolerance: the payer's bank kept it, the invoice is
// paid.
func (c *chooser) countFees(parts []data.BankPayment) {
	for i, ch := range c.chosen {
		if short := ch.invoice.Outstanding - parts[i].Amount; short > 0 && short <= c.screen.tolerance {
			parts[i].Fees = short
		}
	}
}

func (c *chooser) onSave() {
	parts, err := c.read()
	if err != nil || len(parts) == 0 {
		return
	}
	c.save.Disable()
	lineID := c.item.Line.ID
	c.screen.host.Async(func() {
		err := c.screen.host.Banking().Confirm(context.Background(), lineID, parts)
		fyne.Do(func() {
			c.save.Enable()
			if err != nil {
				kit.SetError(c.errText, kit.ErrorSentence(err))
				return
			}
			c.dlg.Hide()
			c.screen.host.Changed()
		})
	})
}
