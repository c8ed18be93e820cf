package mail

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/zalando/go-keyring"

	"relance/app/archive"
	"relance/app/dunning"
	"relance/data"
)

var testDay = data.MustDate("2026-11-24") // a Tuesday

// book is a store in a temporary folder with a client, its overdue
// invoices and the standard scenario's first reminder.
type book struct {
	store    *data.Store
	dir      string
	client   data.Client
	invoices []data.Invoice
	step     data.Step // reminder_1
}

func newBook(t *testing.T, invoices int) *book {
	t.Helper()
	dir := t.TempDir()
	store, err := data.Open(filepath.Join(dir, "relance.db"), data.WithClock(data.ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return fillBook(t, store, dir, invoices)
}

func fillBook(t *testing.T, store *data.Store, dir string, invoices int) *book {
	t.Helper()
	ctx := context.Background()
	b := &book{store: store, dir: dir}
	completeCompany(t, store)
	b.client = data.Client{Name: "Boulangerie Vernet", Email: "compta@vernet.fr", EmailCC: "gerant@vernet.fr"}
	if err := store.CreateClient(ctx, &b.client); err != nil {
		t.Fatal(err)
	}
	for i := range invoices {
		inv := data.Invoice{Number: fmt.Sprintf("FA-2026-%04d", i+1), ClientID: b.client.ID, IssueDate: testDay.AddDays(-40),
			DueDate: testDay.AddDays(-10), Amount: data.Money(125050 + i)}
		if err := store.CreateInvoice(ctx, &inv); err != nil {
			t.Fatal(err)
		}
		b.invoices = append(b.invoices, inv)
	}
	scenarios, err := store.ListScenarios(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range scenarios[0].Steps {
		if st.TemplateKey == "reminder_1" {
			b.step = st
		}
	}
	return b
}

// files is where the book's archived messages are kept: its folder.
func (b *book) files() *archive.Files { return &archive.Files{Dir: b.dir, Store: b.store} }

// group is the first reminder of invoice i, alone.
func (b *book) group(i int) dunning.Group {
	inv := b.invoices[i]
	d := dunning.Due{InvoiceID: inv.ID, Number: inv.Number, ClientID: inv.ClientID, Step: b.step, Planned: testDay,
		Outstanding: inv.Amount, DaysLate: 10}
	return dunning.Group{ClientID: inv.ClientID, Channel: data.ChannelEmail, Lead: d, Items: []dunning.Due{d}, Total: inv.Amount}
}

// account saves the account for srv and its password in the (mock)
// keychain, and returns the service.
func (b *book) service(t *testing.T, a data.MailAccount, password string) *Service {
	t.Helper()
	keyring.MockInit()
	if err := b.store.UpdateMailAccount(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	secrets := NewSecrets(SystemKeyring{})
	if password != "" {
		if ok, err := secrets.Set(SecretPassword, &a, password); !ok {
			t.Fatalf("mock keychain refused the password: %v", err)
		}
	}
	return NewService(b.store, b.files(), secrets, testTransport(t))
}

// message is a reminder of invoice i as the dialog would send it.
func (b *book) message(i int) Message {
	g := b.group(i)
	return MessageFor(g, Draft{To: []string{"compta@vernet.fr"}, Cc: []string{"gerant@vernet.fr"},
		Subject: "Relance : facture " + b.invoices[i].Number + " — échéance dépassée",
		Text:    "Bonjour,\n\nSauf erreur de notre part, la facture " + b.invoices[i].Number + " reste impayée.\n\nCordialement,\nÉlodie",
		HTML:    "<p>Bonjour,</p><p>Sauf erreur de notre part, la facture reste impayée.</p>"})
}

// completeCompany fills in the company details every email needs: send-due
// refuses without them.
func completeCompany(t *testing.T, store *data.Store) {
	t.Helper()
	ctx := context.Background()
	co, err := store.GetCompany(ctx)
	if err != nil {
		t.Fatal(err)
	}
	co.LegalName, co.IBAN, co.SignatoryName = "Atelier Dupont", "FR7630006000011234567890189", "Claire Dupont"
	if err := store.UpdateCompany(ctx, &co); err != nil {
		t.Fatal(err)
	}
}
