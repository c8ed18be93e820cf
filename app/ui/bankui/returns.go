package bankui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/banking"
	"relance/app/ui/kit"
	"relance/data"
)

// onChooseReturned asks which payment a return gives back, when the app
// could not tell (a payment typed by hand, a payer the bank named
// differently): the payments of that amount in the six months before.
func (s *Screen) onChooseReturned(it banking.Item) {
	s.host.Async(func() {
		list, err := s.host.Store().ListPaymentsReturnable(context.Background(), -it.Line.Amount, it.Line.Booked)
		fyne.Do(func() {
			if err != nil {
				s.host.ShowError(err)
				return
			}
			s.showReturnable(it, list)
		})
	})
}

func (s *Screen) showReturnable(it banking.Item, list []data.PaymentOnInvoice) {
	var d dialog.Dialog
	box := container.NewVBox(&widget.Label{Text: kit.Say.ReturnDone(banking.Return{Line: it.Line}), Wrapping: fyne.TextWrapWord})
	if len(list) == 0 {
		box.Add(widget.NewLabel(lang.L("bank.return_none")))
	}
	for _, p := range list {
		paymentID := p.ID
		text := lang.L("bank.return_choice", map[string]any{"Date": kit.Date(p.Date), "Amount": kit.Money(p.Amount),
			"Number": p.Number, "Client": p.ClientName})
		box.Add(&widget.Button{Text: text, Alignment: widget.ButtonAlignLeading, OnTapped: func() {
			d.Hide()
			s.run(func(ctx context.Context) error { return s.host.Banking().Reverse(ctx, it.Line.ID, paymentID) })
		}})
	}
	d = dialog.NewCustom(lang.L("bank.return_title"), lang.L("button.cancel"),
		container.NewGridWrap(fyne.NewSize(620, 300), container.NewVScroll(box)), s.host.Window())
	s.host.Track(d)
	d.Show()
}
