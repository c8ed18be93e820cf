package invoices

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/exports"
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
	"relance/app/ui/uitest"
)

// TestSendOpenItemsToTheAccountant: "Send the open items to my
// accountant" drafts the email from the company; a wrong address is named
// under its field and nothing goes; once corrected, the local server
// receives the email with the workbook attached, and the address is kept
// as the accountant's, offered the next time.
func TestSendOpenItemsToTheAccountant(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	srv := uitest.StartMailServer(t)
	svc, _ := srv.MailService(t, u.Store(), u.DataDir())
	u.mailer.Stop()
	u.mailer = mailui.New(u, svc, u.Services.Composer)

	u.mailer.SendToAccountant()
	dlg := top(u)
	file := exports.FileName(kit.Say, exports.ReportAccountant, testDay, exports.XLSX.Ext())
	if !uitest.TextOnScreen(dlg, file) {
		t.Fatalf("the dialog does not name the file %s", file)
	}
	uitest.Fill(t, dlg, "accountant_email", "cabinet.exemple.fr")
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	if msg := uitest.FieldError(t, dlg, "accountant_email"); msg == "" || len(srv.Received()) != 0 {
		t.Fatalf("a wrong address: error %q, %d emails sent", msg, len(srv.Received()))
	}
	uitest.Fill(t, dlg, "accountant_email", "cabinet@exemple.fr")
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	if len(u.Errors) > 0 {
		t.Fatal(u.Errors)
	}
	got := srv.Received()
	if len(got) != 1 {
		t.Fatalf("%d emails received", len(got))
	}
	for _, want := range []string{"To: <cabinet@exemple.fr>", "filename=\"" + file + "\"",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} {
		if !strings.Contains(got[0], want) {
			t.Errorf("the email lacks %q", want)
		}
	}
	company, err := u.Store().GetCompany(context.Background())
	if err != nil || company.AccountantEmail != "cabinet@exemple.fr" {
		t.Errorf("the accountant's address kept: %q, %v", company.AccountantEmail, err)
	}
	u.Escape()
	u.mailer.SendToAccountant()
	if entry := uitest.EntryOf(t, uitest.FirstInput(t, top(u), "accountant_email")); entry.Text != "cabinet@exemple.fr" {
		t.Errorf("the next time the dialog offers %q", entry.Text)
	}
}

// TestSendToAccountantWithoutAccount: with no mail account, the dialog
// says where to set one up, in words, and nothing is kept.
func TestSendToAccountantWithoutAccount(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	u.mailer.SendToAccountant()
	dlg := top(u)
	uitest.Fill(t, dlg, "accountant_email", "cabinet@exemple.fr")
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	if !uitest.LabelContains(dlg, lang.L("mail.cause.not_configured")) {
		t.Error("the dialog does not say the account is missing")
	}
	if company, _ := u.Store().GetCompany(context.Background()); company.AccountantEmail != "" {
		t.Errorf("an address kept although nothing went: %q", company.AccountantEmail)
	}
}
