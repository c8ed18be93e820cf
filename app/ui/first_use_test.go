package ui

import (
	"strings"
	"testing"

	"relance/app/ui/uitest"

	"relance/app/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// With the company step skipped, neither Send nor Print produces an email
// or a letter with an empty name, IBAN or signatory: each refuses with the
// banner's sentence, and nothing is queued, printed or recorded.
func TestSendAndPrintRefuseWithoutCompanyDetails(t *testing.T) {
	b := newTodayBookWithoutCompany(t)
	useMailServer(t, b.u, uitest.StartMailServer(t))
	martin := b.client("Boulangerie Martin", "")
	notice := b.invoice(martin, "FA-2026-042", "2026-10-25", 125000)
	b.done(notice, "pre_due", "reminder_1", "call", "reminder_2")
	mail := b.invoice(b.client("Café Durand", ""), "FA-2026-043", "2026-11-20", 5000)
	b.refresh()

	test.Tap(uitest.FindButton(t, b.mustCard(mail.Number), lang.L("mail.today.send")))
	want := kit.CompanyMissingSentence([]string{"legal_name", "iban", "signatory_name"})
	if !uitest.TextOnScreen(top(b.u), want) {
		t.Fatalf("Send did not refuse with %q", want)
	}
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("button.cancel")))
	test.Tap(b.mustCard(notice.Number).print)
	// A printed letter also states the registered office.
	if want := kit.CompanyMissingSentence([]string{"legal_name", "iban", "signatory_name", "street"}); !uitest.TextOnScreen(top(b.u), want) {
		t.Fatalf("Print did not refuse with %q", want)
	}
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("today.company.complete")))
	if b.u.tabs.SelectedIndex() != navSettings {
		t.Errorf("the refusal's button opened screen %d, not Settings", b.u.tabs.SelectedIndex())
	}
	for _, inv := range []data.Invoice{notice, mail} {
		for _, a := range b.actions(inv) {
			if a.File != "" {
				t.Errorf("%s: %+v recorded without company details", inv.Number, a)
			}
		}
	}
	pending, err := b.store.ListOutboxPending(b.ctx)
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
	martin := b.client("Boulangerie Martin", "")
	martin.ContactName = "Mme Roy"
	if err := b.store.UpdateClient(b.ctx, &martin); err != nil {
		t.Fatal(err)
	}
	inv := b.invoice(martin, "FA-2026-042", "2026-10-25", 125000)
	b.done(inv, "pre_due", "reminder_1", "call", "reminder_2")
	task := data.Task{ClientID: martin.ID, Kind: data.TaskFixContact, Note: "Mme Roy est partie"}
	if err := b.store.CreateTask(b.ctx, &task); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	test.Tap(b.mustCard(inv.Number).print)
	dlg := top(b.u)
	if !uitest.LabelContains(dlg, "Mme Roy est partie") {
		t.Fatal("printing does not say the contact left")
	}
	for _, a := range b.actions(inv) {
		if a.File != "" {
			t.Fatalf("printed before the contact was confirmed: %+v", a)
		}
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("letters.contact.print")))
	printed := false
	for _, a := range b.actions(inv) {
		printed = printed || (a.StepID == b.steps["formal_notice"].ID && a.File != "")
	}
	if !printed {
		t.Fatal("confirmed, the notice was not printed")
	}
	tasks, _ := b.store.ListOpenTasksByClient(b.ctx, data.TaskFixContact)
	if len(tasks[martin.ID]) != 0 {
		t.Error("the contact was confirmed but its task is still open")
	}
}

// A letter needs the client's postal address: printing one without it
// says so, and nothing is recorded.
func TestPrintRefusesWithoutTheClientsAddress(t *testing.T) {
	b := newTodayBook(t)
	c := b.client("Boulangerie Martin", "")
	c.Address = data.Address{City: "Lyon"}
	if err := b.store.UpdateClient(b.ctx, &c); err != nil {
		t.Fatal(err)
	}
	inv := b.invoice(c, "FA-2026-042", "2026-10-25", 125000)
	b.done(inv, "pre_due", "reminder_1", "call", "reminder_2")
	b.refresh()
	test.Tap(b.mustCard(inv.Number).print)
	want := lang.L("error.client_address", map[string]any{"Client": "Boulangerie Martin"})
	if !uitest.TextOnScreen(top(b.u), want) {
		t.Fatalf("Print did not refuse with %q", want)
	}
	for _, a := range b.actions(inv) {
		if a.File != "" {
			t.Errorf("printed without an address: %+v", a)
		}
	}
}
