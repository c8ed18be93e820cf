package today

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// With the company step skipped, neither Send nor Print produces an email
// or a letter with an empty name, IBAN or signatory: each refuses with the
// banner's sentence, and nothing is queued, printed or recorded.
func TestSendAndPrintRefuseWithoutCompanyDetails(t *testing.T) {
	b := newTodayBookWithoutCompany(t)
	useMailServer(t, b.u, uitest.StartMailServer(t))
	martin := b.Client("Boulangerie Martin", "")
	notice := b.Invoice(martin, "FA-2026-042", "2026-10-25", 125000)
	b.Done(notice, "pre_due", "reminder_1", "call", "reminder_2")
	mail := b.Invoice(b.Client("Café Durand", ""), "FA-2026-043", "2026-11-20", 5000)
	b.refresh()

	// The window shows the refusal, with the way to the settings (the
	// window's own tests see to that): here, the error it is handed.
	refusal := func(what string, want string) {
		t.Helper()
		if n := len(b.u.Errors); n == 0 || !errors.Is(b.u.Errors[n-1], data.ErrCompanyIncomplete) || kit.ErrorSentence(b.u.Errors[n-1]) != want {
			t.Fatalf("%s did not refuse with %q: %v", what, want, b.u.Errors)
		}
	}
	test.Tap(uitest.FindButton(t, b.mustCard(mail.Number), lang.L("mail.today.send")))
	refusal("Send", kit.CompanyMissingSentence([]string{"legal_name", "iban", "signatory_name"}))
	test.Tap(b.mustCard(notice.Number).print)
	// A printed letter also states the registered office.
	refusal("Print", kit.CompanyMissingSentence([]string{"legal_name", "iban", "signatory_name", "street"}))
	for _, inv := range []data.Invoice{notice, mail} {
		for _, a := range b.Actions(inv) {
			if a.File != "" {
				t.Errorf("%s: %+v recorded without company details", inv.Number, a)
			}
		}
	}
	pending, err := b.Store.ListOutboxPending(b.Ctx)
	if err != nil || len(pending) != 0 {
		t.Errorf("%d emails queued (%v)", len(pending), err)
	}
}

// The email says "ci-joint" of the invoice whose PDF goes with it, and no
// longer once the owner leaves the PDF out.
func TestSendDialogSaysAttachedOnlyOfKeptFiles(t *testing.T) {
	b, _, inv := mailBook(t)
	test.Tap(uitest.FindButton(t, b.mustCard(inv.Number), lang.L("mail.today.send")))
	dlg := top(b.u)
	var attach *widget.Check
	var body *widget.Entry
	uitest.Walk(dlg, nil, func(o, _ fyne.CanvasObject) {
		if c, ok := uitest.AsCheck(o); ok && strings.Contains(c.Text, "FA-2026-042.pdf") {
			attach = c
		}
		if e, ok := o.(*kit.Entry); ok && e.MultiLine {
			body = &e.Entry
		}
	})
	if attach == nil || body == nil {
		t.Fatal("no attachment box or no body in the dialog")
	}
	if !strings.Contains(body.Text, "ci-joint la facture\u00a0FA-2026-042") {
		t.Fatalf("the PDF is attached but the email does not say so:\n%s", body.Text)
	}
	attach.SetChecked(false)
	if strings.Contains(body.Text, "ci-joint") {
		t.Fatalf("the PDF is left out but the email says ci-joint:\n%s", body.Text)
	}
	attach.SetChecked(true)
	if !strings.Contains(body.Text, "ci-joint") {
		t.Fatal("ticked again, the email no longer mentions the PDF")
	}
	body.SetText(body.Text + "\nMerci.")
	attach.SetChecked(false)
	if !strings.HasSuffix(body.Text, "Merci.") {
		t.Error("leaving a file out rewrote words the owner had edited")
	}
}

// A letter addressed to a contact a call said has left waits for the owner
// to confirm the contact; confirmed, the task is done and it prints.
func TestPrintWaitsWhenTheContactLeft(t *testing.T) {
	b := newTodayBook(t)
	martin := b.Client("Boulangerie Martin", "")
	martin.ContactName = "Mme Roy"
	if err := b.Store.UpdateClient(b.Ctx, &martin); err != nil {
		t.Fatal(err)
	}
	inv := b.Invoice(martin, "FA-2026-042", "2026-10-25", 125000)
	b.Done(inv, "pre_due", "reminder_1", "call", "reminder_2")
	task := data.Task{ClientID: martin.ID, Kind: data.TaskFixContact, Note: "Mme Roy est partie"}
	if err := b.Store.CreateTask(b.Ctx, &task); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	test.Tap(b.mustCard(inv.Number).print)
	dlg := top(b.u)
	if !uitest.LabelContains(dlg, "Mme Roy est partie") {
		t.Fatal("printing does not say the contact left")
	}
	for _, a := range b.Actions(inv) {
		if a.File != "" {
			t.Fatalf("printed before the contact was confirmed: %+v", a)
		}
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("letters.contact.print")))
	printed := false
	for _, a := range b.Actions(inv) {
		printed = printed || (a.StepID == b.Steps["formal_notice"].ID && a.File != "")
	}
	if !printed {
		t.Fatal("confirmed, the notice was not printed")
	}
	tasks, _ := b.Store.ListOpenTasksByClient(b.Ctx, data.TaskFixContact)
	if len(tasks[martin.ID]) != 0 {
		t.Error("the contact was confirmed but its task is still open")
	}
}

// A letter needs the client's postal address: printing one without it
// says so, and nothing is recorded.
func TestPrintRefusesWithoutTheClientsAddress(t *testing.T) {
	b := newTodayBook(t)
	c := b.Client("Boulangerie Martin", "")
	c.Address = data.Address{City: "Lyon"}
	if err := b.Store.UpdateClient(b.Ctx, &c); err != nil {
		t.Fatal(err)
	}
	inv := b.Invoice(c, "FA-2026-042", "2026-10-25", 125000)
	b.Done(inv, "pre_due", "reminder_1", "call", "reminder_2")
	b.refresh()
	test.Tap(b.mustCard(inv.Number).print)
	want := lang.L("error.client_address", map[string]any{"Client": "Boulangerie Martin"})
	if !uitest.TextOnScreen(top(b.u), want) {
		t.Fatalf("Print did not refuse with %q", want)
	}
	for _, a := range b.Actions(inv) {
		if a.File != "" {
			t.Errorf("printed without an address: %+v", a)
		}
	}
}
