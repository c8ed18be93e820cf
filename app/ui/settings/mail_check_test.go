package settings

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"

	"relance/app/mail"
	"relance/app/ui/uitest"
	"relance/data"
)

// The "check after" days are a setting of the Email tab.
func TestMailSettingsCheckAfterDays(t *testing.T) {
	keyring.MockInit()
	u, store := openSettings(t, SectionMail)
	ctx := context.Background()
	a := data.MailAccount{FromName: "Atelier Dupont", FromAddress: uitest.MailUser, Host: "127.0.0.1", Port: 2525,
		Security: data.SecurityNone, AllowPlaintext: true, Username: uitest.MailUser, Auth: data.AuthAuto}
	uitest.Must(t, store.UpdateMailAccount(ctx, &a))
	if saved, why := mail.NewSecrets(mail.SystemKeyring{}).Set(mail.SecretPassword, &a, uitest.MailPassword); !saved {
		t.Fatalf("the mock keychain refused the password: %v", why)
	}
	u.settings.Update(ctx) // the account as the owner saved it earlier
	root := top(u)
	field, _ := uitest.FormRow(t, root, "mail_check_after")
	if got := uitest.EntryOf(t, field).Text; got != "2" {
		t.Fatalf("default shown %q", got)
	}
	uitest.Fill(t, root, "mail_check_after", "0")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if got := uitest.FieldError(t, root, "mail_check_after"); got == "" {
		t.Fatal("0 days accepted")
	}
	uitest.Fill(t, root, "mail_check_after", "7")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if n, _ := store.GetMailCheckAfterDays(ctx); n != 7 {
		t.Fatalf("saved %d", n)
	}
}
