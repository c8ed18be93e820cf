package settings

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"

	"relance/app/mail"
	"relance/app/oauth"
	"relance/app/oauth/oauthtest"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// TestMailSettingsSignInWithMicrosoft: the Microsoft 365 preset offers
// "Sign in with Microsoft"; the sign-in runs in the browser against an
// authorization server on 127.0.0.1, the account is saved signed in (no
// password row any more, the refresh token in the keychain); Sign out
// forgets it.
func TestMailSettingsSignInWithMicrosoft(t *testing.T) {
	u, store, browser := openSignIn(t)
	s := u.settings.mail
	root := s.content
	if !s.signIn.box.Hidden {
		t.Fatal("a sign-in is offered before any address or preset")
	}
	uitest.SelectIn(t, root, "mail_preset", "Outlook.com / Microsoft 365")
	if s.signIn.box.Hidden || s.signIn.button.Text != lang.L("mail.signin.with_microsoft") {
		t.Fatalf("the Microsoft preset offers %q (hidden %v)", s.signIn.button.Text, s.signIn.box.Hidden)
	}
	uitest.Fill(t, root, "from_address", "claire@atelier-dupont.fr")
	s.signIn.timer.Stop()
	s.signIn.clientID.SetText(oauthtest.ClientID) // a registration of the owner's: the test build has none

	test.Tap(s.signIn.button)
	want := lang.L("mail.signin.signed_in", map[string]any{"Provider": "Microsoft", "Address": "claire@atelier-dupont.fr"})
	if s.signIn.status.Text != want {
		t.Fatalf("after signing in: %q, want %q (opened %v)", s.signIn.status.Text, want, u.Browsed)
	}
	if page, _ := browser.Page(); !strings.Contains(page, lang.L("mail.signin.page_done")) {
		t.Errorf("the browser shows %q", page)
	}
	a, err := store.GetMailAccount(context.Background())
	if err != nil || a.OAuthProvider != data.OAuthMicrosoft || a.Auth != data.AuthXOAUTH2 || a.Username != a.FromAddress ||
		a.OAuthClientID != oauthtest.ClientID {
		t.Fatalf("saved %+v, %v", a, err)
	}
	if refresh, err := u.Mail().Secrets().Get(mail.SecretRefresh, &a); err != nil || refresh == "" {
		t.Fatalf("no refresh token in the keychain: %v", err)
	}
	if s.secretField.Label.Visible() || s.signIn.signOut.Hidden {
		t.Error("signed in, the password row shows, or Sign out does not")
	}

	test.Tap(s.signIn.signOut)
	a, _ = store.GetMailAccount(context.Background())
	if a.OAuthProvider != "" || s.signIn.status.Text != lang.L("mail.signin.signed_out") || !s.secretField.Label.Visible() {
		t.Errorf("after signing out: %+v, %q", a, s.signIn.status.Text)
	}
	if _, err := u.Mail().Secrets().Get(mail.SecretRefresh, &data.MailAccount{FromAddress: a.FromAddress,
		Username: a.Username, Host: a.Host}); err == nil {
		t.Error("the refresh token is still in the keychain")
	}
}

// TestMailSettingsSignInRefused: a refusal in the browser says so.
func TestMailSettingsSignInRefused(t *testing.T) {
	u, store, _ := openSignIn(t)
	s := u.settings.mail
	uitest.SelectIn(t, s.content, "mail_preset", "Gmail")
	uitest.Fill(t, s.content, "from_address", "refuse@gmail.com")
	s.signIn.timer.Stop()
	s.signIn.clientID.SetText(oauthtest.ClientID)
	test.Tap(s.signIn.button)
	if got := s.signIn.status.Text; !strings.HasPrefix(got, lang.L("mail.signin.denied")) {
		t.Errorf("refused: %q", got)
	}
	if a, _ := store.GetMailAccount(context.Background()); a.OAuthProvider != "" {
		t.Errorf("a refused sign-in was saved: %+v", a)
	}
}

// TestMailSettingsOfferTheProviderOfTheAddress: an address whose domain's
// mail goes to Google Workspace is offered "Sign in with Google".
func TestMailSettingsOfferTheProviderOfTheAddress(t *testing.T) {
	u, _ := openSettings(t, SectionMail)
	s := u.settings.mail
	s.signIn.lookupMX = func(_ context.Context, domain string) ([]*net.MX, error) {
		if domain == "vernet.fr" {
			return []*net.MX{{Host: "aspmx.l.google.com."}}, nil
		}
		return nil, errors.New("no such host")
	}
	s.signIn.detect("compta@vernet.fr")
	if s.signIn.box.Hidden || s.signIn.button.Text != lang.L("mail.signin.with_google") {
		t.Errorf("offered %q (hidden %v)", s.signIn.button.Text, s.signIn.box.Hidden)
	}
}

// openSignIn opens the Email settings with an authorization server on
// 127.0.0.1 as every provider, a browser that follows its pages, the
// keychain mocked and no DNS.
func openSignIn(t *testing.T) (*settingsUI, *data.Store, *oauthtest.Browser) {
	t.Helper()
	keyring.MockInit()
	auth := oauthtest.NewServer(t)
	t.Setenv(oauth.ServerVar, auth.URL())
	u, store := openSettings(t, SectionMail)
	u.settings.mail.signIn.lookupMX = func(context.Context, string) ([]*net.MX, error) { return nil, errors.New("offline") }
	browser := &oauthtest.Browser{T: t}
	u.Browse = browser.Open
	return u, store, browser
}

// TestMailSettingsSayWhenTheInboxWasRead: the Email tab says what the last
// look at the inbox found, or that none was made.
func TestMailSettingsSayWhenTheInboxWasRead(t *testing.T) {
	u, store := openSettings(t, SectionMail)
	if got := u.settings.mail.inbox.Text; got != lang.L("mail.inbox.never") {
		t.Errorf("before any look: %q", got)
	}
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.Local)
	report, _ := json.Marshal(mail.InboxReport{At: at, Read: 5, Bounces: 1, Replies: 2})
	if err := store.SetState(context.Background(), mail.InboxReportKey, string(report)); err != nil {
		t.Fatal(err)
	}
	u.settings.mail.showInbox()
	want := lang.L("mail.inbox.last", map[string]any{"Date": kit.Date(data.DateOf(at)), "Time": "09:30",
		"Found": lang.N("mail.inbox.read_count", 5, map[string]any{"Count": 5}) + ", " +
			lang.N("mail.inbox.bounce_count", 1, map[string]any{"Count": 1}) + ", " +
			lang.N("mail.inbox.reply_count", 2, map[string]any{"Count": 2})})
	if !strings.Contains(want, "5") || !strings.Contains(want, "2") {
		t.Fatalf("the counts are not in %q", want)
	}
	if got := u.settings.mail.inbox.Text; got != want {
		t.Errorf("after a look: %q, want %q", got, want)
	}
}

// TestReadInboxNowWithoutAServer: "Read now" on an account with no IMAP
// server says so instead of a look that cannot be made.
func TestReadInboxNowWithoutAServer(t *testing.T) {
	u, _ := openSettings(t, SectionMail)
	test.Tap(u.settings.mail.inboxNow)
	if got := u.settings.mail.inbox.Text; got != lang.L("mail.inbox.no_server") {
		t.Errorf("read now with no IMAP server: %q", got)
	}
	if u.settings.mail.inboxNow.Disabled() {
		t.Error("the button stays disabled")
	}
}
