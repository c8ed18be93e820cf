package calls

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
	"relance/documents"
)

// CanMessage reports whether a client can be written to outside email:
// it has a mobile number or a LinkedIn profile.
func CanMessage(c data.Client) bool { return c.Mobile != "" || c.LinkedIn != "" }

// CopyMessage puts on the clipboard the short message of g's step (for a
// text message or LinkedIn, in the client's language: documents.
// ShortMessage), then says so with the text copied.
func CopyMessage(h kit.Host, g dunning.Group) {
	h.Async(func() {
		text, err := shortMessage(context.Background(), h.Store(), g)
		fyne.Do(func() {
			if err != nil {
				h.ShowError(err)
				return
			}
			fyne.CurrentApp().Clipboard().SetContent(text)
			d := dialog.NewInformation(lang.L("contact.copied_title"), lang.L("contact.copied", map[string]any{"Text": text}),
				h.Window())
			h.Track(d)
			d.Show()
		})
	})
}

// shortMessage writes the short message of g's step from the book.
func shortMessage(ctx context.Context, store *data.Store, g dunning.Group) (string, error) {
	client, err := store.GetClient(ctx, g.ClientID)
	if err != nil {
		return "", err
	}
	company, err := store.GetCompany(ctx)
	if err != nil {
		return "", err
	}
	inv, err := store.GetInvoice(ctx, g.Lead.InvoiceID)
	if err != nil {
		return "", err
	}
	numbers := make([]string, len(g.Items))
	for i, d := range g.Items {
		numbers[i] = d.Number
	}
	return documents.ShortMessage(documents.ShortFacts{Lang: client.Language, StepKey: g.Lead.Step.TemplateKey,
		Contact: client.ContactName, Company: company.LegalName, Signatory: company.SignatoryName, Phone: company.Phone,
		Number: strings.Join(numbers, ", "), Amount: g.Total, DueDate: inv.DueDate}), nil
}
