package settings

import (
	"context"
	"net"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/mail"
	"relance/app/oauth"
	"relance/app/ui/kit"
	"relance/data"
)

// detectDelay: the provider of the address typed is looked up once the
// owner stops typing for this long (a DNS lookup of its MX).
const detectDelay = 700 * time.Millisecond

// signInButtonKeys are the sign-in button's words by provider.
var signInButtonKeys = map[string]string{data.OAuthMicrosoft: "mail.signin.with_microsoft",
	data.OAuthGoogle: "mail.signin.with_google"}

// signInWhyKeys say why each provider wants this sign-in.
var signInWhyKeys = map[string]string{data.OAuthMicrosoft: "mail.signin.why_microsoft", data.OAuthGoogle: "mail.signin.why_google"}

// mailSignIn is the "Sign in with Microsoft / Google" part of the Email
// tab: offered when the address's domain, its MX or the preset chosen
// points to one of them; then who is signed in, and Sign out. The advanced
// part takes the Microsoft tenant and an app registration of the owner's.
type mailSignIn struct {
	s        *mailSection
	box      *fyne.Container
	hint     *widget.Label
	status   *widget.Label
	button   *widget.Button
	cancel   *widget.Button
	signOut  *widget.Button
	advanced *widget.Accordion
	form     *kit.Form

	tenant, clientID, clientSecret *kit.Entry

	detected mail.SignInWith
	stop     context.CancelFunc // the sign-in under way
	timer    *time.Timer
	// lookupMX finds where a domain's mail goes (the resolver's in the
	// app, a table in tests).
	lookupMX func(ctx context.Context, domain string) ([]*net.MX, error)
}

func newMailSignIn(s *mailSection) *mailSignIn {
	g := &mailSignIn{s: s, lookupMX: net.DefaultResolver.LookupMX,
		hint:   &widget.Label{Wrapping: fyne.TextWrapWord},
		status: &widget.Label{Wrapping: fyne.TextWrapWord}}
	g.button = &widget.Button{Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: g.onSignIn}
	g.cancel = &widget.Button{Text: lang.L("mail.signin.cancel"), Icon: theme.CancelIcon(), OnTapped: g.onCancel}
	g.signOut = &widget.Button{Text: lang.L("mail.signin.sign_out"), Icon: theme.LogoutIcon(), OnTapped: g.onSignOut}
	g.cancel.Hide()
	g.signOut.Hide()
	g.tenant = s.newEntry("")
	g.clientID = s.newEntry("")
	g.clientSecret = s.newEntry("")
	g.form = kit.NewForm()
	g.form.Add("oauth_tenant", false, g.tenant)
	g.form.Add("oauth_client_id", false, g.clientID)
	g.form.Add("oauth_client_secret", false, g.clientSecret)
	g.advanced = widget.NewAccordion(widget.NewAccordionItem(lang.L("mail.signin.advanced"), g.form.Content()))
	g.box = container.NewVBox(g.hint, container.NewHBox(g.button, g.cancel, g.signOut), g.status)
	g.box.Hide()
	g.advanced.Hide()
	g.status.Hide()
	return g
}

// set shows the account's sign-in as stored, and looks up its provider.
func (g *mailSignIn) set(a data.MailAccount) {
	g.tenant.SetText(a.OAuthTenant)
	g.clientID.SetText(a.OAuthClientID)
	g.clientSecret.SetText(a.OAuthClientSecret)
	g.detected = mail.SignInWith{Provider: a.OAuthProvider, Tenant: a.OAuthTenant}
	g.setStatus("")
	g.show()
	if a.FromAddress != "" && a.OAuthProvider == "" {
		g.s.host.Async(func() { g.detect(a.FromAddress) })
	}
}

// read puts the sign-in's settings in an account read from the form.
func (g *mailSignIn) read(a *data.MailAccount) {
	a.OAuthProvider = g.s.loaded.OAuthProvider
	a.OAuthTenant, a.OAuthClientID, a.OAuthClientSecret = g.tenant.Text, g.clientID.Text, g.clientSecret.Text
}

// onAddress looks the provider up once the owner stops typing.
func (g *mailSignIn) onAddress(address string) {
	if g.timer != nil {
		g.timer.Stop()
	}
	g.timer = time.AfterFunc(detectDelay, func() { g.s.host.Async(func() { g.detect(address) }) })
}

// onPreset offers the sign-in of the preset's provider, when it has one.
func (g *mailSignIn) onPreset(p mail.Preset) {
	if p.SignIn == "" {
		return
	}
	g.detected = mail.SignInWith{Provider: p.SignIn, Tenant: g.tenant.Text}
	g.show()
}

// detect finds the address's provider (off the UI goroutine) and shows it.
func (g *mailSignIn) detect(address string) {
	found := mail.SignInProvider(context.Background(), address, g.lookupMX)
	fyne.Do(func() {
		if found.Provider == "" || g.s.loaded.OAuthProvider != "" {
			return // nothing to offer, or signed in already
		}
		g.detected = found
		if found.Tenant != "" && g.tenant.Text == "" {
			g.tenant.SetText(found.Tenant)
		}
		g.show()
	})
}

// setStatus says how the sign-in stands (nothing: no line).
func (g *mailSignIn) setStatus(text string) {
	g.status.SetText(text)
	kit.SetVisible(g.status, text != "")
}

// show lays the part out for the provider found and the account's state.
func (g *mailSignIn) show() {
	provider := g.detected.Provider
	if provider == "" {
		g.box.Hide()
		g.advanced.Hide()
		g.s.secretField.SetVisible(true)
		return
	}
	name := providerName(provider)
	g.button.SetText(lang.L(signInButtonKeys[provider]))
	g.hint.SetText(lang.L("mail.signin.hint", map[string]any{"Provider": name}) + " " + lang.L(signInWhyKeys[provider]))
	signedIn := g.s.loaded.OAuthProvider == provider
	kit.SetVisible(g.signOut, signedIn)
	g.form.Field("oauth_client_secret").SetVisible(provider == data.OAuthGoogle)
	// Signed in, the account needs no password.
	g.s.secretField.SetVisible(!signedIn)
	g.box.Show()
	g.advanced.Show()
	if signedIn && g.status.Text == "" {
		g.s.host.Async(g.showSignedIn)
	}
}

// showSignedIn says who is signed in, once the keychain says so.
func (g *mailSignIn) showSignedIn() {
	a := g.s.loaded
	_, err := g.s.host.Mail().Secrets().Get(mail.SecretRefresh, &a)
	fyne.Do(func() {
		if err != nil {
			g.setStatus(kit.MailCauseText(&mail.Error{Cause: mail.CauseSignIn, Err: err}))
			return
		}
		g.setStatus(lang.L("mail.signin.signed_in", map[string]any{
			"Provider": providerName(a.OAuthProvider), "Address": a.Username}))
	})
}

// onSignIn signs the account in, in the browser: the form as it stands,
// with the provider found; saved once signed in.
func (g *mailSignIn) onSignIn() {
	s := g.s
	a := s.read()
	a.OAuthProvider, a.Auth = g.detected.Provider, data.AuthXOAUTH2
	if a.Username == "" {
		a.Username = a.FromAddress
		s.username.SetText(a.Username)
	}
	days, derr := s.readCheckAfter()
	if verr := s.validate(&a); derr != nil || verr != nil {
		s.showErrors(kit.MergeErrors(data.FieldErrorsOf(derr), verr))
		return
	}
	s.showErrors(nil)
	ctx, stop := context.WithCancel(context.Background())
	g.stop = stop
	g.button.Disable()
	g.cancel.Show()
	g.setStatus(lang.L("mail.signin.waiting"))
	page := oauth.Page{Title: lang.L("mail.signin.page_title"), Done: lang.L("mail.signin.page_done"),
		Failed: lang.L("mail.signin.page_failed")}
	s.host.Async(func() {
		defer stop()
		inKeychain, err := s.host.Mail().SignIn(ctx, &a, page, s.host.OpenBrowser)
		if err == nil {
			err = s.host.Store().UpdateMailAccount(ctx, &a)
		}
		if err == nil {
			err = s.host.Store().SetMailCheckAfterDays(ctx, days)
		}
		why := s.host.Mail().Secrets().Unavailable()
		fyne.Do(func() {
			g.button.Enable()
			g.cancel.Hide()
			if err != nil {
				g.setStatus(kit.SignInErrorText(err))
				return
			}
			s.loaded = a
			words := map[string]any{"Provider": providerName(a.OAuthProvider), "Address": a.Username}
			key := "mail.signin.signed_in"
			if !inKeychain && why != nil {
				key, words["Reason"] = "mail.signin.signed_in_memory", kit.MailKeychainText(why)
			}
			g.setStatus(lang.L(key, words))
			s.auth.SetSelectedIndex(max(indexOf(data.AuthMechanisms, a.Auth), 0))
			g.show()
			s.save.Show()
		})
	})
}

func (g *mailSignIn) onCancel() {
	if g.stop != nil {
		g.stop()
	}
}

// onSignOut forgets the sign-in: the account goes back to a password.
func (g *mailSignIn) onSignOut() {
	s := g.s
	a := s.loaded
	s.host.Async(func() {
		err := s.host.Mail().SignOut(&a)
		a.OAuthProvider, a.Auth = "", data.AuthAuto
		if err == nil {
			err = s.host.Store().UpdateMailAccount(context.Background(), &a)
		}
		fyne.Do(func() {
			if err != nil {
				g.setStatus(kit.SignInErrorText(err))
				return
			}
			s.loaded = a
			s.auth.SetSelectedIndex(0)
			g.show()
			g.setStatus(lang.L("mail.signin.signed_out"))
		})
	})
}

// providerName is an OAuth provider's name, as the owner knows it.
func providerName(provider string) string { return lang.L("mail.provider." + provider) }
